import { kolmogorovSurvival } from '../../src/domain/validation/distributions.js';
import { stabilityResults } from '../../src/domain/validation/drift.js';
import type { PerformanceMetrics } from '../../src/domain/validation/performance.js';
import { binOf, categoricalStability, decileEdges, kolmogorovSmirnov, populationStability, psiBand, quantile } from '../../src/domain/validation/stability.js';

const f = (values: number[]) => Float64Array.from(values);
const oneToTen = f([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

describe('reference deciles', () => {
  it('interpolates linearly between order statistics at h = (n − 1)·q', () => {
    // h = 9·0.1 = 0.9 → 1 + 0.9·(2 − 1); h = 9·0.9 = 8.1 → 9 + 0.1·(10 − 9)
    expect(decileEdges(oneToTen).map((e) => +e.toFixed(10))).toEqual([1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1]);
    expect(quantile(f([5]), 0.5)).toBe(5);
  });

  it('drops duplicate edges', () => {
    // nine zeros and a one: deciles 1..8 are 0, the ninth is 0 + 0.1·(1 − 0)
    expect(decileEdges(f([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).map((e) => +e.toFixed(10))).toEqual([0, 0.1]);
    expect(decileEdges(f([5, 5, 5]))).toEqual([5]);
  });

  it.each([
    [0.5, 0],
    [1, 1], // equal to an edge: the bin above
    [1.5, 1],
    [2, 2],
    [3, 3],
    [99, 3],
  ])('puts %p in bin %p of the edges 1, 2, 3', (value, bin) => {
    expect(binOf([1, 2, 3], value)).toBe(bin);
  });
});

describe('population stability index', () => {
  it('is 0 and stable for the same distribution', () => {
    expect(populationStability(oneToTen, oneToTen)).toMatchObject({ psi: 0, band: 'stable' });
  });

  it('floors empty bins at 0.0001 and sums (a − e)·ln(a / e)', () => {
    // each reference value in its own decile bin (e = 0.1); the actual puts half in the first bin, half in the last
    const result = populationStability(oneToTen, f([1, 1, 1, 1, 1, 10, 10, 10, 10, 10]))!;
    const expected = 2 * (0.5 - 0.1) * Math.log(0.5 / 0.1) + 8 * (0.0001 - 0.1) * Math.log(0.0001 / 0.1);
    expect(result.psi).toBeCloseTo(expected, 10);
    expect(result.band).toBe('significant');
    expect(result.bins[0]).toEqual({ lower: null, upper: 1.9, expected: 0.1, actual: 0.5 });
    expect(result.bins[9]).toMatchObject({ upper: null, actual: 0.5 });
  });

  it('bins an all-equal reference into below and at-or-above its value', () => {
    // edges [5]: the reference is all in [5, ∞); the actual 4, 5, 6, 7 has a quarter below
    const result = populationStability(f([5, 5, 5]), f([4, 5, 6, 7]))!;
    expect(result.bins.map((b) => [b.expected, b.actual])).toEqual([[0.0001, 0.25], [1, 0.75]]);
    expect(result.psi).toBeCloseTo((0.25 - 0.0001) * Math.log(0.25 / 0.0001) + (0.75 - 1) * Math.log(0.75), 10);
  });

  it('ignores NaN cells and is undefined when one side has no value', () => {
    expect(populationStability(f([1, NaN, 2]), f([1, 2, NaN]))!.psi).toBe(0);
    expect(populationStability(f([NaN]), oneToTen)).toBeNull();
  });

  it.each([
    [0, 'stable'],
    [0.0999, 'stable'],
    [0.1, 'moderate'],
    [0.2499, 'moderate'],
    [0.25, 'significant'],
  ])('bands PSI %p as %s', (psi, band) => {
    expect(psiBand(psi)).toBe(band);
  });

  it('compares categories one bin each', () => {
    // e: a ½, b ½, c 0 → 0.0001;  a: a ¾, b 0 → 0.0001, c ¼
    const result = categoricalStability(['a', 'a', 'b', 'b'], ['a', 'a', 'a', 'c'])!;
    const expected = 0.25 * Math.log(1.5) + (0.0001 - 0.5) * Math.log(0.0002) + (0.25 - 0.0001) * Math.log(0.25 / 0.0001);
    expect(result.psi).toBeCloseTo(expected, 10);
    expect(result.categories.map((c) => c.category)).toEqual(['a', 'b', 'c']);
  });
});

describe('two-sample Kolmogorov–Smirnov', () => {
  it('takes the largest ECDF gap and its asymptotic p-value', () => {
    // F1 − F2 at 3: 0.75 − 0.25, at 4: 1 − 0.5 → D = 0.5; λ = √(4·4/8)·0.5 = 0.7071; Q = 2(e^−1 − e^−4 + e^−9 − …)
    const result = kolmogorovSmirnov(f([1, 2, 3, 4]), f([3, 4, 5, 6]))!;
    expect(result.statistic).toBe(0.5);
    expect(result.pValue).toBeCloseTo(2 * (Math.exp(-1) - Math.exp(-4) + Math.exp(-9) - Math.exp(-16)), 10);
  });

  it('steps past tied values on both sides before comparing', () => {
    // at 1: 2/3 vs 1/3; at 2: 1 vs 1
    expect(kolmogorovSmirnov(f([1, 1, 2]), f([1, 2, 2]))!.statistic).toBeCloseTo(1 / 3, 12);
  });

  it('gives D = 0 and p = 1 for identical samples', () => {
    expect(kolmogorovSmirnov(oneToTen, oneToTen)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('matches the Kolmogorov distribution at its 5% critical value 1.3581', () => {
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(0)).toBe(1);
  });

  it.each([
    [1.2238, 0.1],
    [1.6276, 0.01],
    [1.9495, 0.001],
    [1, 0.27],
  ])('gives Q(%s) = %s, as tabulated for the Kolmogorov distribution', (lambda, p) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(p, 4);
  });
});

describe('stability against a reference run', () => {
  const metrics = (auc: number) => ({ n: 10, auc, accuracy: 0.5, brier: null }) as unknown as PerformanceMetrics;

  it('compares the score, numeric and categorical features and the performance', () => {
    const result = stabilityResults(
      { scores: oneToTen, features: [{ name: 'income', kind: 'numeric', values: oneToTen }, { name: 'region', kind: 'categorical', values: ['n', 's'] }], performance: metrics(0.8) },
      { scores: oneToTen, features: [{ name: 'income', kind: 'numeric', values: oneToTen }, { name: 'region', kind: 'categorical', values: ['n', 's'] }, { name: 'new', kind: 'numeric', values: oneToTen }], performance: metrics(0.75) },
    );
    expect(result.score).toMatchObject({ psi: 0, band: 'stable', ks: { statistic: 0, pValue: 1 } });
    expect(result.features.map((x) => [x.feature, x.kind, x.psi])).toEqual([['income', 'numeric', 0], ['region', 'categorical', 0]]);
    expect(result.performanceChange.auc).toBeCloseTo(-0.05, 12);
    expect(result.performanceChange).not.toHaveProperty('brier');
    expect(result.performanceChange).not.toHaveProperty('n');
  });

  it('compares a feature numeric on one side and categorical on the other as categories', () => {
    const result = stabilityResults(
      { scores: null, features: [{ name: 'band', kind: 'numeric', values: f([1, 2, NaN]) }], performance: metrics(0.8) },
      { scores: null, features: [{ name: 'band', kind: 'categorical', values: ['1', '2', ''] }], performance: metrics(0.8) },
    );
    expect(result.score).toBeNull();
    expect(result.features[0]).toMatchObject({ kind: 'categorical', psi: 0 });
  });
});
