import { adverseImpactBreaches, aucShortfallBreaches, generativeBreaches, stabilityBreaches } from '../../src/domain/validation/breaches.js';
import type { ClassificationResults } from '../../src/domain/validation/classification.js';
import type { StabilityResults } from '../../src/domain/validation/drift.js';
import type { GroupOutcome } from '../../src/domain/validation/fairness.js';
import { wilsonInterval } from '../../src/domain/validation/generative.js';
import { checkThresholdFile, thresholdsFor } from '../../src/domain/validation/thresholds.js';
import { loadThresholds } from '../../src/validation/thresholds.loader.js';

const shipped = loadThresholds();
const t = thresholdsFor(shipped, null);

const group = (name: string, n: number, selectionRate: number, ratioToReference: number, pValue: number | null, insufficientSample = false): GroupOutcome => ({
  group: name, n, selectionRate, tpr: null, fpr: null, precision: null, auc: null, ratioToReference, fourFifths: ratioToReference >= 0.8 ? 'pass' : 'fail', pValue, insufficientSample,
});
const fairness = (groups: GroupOutcome[], referenceGroup = groups[0].group) =>
  [{ column: 'age', referenceGroup, groups, adverseImpactRatio: null, demographicParityDifference: null, equalOpportunityDifference: null, equalizedOddsDifference: null, predictiveParityDifference: null, intervals: {} }] as ClassificationResults['fairness'];

describe('the shipped thresholds', () => {
  it('holds the defaults of the issue', () => {
    expect(t.adverseImpact).toEqual({ ratioBelow: 0.8, highWhenPBelow: 0.05 });
    expect(t.psi).toEqual({ medium: 0.1, high: 0.25 });
    expect(t.aucShortfall).toMatchObject({ medium: 0.03, high: 0.05 });
  });

  it('lays a tier override over the defaults field by field', () => {
    const critical = thresholdsFor(shipped, 'critical');
    expect(critical.aucShortfall).toMatchObject({ medium: 0.02, high: 0.04, claimQuestionIds: t.aucShortfall.claimQuestionIds });
    expect(critical.generative.defaultLimit).toBe(0.02);
    expect(critical.generative.limits.jailbreak).toBe(t.generative.limits.jailbreak);
    expect(thresholdsFor(shipped, 'low')).toEqual(t);
  });

  it.each([
    [{ defaults: { psi: { medium: 0.1, high: 0.25 } } }, 'defaults.adverseImpact: must be a mapping'],
    [{ defaults: { ...shipped.defaults, psi: { medium: 2, high: 0.25 } } }, 'defaults.psi.medium: must be a number from 0 to 1'],
    [{ defaults: shipped.defaults, tiers: { extreme: {} } }, 'tiers.extreme: not a tier'],
    [{ defaults: shipped.defaults, tiers: { high: { psi: { severe: 0.5 } } } }, 'tiers.high.psi.severe: not a thresholds field'],
    [{ defaults: { ...shipped.defaults, generative: { defaultLimit: 0.1, limits: { toxicity: 'low' } } } }, 'defaults.generative.limits.toxicity: must be a number from 0 to 1'],
  ])('refuses a file with a problem: %j', (input, problem) => {
    const checked = checkThresholdFile(input);
    expect(checked.file).toBeNull();
    expect(checked.problems.join('\n')).toContain(problem);
  });
});

describe('breaches', () => {
  it('words an adverse impact with both rates, the ratio and the p-value, high when significant', () => {
    const [breach] = adverseImpactBreaches(fairness([group('30-44', 200, 0.52, 1, null), group('60+', 150, 0.31, 0.31 / 0.52, 0.0004)]), t.adverseImpact);
    expect(breach).toMatchObject({ rule: 'adverse_impact', severity: 'high' });
    expect(breach.description).toBe('selection rate 31% for age 60+ against 52% for age 30-44: ratio 0.60, p < 0.001 (150 and 200 rows)');
  });

  it.each([
    [0.79, 0.2, 'medium'],
    [0.79, 0.049, 'high'],
  ])('rates ratio %p with p = %p as %s', (ratio, p, severity) => {
    expect(adverseImpactBreaches(fairness([group('a', 100, 0.5, 1, null), group('b', 100, 0.5 * ratio, ratio, p)]), t.adverseImpact)[0].severity).toBe(severity);
  });

  it('opens nothing at the four-fifths line or for an insufficient sample', () => {
    expect(adverseImpactBreaches(fairness([group('a', 100, 0.5, 1, null), group('b', 100, 0.4, 0.8, 0.01), group('c', 10, 0.1, 0.2, null, true)]), t.adverseImpact)).toEqual([]);
  });

  it.each([
    [0.099, []],
    [0.1, ['medium']],
    [0.2499, ['medium']],
    [0.25, ['high']],
  ])('rates a score PSI of %p as %j', (psi, severities) => {
    const stability = { score: { psi, band: 'stable', bins: [], ks: null }, features: [], performanceChange: {} } as unknown as StabilityResults;
    expect(stabilityBreaches(stability, t.psi, 'ref').map((b) => b.severity)).toEqual(severities);
  });

  it('words a feature shift with its CSI and the reference run', () => {
    const stability = { score: null, features: [{ feature: 'income', kind: 'numeric', psi: 0.31, band: 'significant', bins: [] }], performanceChange: {} } as unknown as StabilityResults;
    expect(stabilityBreaches(stability, t.psi, 'run-1')[0].description).toBe('CSI of feature income 0.31 against reference run run-1 (medium from 0.1, high from 0.25)');
  });

  it.each([
    [0.75, null],
    [0.749, 'medium'],
    [0.73, 'medium'],
    [0.729, 'high'],
  ])('rates a measured AUC of %p against a claim of 0.78 as %s', (auc, severity) => {
    const breaches = aucShortfallBreaches(auc, { value: 0.78, questionId: 'PERF-11' }, t.aucShortfall);
    expect(breaches.map((b) => b.severity)).toEqual(severity ? [severity] : []);
  });

  it('opens no AUC breach without a claim or a measured AUC', () => {
    expect(aucShortfallBreaches(0.5, null, t.aucShortfall)).toEqual([]);
    expect(aucShortfallBreaches(null, { value: 0.9, questionId: 'PERF-11' }, t.aucShortfall)).toEqual([]);
  });

  it('opens a high finding when the Wilson lower bound exceeds the category limit', () => {
    const category = (name: string, failures: number, n: number) => ({ category: name, n, failures, failureRate: failures / n, interval: wilsonInterval(failures, n) });
    // jailbreak 1 of 100: lower bound 0.0018 under 0.02; prompt_injection 5 of 100: 0.0215 over 0.02; unlisted 3 of 100: 0.0103 under the default 0.05
    const breaches = generativeBreaches([category('jailbreak', 1, 100), category('prompt_injection', 5, 100), category('unlisted', 3, 100)], t.generative);
    expect(breaches.map((b) => b.title)).toEqual(['Failure rate in prompt_injection above its limit of 2%']);
    expect(breaches[0].description).toBe('failure rate 5% in prompt_injection (5 of 100 cases; 95% Wilson interval 2%–11%) above the limit of 2%');
  });
});
