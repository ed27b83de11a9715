/**
 * What is due on a given day, as pure functions of dates (YYYY-MM-DD, UTC calendar days). The
 * sweep asks these every run and the dedupe key of each answer makes it happen once; every stage
 * has a window of days, so a sweep that missed a day still sends the stage late instead of never.
 */

const DAY_MS = 86_400_000;

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to`: negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Stage {
  /** Part of the dedupe key: `T-7`, `T-2`, `T0`, `T+3`, `T+6`, … */
  name: string;
  /** Days after the due date on which the stage begins (negative before it). */
  startsAt: number;
}

/** Vendor reminders: T-7 and T-2, the due day, then every `overdueEveryDays` days past it. */
export const VENDOR_REMINDERS = { firstDaysBefore: 7, secondDaysBefore: 2, overdueEveryDays: 3 } as const;

/**
 * The vendor reminder stage of `today` for an assessment due on `dueDate`, or null. A stage that
 * began on or before the day the questionnaire was sent is skipped: the invitation said it all.
 */
export function vendorReminderOn(dueDate: string, today: string, sentOn: string): Stage | null {
  const offset = daysBetween(dueDate, today);
  const { firstDaysBefore, secondDaysBefore, overdueEveryDays } = VENDOR_REMINDERS;
  let stage: Stage | null;
  if (offset < -firstDaysBefore) stage = null;
  else if (offset < -secondDaysBefore) stage = { name: `T-${firstDaysBefore}`, startsAt: -firstDaysBefore };
  else if (offset < 0) stage = { name: `T-${secondDaysBefore}`, startsAt: -secondDaysBefore };
  else if (offset < overdueEveryDays) stage = { name: 'T0', startsAt: 0 };
  else {
    const startsAt = offset - (offset % overdueEveryDays);
    stage = { name: `T+${startsAt}`, startsAt };
  }
  if (!stage) return null;
  return daysBetween(sentOn, addDays(dueDate, stage.startsAt)) > 0 ? stage : null;
}

export const ESCALATE_AFTER_OVERDUE_DAYS = 7;

/** The requester and the risk managers hear of an assessment this many days overdue, once. */
export function escalationDue(dueDate: string, today: string): boolean {
  return daysBetween(dueDate, today) >= ESCALATE_AFTER_OVERDUE_DAYS;
}

export const NUDGE_REVIEWERS_EVERY_DAYS = 5;

/** A submission waiting for review: a nudge after 5 days, and again every 5 days it still waits. */
export function reviewNudgeOn(submittedOn: string, today: string): Stage | null {
  const waited = daysBetween(submittedOn, today);
  if (waited < NUDGE_REVIEWERS_EVERY_DAYS) return null;
  const startsAt = waited - (waited % NUDGE_REVIEWERS_EVERY_DAYS);
  return { name: `D+${startsAt}`, startsAt };
}

export const OBLIGATION_NOTICE_DAYS = 7;

/**
 * Conditions and remediation items: one notice when due within 7 days (or today), then one when
 * overdue, repeated weekly while it stays overdue.
 */
export function obligationNoticeOn(dueDate: string, today: string): Stage | null {
  const offset = daysBetween(dueDate, today);
  if (offset < -OBLIGATION_NOTICE_DAYS) return null;
  if (offset <= 0) return { name: 'due', startsAt: -OBLIGATION_NOTICE_DAYS };
  const startsAt = offset - ((offset - 1) % OBLIGATION_NOTICE_DAYS);
  return { name: `overdue+${startsAt}`, startsAt };
}

export const EXPIRY_NOTICE_DAYS = 30;

/** Evidence that ran out while no sweep ran is still announced, up to a week late. */
export const EXPIRED_NOTICE_CATCH_UP_DAYS = 7;

export type Expiry = 'valid' | 'expiring' | 'expired';

/** Risk acceptances and evidence: `expiring` within 30 days (the last valid day included), then `expired`. */
export function expiryOn(expiresOn: string, today: string, noticeDays = EXPIRY_NOTICE_DAYS): Expiry {
  const left = daysBetween(today, expiresOn);
  if (left < 0) return 'expired';
  return left <= noticeDays ? 'expiring' : 'valid';
}

export const DEFAULT_REASSESSMENT_LEAD_DAYS = 45;
export const MIN_REASSESSMENT_DAYS = 30;

/** The day a scheduled reassessment opens: `leadDays` before the approval runs out. */
export function reassessmentOpensOn(validUntil: string, leadDays: number): string {
  return addDays(validUntil, -leadDays);
}

export function reassessmentDue(validUntil: string, today: string, leadDays: number): boolean {
  return today >= reassessmentOpensOn(validUntil, leadDays);
}

/**
 * When the vendor must answer a reassessment: by the approval's end for a scheduled one, but
 * never with less than 30 days to do it; an event-triggered one has the 30 days.
 */
export function reassessmentDueDate(today: string, validUntil: string | null): string {
  const earliest = addDays(today, MIN_REASSESSMENT_DAYS);
  return validUntil && validUntil > earliest ? validUntil : earliest;
}
