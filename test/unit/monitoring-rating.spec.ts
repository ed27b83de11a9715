import { colourActions, DEFAULT_COLOUR_POLICY } from '../../src/domain/monitoring/colour-actions.js';
import { resolveMetricKey } from '../../src/domain/monitoring/metric-catalogue.js';
import { rateValue, thresholdProblem, worstRating, type Rating } from '../../src/domain/monitoring/rating.js';
import { nextDueDate, nextPeriod, parsePeriod, periodContaining, periodDueDate, periodToChase, previousPeriod, type Cadence } from '../../src/domain/monitoring/periods.js';

describe('the metric catalogue', () => {
  it.each([
    ['auc', 'performance', 'ratio', 'higher_is_better'],
    ['brier', 'performance', 'ratio', 'lower_is_better'],
    ['psi_score', 'stability', 'index', 'lower_is_better'],
    ['psi_feature:income', 'stability', 'index', 'lower_is_better'],
    ['adverse_impact_ratio:age_band', 'fairness', 'ratio', 'higher_is_better'],
    ['equalized_odds_difference:sex', 'fairness', 'ratio', 'lower_is_better'],
    ['generative_failure_rate:toxicity', 'generative', 'ratio', 'lower_is_better'],
    ['availability', 'operations', 'percent', 'higher_is_better'],
    ['p95_latency_ms', 'operations', 'ms', 'lower_is_better'],
    ['complaints', 'operations', 'count', 'lower_is_better'],
  ])('knows %s: %s, %s, %s', (key, family, unit, direction) => {
    expect(resolveMetricKey(key)).toEqual({ metric: expect.objectContaining({ key, family, unit, direction }) });
  });

  it.each([['aucc'], ['auc:x'], ['psi_feature'], ['psi_feature:'], ['adverse_impact_ratio:a;b'], ['constructor'], ['custom']])('refuses the key %s', (key) => {
    expect(resolveMetricKey(key)).toEqual({ problem: expect.any(String) });
  });
});

describe('rating a value against its thresholds', () => {
  const higher = { green: 0.75, amber: 0.7 };
  const lower = { green: 0.1, amber: 0.25 };
  it.each<[string, number, { green: number; amber: number }, 'higher_is_better' | 'lower_is_better', Rating]>([
    ['well above green', 0.9, higher, 'higher_is_better', 'green'],
    ['exactly at the green threshold', 0.75, higher, 'higher_is_better', 'green'],
    ['just under green', 0.7499, higher, 'higher_is_better', 'amber'],
    ['exactly at the amber threshold', 0.7, higher, 'higher_is_better', 'amber'],
    ['just under amber', 0.6999, higher, 'higher_is_better', 'red'],
    ['zero, lower is better', 0, lower, 'lower_is_better', 'green'],
    ['exactly at green, lower is better', 0.1, lower, 'lower_is_better', 'green'],
    ['just over green, lower is better', 0.1001, lower, 'lower_is_better', 'amber'],
    ['exactly at amber, lower is better', 0.25, lower, 'lower_is_better', 'amber'],
    ['just over amber, lower is better', 0.2501, lower, 'lower_is_better', 'red'],
    ['at equal thresholds', 0.8, { green: 0.8, amber: 0.8 }, 'higher_is_better', 'green'],
    ['under equal thresholds', 0.79, { green: 0.8, amber: 0.8 }, 'higher_is_better', 'red'],
  ])('%s (%d) is %s… %s', (_, value, thresholds, direction, rating) => {
    expect(rateValue('metric', value, direction, thresholds).rating).toBe(rating);
  });

  it('says why in words', () => {
    expect(rateValue('AUC', 0.72, 'higher_is_better', higher).reasoning).toBe('AUC 0.72 is below the green threshold 0.75 but at or above the amber threshold 0.7: amber');
    expect(rateValue('PSI of the score', 0.3, 'lower_is_better', lower).reasoning).toBe('PSI of the score 0.3 is above the amber threshold 0.25: red');
    expect(rateValue('AUC', 0.75, 'higher_is_better', higher).reasoning).toBe('AUC 0.75 is at or above the green threshold 0.75: green');
  });

  it.each([
    ['higher_is_better', { green: 0.7, amber: 0.75 }, true],
    ['higher_is_better', { green: 0.75, amber: 0.7 }, false],
    ['lower_is_better', { green: 0.25, amber: 0.1 }, true],
    ['lower_is_better', { green: 0.1, amber: 0.1 }, false],
    ['lower_is_better', { green: Number.NaN, amber: 0.1 }, true],
  ] as const)('checks the order of %s thresholds %j (problem: %s)', (direction, thresholds, problem) => {
    expect(thresholdProblem(direction, thresholds) !== null).toBe(problem);
  });

  it('takes the worst colour', () => {
    expect(worstRating(['green', 'red', 'amber'])).toBe('red');
    expect(worstRating(['green', 'amber'])).toBe('amber');
    expect(worstRating([])).toBeNull();
  });
});

