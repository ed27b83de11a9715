/**
 * Which scored answers open a draft finding at the start of review, and how severe it is. The
 * severity follows the question: its `findingSeverity`, or else the weight of its domain in the
 * control score (3 and above: high, 2: medium, below 2: low). A failing answer (no points, or a
 * required question left unanswered) takes that severity; a partial one is a step lower.
 */
import type { KnockoutSeverity, Question } from './questionnaire-template.js';
import type { ScoreLine } from './scoring.js';

/** An answer scoring below this share of its points is weak. */
export const WEAK_POINTS = 0.5;
/** From this question weight on, a partial answer (half the points) is weak too. */
export const HIGH_QUESTION_WEIGHT = 3;

const SEVERITIES: readonly KnockoutSeverity[] = ['low', 'medium', 'high', 'critical'];

export function severityByDomainWeight(domainWeight: number): KnockoutSeverity {
  if (domainWeight >= 3) return 'high';
  if (domainWeight >= 2) return 'medium';
  return 'low';
}

export function isWeakAnswer(line: ScoreLine): boolean {
  if (line.status !== 'scored' && line.status !== 'unanswered_required') return false;
  if (line.points === null) return false;
  return line.points < WEAK_POINTS || (line.points <= WEAK_POINTS && line.weight >= HIGH_QUESTION_WEIGHT);
}

/** The severity of the draft finding for a weak answer, or null when the answer is not weak. */
export function weakAnswerSeverity(question: Pick<Question, 'findingSeverity'>, line: ScoreLine, domainWeight: number): KnockoutSeverity | null {
  if (!isWeakAnswer(line)) return null;
  const full = question.findingSeverity ?? severityByDomainWeight(domainWeight);
  if (line.points === 0) return full;
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(full) - 1)];
}
