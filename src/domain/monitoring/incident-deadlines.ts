import { addCalendarDays, addCalendarMonths, addHours } from './zoned-time.js';

/**
 * The deployer's own reporting clocks for an incident, as instants (UTC) computed from the
 * instants the law counts from. Hours are exact durations; days and months are calendar time in
 * the configured zone (the authority's), so a deadline does not move by an hour across a clock
 * change. Readings of the texts:
 *
 * - DORA major ICT-related incident (Reg. 2022/2554 Art 19, with the implementing standard on
 *   reporting): the initial notification within 4 hours of classifying the incident as major and
 *   no later than 24 hours after becoming aware of it, whichever comes first; the intermediate
 *   report within 72 hours of the initial notification; the final report one month after the
 *   (latest) intermediate report. Until a notification is recorded, the next deadline counts from
 *   the previous deadline, the latest the notification could have been made.
 * - EU AI Act Art 73 serious incident: 15 days after becoming aware; 2 days for a widespread
 *   infringement or a serious disruption of critical infrastructure (Art 3(49)(b)); 10 days in
 *   the event of a death.
 * - GDPR Art 33: 72 hours after becoming aware of a personal-data breach, to the authority.
 */

export const REGIMES = ['dora', 'eu_ai_act', 'gdpr'] as const;
export type Regime = (typeof REGIMES)[number];

export const SERIOUS_INCIDENT_KINDS = ['standard', 'widespread_or_critical_infrastructure', 'death'] as const;
export type SeriousIncidentKind = (typeof SERIOUS_INCIDENT_KINDS)[number];

export const DEADLINE_STAGES = ['initial', 'intermediate', 'final', 'report'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

export interface IncidentClassification {
  /** Classified as a major ICT-related incident (DORA) at `classifiedAt`. */
  majorIct: boolean;
  /** An Article 73 serious incident, and which kind; null when not one. */
  seriousIncident: SeriousIncidentKind | null;
  personalDataBreach: boolean;
}

export interface IncidentClocks {
  /** When the deployer became aware (DORA's, Art 73's and Art 33's starting point). */
  awareAt: Date;
  classifiedAt: Date;
  zone: string;
  /** Notifications already made, by `regime.stage`. */
  notified: Partial<Record<string, Date>>;
}

export interface Deadline {
  regime: Regime;
  stage: DeadlineStage;
  dueAt: Date;
  /** The rule in words, for the record and the reminder. */
  rule: string;
  notifiedAt: Date | null;
}

const ART73_DAYS: Record<SeriousIncidentKind, number> = { standard: 15, widespread_or_critical_infrastructure: 2, death: 10 };

export function doraDeadlines(clocks: IncidentClocks): Deadline[] {
  const byClassification = addHours(clocks.classifiedAt, 4);
  const byAwareness = addHours(clocks.awareAt, 24);
  const initialDue = byClassification < byAwareness ? byClassification : byAwareness;
  const initialMade = clocks.notified['dora.initial'] ?? null;
  const intermediateDue = addHours(initialMade ?? initialDue, 72);
  const intermediateMade = clocks.notified['dora.intermediate'] ?? null;
  const finalDue = addCalendarMonths(intermediateMade ?? intermediateDue, 1, clocks.zone);
  return [
    { regime: 'dora', stage: 'initial', dueAt: initialDue, rule: 'DORA initial notification: 4 hours after classification as major, at most 24 hours after becoming aware', notifiedAt: initialMade },
    { regime: 'dora', stage: 'intermediate', dueAt: intermediateDue, rule: 'DORA intermediate report: 72 hours after the initial notification', notifiedAt: intermediateMade },
    { regime: 'dora', stage: 'final', dueAt: finalDue, rule: 'DORA final report: one month after the intermediate report', notifiedAt: clocks.notified['dora.final'] ?? null },
  ];
}

export function seriousIncidentDeadline(kind: SeriousIncidentKind, clocks: IncidentClocks): Deadline {
  const days = ART73_DAYS[kind];
  const why = kind === 'standard' ? '' : kind === 'death' ? ' (a death)' : ' (widespread infringement or critical infrastructure)';
  return { regime: 'eu_ai_act', stage: 'report', dueAt: addCalendarDays(clocks.awareAt, days, clocks.zone), rule: `EU AI Act Article 73 report: ${days} days after becoming aware${why}`, notifiedAt: clocks.notified['eu_ai_act.report'] ?? null };
}

export function personalDataBreachDeadline(clocks: IncidentClocks): Deadline {
  return { regime: 'gdpr', stage: 'report', dueAt: addHours(clocks.awareAt, 72), rule: 'GDPR Article 33 notification to the supervisory authority: 72 hours after becoming aware', notifiedAt: clocks.notified['gdpr.report'] ?? null };
}

/** Every deadline the classification brings, earliest first. */
export function incidentDeadlines(classification: IncidentClassification, clocks: IncidentClocks): Deadline[] {
  const deadlines = [
    ...(classification.majorIct ? doraDeadlines(clocks) : []),
    ...(classification.seriousIncident ? [seriousIncidentDeadline(classification.seriousIncident, clocks)] : []),
    ...(classification.personalDataBreach ? [personalDataBreachDeadline(clocks)] : []),
  ];
  return deadlines.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export interface DeadlineNotice {
  /** Part of the dedupe key. */
  name: 'T-24h' | 'T-2h' | 'overdue';
}

/**
 * The reminder a deadline not yet met calls for at `now`: a day before, two hours before, and
 * once when missed. A deadline already met needs none.
 */
export function deadlineNoticeAt(deadline: Deadline, now: Date): DeadlineNotice | null {
  if (deadline.notifiedAt) return null;
  const left = deadline.dueAt.getTime() - now.getTime();
  if (left <= 0) return { name: 'overdue' };
  if (left <= 2 * 3_600_000) return { name: 'T-2h' };
  if (left <= 24 * 3_600_000) return { name: 'T-24h' };
  return null;
}
