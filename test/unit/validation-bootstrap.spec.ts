import { bootstrapIntervals, BOOTSTRAP_MAX_ROWS, percentileInterval } from '../../src/domain/validation/bootstrap.js';
import { classificationResults } from '../../src/domain/validation/classification.js';
import { twoSidedNormalPValue } from '../../src/domain/validation/distributions.js';
import { failureRates, wilsonInterval } from '../../src/domain/validation/generative.js';
import { seededRandom } from '../../src/domain/validation/random.js';
import { groupColumn, predictionsAt, type ClassificationSample } from '../../src/domain/validation/sample.js';

/** A noisy but informative synthetic sample: positives score higher on average. */
function synthetic(n: number, seed: number): { sample: ClassificationSample; groups: string[] } {
  const random = seededRandom(seed);
  const labels = new Uint8Array(n);
  const scores = new Float64Array(n);
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.3 ? 1 : 0;
    scores[i] = Math.min(1, Math.max(0, 0.35 + 0.3 * labels[i] + 0.5 * (random() - 0.5)));
    groups.push(random() < 0.5 ? 'x' : 'y');
  }
  return { sample: { labels, scores, predictions: predictionsAt(scores, 0.5) }, groups };
}

const options = { resamples: 200, seed: 7, minGroupSize: 30, probabilities: true };

describe('the seeded generator', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const [a, b, c] = [seededRandom(1), seededRandom(1), seededRandom(2)];
    const first = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(first);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('bootstrap percentile intervals', () => {
  it('takes the 2.5th and 97.5th percentiles, interpolated, and skips undefined draws', () => {
    // h = 4·0.025 = 0.1 → 1.1;  h = 4·0.975 = 3.9 → 4.9
    expect(percentileInterval(Float64Array.from([5, NaN, 3, 1, 2, 4]))).toEqual([1.1, 4.9]);
    expect(percentileInterval(Float64Array.from([NaN]))).toBeNull();
  });

  it('gives the same intervals for the same sample and seed, and others for another seed', () => {
    const { sample, groups } = synthetic(500, 3);
    const columns = [groupColumn('g', groups)];
    const first = bootstrapIntervals(sample, columns, options);
    expect(bootstrapIntervals(sample, columns, options)).toEqual(first);
    expect(bootstrapIntervals(sample, columns, { ...options, seed: 8 })).not.toEqual(first);
  });

  it('brackets the point estimate and leaves a class-free metric undefined', () => {
    const { sample, groups } = synthetic(500, 3);
    const results = classificationResults(sample, [groupColumn('g', groups)], { minGroupSize: 30, resamples: 200, seed: 7 });
    const [low, high] = results.performance.intervals.auc!;
    expect(low).toBeLessThan(results.performance.auc!);
    expect(high).toBeGreaterThan(results.performance.auc!);
    expect(results.fairness[0].intervals.adverseImpactRatio).not.toBeNull();
    const single = bootstrapIntervals({ ...sample, labels: new Uint8Array(500).fill(1) }, [], options);
    expect(single.performance.auc).toBeNull();
  });

  it('resamples a label-stratified sub-sample of a large sample and narrows its spread by √(m/n)', () => {
    const { sample } = synthetic(3 * BOOTSTRAP_MAX_ROWS, 5);
    const large = bootstrapIntervals(sample, [], { ...options, resamples: 30 });
    expect(large.rows).toBe(BOOTSTRAP_MAX_ROWS);
    const [low, high] = large.performance.auc!;
    // the AUC of 60,000 rows has a standard error near 0.002: the interval is a few thousandths wide
    expect(high - low).toBeLessThan(0.02);
    expect(high).toBeGreaterThan(low);
  });
});

describe('classification results', () => {
  it('adds the intersection of the first two group columns', () => {
    const { sample, groups } = synthetic(200, 4);
    const results = classificationResults(sample, [groupColumn('a', groups), groupColumn('b', groups.slice().reverse())], { minGroupSize: 30, resamples: 20, seed: 1 });
    expect(results.fairness.map((entry) => entry.column)).toEqual(['a', 'b', 'a × b']);
    expect(results.bootstrap).toEqual({ resamples: 20, seed: 1, rows: 200 });
  });

  it('serialises to the same JSON for the same input and seed', () => {
    const { sample, groups } = synthetic(300, 9);
    const run = () => JSON.stringify(classificationResults(sample, [groupColumn('g', groups)], { minGroupSize: 30, resamples: 50, seed: 1 }));
    expect(run()).toBe(run());
  });
});

describe('generative evaluation', () => {
  it.each([
    // 0 of 10: centre = (z²/20)/(1 + z²/10) = half-width → [0, 0.2775]
    [0, 10, [0, 0.27753]],
    // 5 of 10: 0.5 ± 1.96·√(0.025 + z²/400)/(1 + z²/10)
    [5, 10, [0.23659, 0.76341]],
    [10, 10, [0.72247, 1]],
  ])('gives the Wilson interval of %p failures in %p cases', (failures, n, [low, high]) => {
    const [l, h] = wilsonInterval(failures, n);
    expect(l).toBeCloseTo(low, 4);
    expect(h).toBeCloseTo(high, 4);
  });

  it('counts failures per category in sorted order', () => {
    const rates = failureRates(['toxicity', 'jailbreak', 'jailbreak', 'jailbreak'], Uint8Array.from([0, 1, 0, 1]));
    expect(rates.map((r) => [r.category, r.n, r.failures, r.failureRate])).toEqual([['jailbreak', 3, 2, 2 / 3], ['toxicity', 1, 0, 0]]);
  });
});

describe('normal distribution', () => {
  it('gives the two-sided p-value of a z statistic', () => {
    expect(twoSidedNormalPValue(1.959963984540054)).toBeCloseTo(0.05, 10);
    expect(twoSidedNormalPValue(-1.959963984540054)).toBeCloseTo(0.05, 10);
    expect(twoSidedNormalPValue(0)).toBe(1);
  });
});
