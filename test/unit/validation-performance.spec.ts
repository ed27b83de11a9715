import { calibrationBin, performanceReport, type PerformanceMetrics } from '../../src/domain/validation/performance.js';
import { predictionsAt, scoreOrder, type ClassificationSample } from '../../src/domain/validation/sample.js';

function sample(labels: number[], scores: number[] | null, threshold = 0.5, predictions?: number[]): ClassificationSample {
  const s = scores ? Float64Array.from(scores) : null;
  return { labels: Uint8Array.from(labels), scores: s, predictions: predictions ? Uint8Array.from(predictions) : predictionsAt(s!, threshold) };
}

const report = (s: ClassificationSample) => performanceReport(s, s.scores ? scoreOrder(s.scores) : null);

// scores 0.1 0.4 0.4 0.6 0.8 with labels 0 0 1 0 1: P = 2, N = 3, one positive tied with a negative at 0.4.
const tied = sample([0, 0, 1, 0, 1], [0.1, 0.4, 0.4, 0.6, 0.8]);

describe('performance of a scored sample', () => {
  const { metrics } = report(tied);
  // Pairs won: the 0.4 positive beats 0.1, ties 0.4 (½), loses to 0.6 → 1.5; the 0.8 positive beats all 3 → 4.5 / (2·3).
  // At 0.5: TP = 1 (0.8), FP = 1 (0.6), FN = 1 (0.4), TN = 2.
  const cases: [keyof PerformanceMetrics, number][] = [
    ['n', 5],
    ['prevalence', 2 / 5],
    ['auc', 0.75],
    ['gini', 0.5],
    ['ks', 0.5], // at threshold 0.8: TPR ½, FPR 0
    ['accuracy', 3 / 5],
    ['precision', 1 / 2],
    ['recall', 1 / 2],
    ['specificity', 2 / 3],
    ['f1', 2 / (2 + 1 + 1)],
    ['balancedAccuracy', (1 / 2 + 2 / 3) / 2],
    ['mcc', (1 * 2 - 1 * 1) / Math.sqrt(2 * 2 * 3 * 3)],
    ['brier', (0.01 + 0.16 + 0.36 + 0.36 + 0.04) / 5],
    ['logLoss', -(Math.log(0.9) + Math.log(0.6) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 5],
    // bins 1, 4 (two rows), 6, 8: (1/5)·0.1 + (2/5)·|0.5 − 0.4| + (1/5)·0.6 + (1/5)·0.2
    ['ece', 0.02 + 0.04 + 0.12 + 0.04],
  ];
  it.each(cases)('computes %s by hand', (metric, expected) => {
    expect(metrics[metric]).toBeCloseTo(expected, 12);
  });

  it('draws the ROC curve from the point above every score down to the lowest score', () => {
    const roc = report(tied).roc;
    expect(roc.map((p) => [p.threshold, p.fpr, p.tpr])).toEqual([
      [null, 0, 0],
      [0.8, 0, 0.5],
      [0.6, 1 / 3, 0.5],
      [0.4, 2 / 3, 1],
      [0.1, 1, 1],
    ]);
  });

  it('tabulates calibration in ten equal-width bins', () => {
    const bins = report(tied).calibration;
    expect(bins).toHaveLength(10);
    expect(bins[4]).toEqual({ bin: 4, lower: 0.4, upper: 0.5, n: 2, meanScore: 0.4, observedRate: 0.5 });
    expect(bins[0]).toEqual({ bin: 0, lower: 0, upper: 0.1, n: 0, meanScore: null, observedRate: null });
  });
});

describe('performance at the edges', () => {
  it('leaves AUC, Gini, KS, specificity and MCC undefined when the sample has a single class', () => {
    const { metrics } = report(sample([1, 1, 1], [0.2, 0.6, 0.9]));
    expect(metrics).toMatchObject({ auc: null, gini: null, ks: null, specificity: null, mcc: null, prevalence: 1, recall: 2 / 3 });
  });

  it('gives AUC ½ and KS 0 when every score is equal', () => {
    const { metrics } = report(sample([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]));
    expect(metrics).toMatchObject({ auc: 0.5, gini: 0, ks: 0 });
  });

  it('ranks scores outside [0, 1] but computes no Brier, log loss, ECE or calibration for them', () => {
    const s = sample([0, 1, 1], [-1, 2, 3], 1);
    const result = report(s);
    expect(result.metrics).toMatchObject({ auc: 1, brier: null, logLoss: null, ece: null, accuracy: 1 });
    expect(result.calibration).toEqual([]);
  });

  it('clips a confident miss to 1e-15 in the log loss', () => {
    // label 1 scored 0: −ln(1e-15); label 0 scored 0: −ln(1 − 1e-15) ≈ 1e-15.
    const { metrics } = report(sample([1, 0], [0, 0]));
    expect(metrics.logLoss).toBeCloseTo(-Math.log(1e-15) / 2, 9);
  });

  it('puts a score of exactly 1 in the last calibration bin', () => {
    expect([0, 0.05, 0.1, 0.99, 1].map(calibrationBin)).toEqual([0, 0, 1, 9, 9]);
  });

  it('computes only the confusion-matrix rates from a prediction column without scores', () => {
    const { metrics, roc } = report(sample([1, 0, 1, 0], null, 0.5, [1, 0, 0, 0]));
    expect(metrics).toMatchObject({ auc: null, ks: null, brier: null, accuracy: 3 / 4, precision: 1, recall: 1 / 2 });
    expect(roc).toEqual([]);
  });

  it('thins the ROC curve of many distinct scores to 101 points from (0, 0) to (1, 1)', () => {
    const n = 1000;
    const s = sample(Array.from({ length: n }, (_, i) => i % 2), Array.from({ length: n }, (_, i) => i / n));
    const roc = report(s).roc;
    expect(roc).toHaveLength(101);
    expect(roc[0]).toEqual({ threshold: null, fpr: 0, tpr: 0 });
    expect(roc[100]).toMatchObject({ fpr: 1, tpr: 1 });
  });
});
