/**
 * Whether a piece of evidence can still be relied on at a given day: past its `expiresAt` it is
 * expired; older than the strictest `evidence.maxAgeMonths` of the questions it supports it is
 * stale; with an age limit but no document date its age cannot be shown. Pure: the day is given,
 * never read from the clock, so a report built twice from the same data says the same.
 */
import type { Question } from './questionnaire-template.js';

export const FRESHNESS_STATES = ['current', 'stale', 'expired', 'undated'] as const;
export type FreshnessState = (typeof FRESHNESS_STATES)[number];

export interface DatedEvidence {
  /** YYYY-MM-DD, or null when the vendor gave none. */
  documentDate: string | null;
  expiresAt: string | null;
  /** The strictest age limit of the linked questions; null when none sets one. */
  maxAgeMonths: number | null;
}

export interface Freshness {
  state: FreshnessState;
  /** The last day the document counts as current by its age, when an age limit applies. */
  currentUntil: string | null;
  reasons: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day (UTC) of an instant, as YYYY-MM-DD. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `date` plus whole months, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`${date} is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const target = new Date(Date.UTC(year, month + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return dayOf(target);
}

/** The strictest (smallest) `evidence.maxAgeMonths` among the questions a document supports. */
export function maxAgeFor(questionIds: readonly string[], questions: ReadonlyMap<string, Pick<Question, 'evidence'>>): number | null {
  const limits = questionIds.map((id) => questions.get(id)?.evidence?.maxAgeMonths).filter((months): months is number => typeof months === 'number');
  return limits.length ? Math.min(...limits) : null;
}

export function freshness(evidence: DatedEvidence, asOf: Date): Freshness {
  const today = dayOf(asOf);
  const reasons: string[] = [];
  const expired = evidence.expiresAt !== null && evidence.expiresAt < today;
  if (expired) reasons.push(`expired on ${evidence.expiresAt}`);
  const currentUntil = evidence.maxAgeMonths !== null && evidence.documentDate !== null ? addMonths(evidence.documentDate, evidence.maxAgeMonths) : null;
  const stale = currentUntil !== null && currentUntil < today;
  if (stale) reasons.push(`older than ${evidence.maxAgeMonths} months (dated ${evidence.documentDate})`);
  const undated = evidence.maxAgeMonths !== null && evidence.documentDate === null;
  if (undated) reasons.push(`no document date, so its age (limit ${evidence.maxAgeMonths} months) cannot be shown`);
  const state: FreshnessState = expired ? 'expired' : stale ? 'stale' : undated ? 'undated' : 'current';
  return { state, currentUntil, reasons };
}
