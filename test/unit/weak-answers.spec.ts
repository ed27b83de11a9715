import { severityByDomainWeight, weakAnswerSeverity } from '../../src/domain/weak-answers.js';
import type { ScoreLine } from '../../src/domain/scoring.js';

const line = (points: number | null, weight: number, status: ScoreLine['status'] = 'scored'): ScoreLine => ({
  questionId: 'DATA-01',
  status,
  answer: null,
  points,
  weight,
  contribution: points === null ? null : points * weight,
});

describe('the severity of a weak-answer finding', () => {
  it.each([
    [3, 'high'],
    [5, 'high'],
    [2, 'medium'],
    [1, 'low'],
    [0.5, 'low'],
  ] as const)('defaults to %s for a domain of weight %d', (weight, severity) => {
    expect(severityByDomainWeight(weight)).toBe(severity);
  });

  it.each([
    ['a failing answer in a weight-3 domain', {}, line(0, 1), 3, 'high'],
    ['a failing answer in a weight-2 domain', {}, line(0, 2), 2, 'medium'],
    ['a failing answer in a weight-1 domain', {}, line(0, 1), 1, 'low'],
    ['an unanswered required question counts as failing', {}, line(0, 2, 'unanswered_required'), 3, 'high'],
    ['a weak partial answer is a step lower', {}, line(0.3, 2), 3, 'medium'],
    ['the template can name the severity', { findingSeverity: 'critical' as const }, line(0, 1), 1, 'critical'],
    ['a named severity is a step lower for a partial answer', { findingSeverity: 'critical' as const }, line(0.4, 1), 1, 'high'],
    ['never below low', {}, line(0.3, 1), 1, 'low'],
    ['"partly" on a high-weight question opens one', {}, line(0.5, 3), 3, 'medium'],
    ['"partly" on a weight-2 question opens none', {}, line(0.5, 2), 3, null],
    ['a good answer opens none', {}, line(0.8, 3), 3, null],
    ['an N/A answer opens none', {}, line(null, 3, 'not_applicable'), 3, null],
    ['a hidden question opens none', {}, line(null, 3, 'hidden'), 3, null],
  ])('%s', (_name, question, scoreLine, domainWeight, severity) => {
    expect(weakAnswerSeverity(question, scoreLine, domainWeight)).toBe(severity);
  });
});