describe('what a colour does, by default', () => {
  it.each<[string, Rating, Rating[], string, 'low' | 'medium' | 'high' | 'critical' | null, { notifyOwner: boolean; finding: boolean; reassess: boolean }]>([
    ['green does nothing', 'green', ['red'], 'performance', 'critical', { notifyOwner: false, finding: false, reassess: false }],
    ['a first amber tells the owner', 'amber', [], 'performance', 'high', { notifyOwner: true, finding: false, reassess: false }],
    ['an amber after a green tells the owner', 'amber', ['green', 'amber'], 'performance', 'high', { notifyOwner: true, finding: false, reassess: false }],
    ['two ambers in a row draft a finding', 'amber', ['amber', 'green'], 'operations', 'low', { notifyOwner: true, finding: true, reassess: false }],
    ['red on performance of a high tier reassesses', 'red', [], 'performance', 'high', { notifyOwner: true, finding: true, reassess: true }],
    ['red on fairness of a critical tier reassesses', 'red', ['green'], 'fairness', 'critical', { notifyOwner: true, finding: true, reassess: true }],
    ['red on fairness of a medium tier does not', 'red', [], 'fairness', 'medium', { notifyOwner: true, finding: true, reassess: false }],
    ['red on operations of a critical tier does not', 'red', [], 'operations', 'critical', { notifyOwner: true, finding: true, reassess: false }],
    ['red without a tier does not', 'red', [], 'performance', null, { notifyOwner: true, finding: true, reassess: false }],
  ])('%s', (_, rating, previous, family, tier, expected) => {
    expect(colourActions(rating, previous, family as 'performance', tier)).toEqual({ ...expected, reasons: expect.any(Array) });
  });

  it('reads its rules from data', () => {
    const policy = { ...DEFAULT_COLOUR_POLICY, consecutiveAmbersForFinding: 3, findingOnRed: false };
    expect(colourActions('amber', ['amber'], 'performance', 'low', policy).finding).toBe(false);
    expect(colourActions('amber', ['amber', 'amber'], 'performance', 'low', policy).finding).toBe(true);
    expect(colourActions('red', [], 'operations', 'low', policy).finding).toBe(false);
  });
});

describe('monitoring periods', () => {
  it.each<[Cadence, string, string, string, string]>([
    ['monthly', '2026-12-31', '2026-12', '2026-12-01', '2026-12-31'],
    ['monthly', '2024-02-10', '2024-02', '2024-02-01', '2024-02-29'],
    ['monthly', '2026-02-01', '2026-02', '2026-02-01', '2026-02-28'],
    ['quarterly', '2026-02-14', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['quarterly', '2026-10-01', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['semi_annual', '2026-06-30', '2026-H1', '2026-01-01', '2026-06-30'],
    ['semi_annual', '2026-07-01', '2026-H2', '2026-07-01', '2026-12-31'],
    ['annual', '2024-02-29', '2024', '2024-01-01', '2024-12-31'],
  ])('a %s period containing %s is %s, %s to %s', (cadence, day, label, start, end) => {
    expect(periodContaining(cadence, day)).toEqual({ cadence, label, start, end });
    expect(parsePeriod(label)).toEqual({ cadence, label, start, end });
  });

  it.each([['2026-13'], ['2026-00'], ['2026-Q5'], ['2026-H3'], ['26-01'], ['1999'], ['2026-q1'], ['']])('names no period with %j', (label) => {
    expect(parsePeriod(label)).toBeNull();
  });

  it('steps forward and back across a year end', () => {
    expect(nextPeriod(parsePeriod('2026-Q4')!).label).toBe('2027-Q1');
    expect(previousPeriod(parsePeriod('2026-01')!).label).toBe('2025-12');
    expect(nextPeriod(parsePeriod('2026-H2')!).label).toBe('2027-H1');
    expect(previousPeriod(parsePeriod('2026')!).label).toBe('2025');
  });

  it('makes figures due the window after the period ends', () => {
    expect(periodDueDate(parsePeriod('2026-Q4')!, 15)).toBe('2027-01-15');
    expect(periodDueDate(parsePeriod('2026-02')!, 10)).toBe('2026-03-10');
    expect(periodDueDate(parsePeriod('2026-H1')!)).toBe('2026-07-15');
  });

  it.each<[Cadence, string, string, string | null]>([
    ['monthly', '2026-11-20', '2026-12-01', '2026-11'],
    ['monthly', '2026-11-20', '2026-11-25', null],
    ['monthly', '2026-11-30', '2026-12-01', '2026-11'],
    ['quarterly', '2026-11-20', '2027-01-03', '2026-Q4'],
    ['quarterly', '2026-11-20', '2027-04-20', '2027-Q1'],
    ['annual', '2026-03-01', '2026-12-31', null],
  ])('chases the %s period of a plan active from %s, on %s: %s', (cadence, activeFrom, today, label) => {
    expect(periodToChase(cadence, activeFrom, today)?.label ?? null).toBe(label);
  });

  it.each<[Cadence, string, string | null, string]>([
    ['monthly', '2031-01-20', null, '2031-02-15'],
    ['monthly', '2031-02-10', null, '2031-02-15'],
    ['monthly', '2031-02-10', '2031-01-31', '2031-03-15'],
    ['monthly', '2031-03-20', '2031-01-31', '2031-03-15'],
    ['quarterly', '2031-05-01', '2031-03-31', '2031-07-15'],
  ])('has the next %s figures of a plan active from 10 January 2031 due, on %s with the latest figure ending %s, on %s', (cadence, today, latestEnd, due) => {
    expect(nextDueDate(cadence, '2031-01-10', today, 15, latestEnd)).toBe(due);
  });
});
