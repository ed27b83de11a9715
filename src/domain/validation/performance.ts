import { aucOf, rankTally, rocAndKs, type RocPoint } from './ranking.js';
import { rate, weightOf, type ClassificationSample, type Weights } from './sample.js';

export interface PerformanceMetrics {
  n: number;
  prevalence: number | null;
  auc: number | null;
  gini: number | null;
  ks: number | null;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  specificity: number | null;
  f1: number | null;
  balancedAccuracy: number | null;
  mcc: number | null;
  /** Only when every score is a probability in [0, 1]. */
  brier: number | null;
  logLoss: number | null;
  ece: number | null;
}

export interface CalibrationBin {
  bin: number;
  lower: number;
  upper: number;
  n: number;
  meanScore: number | null;
  observedRate: number | null;
}

export interface PerformanceReport {
  metrics: PerformanceMetrics;
  roc: RocPoint[];
  calibration: CalibrationBin[];
}

export const CALIBRATION_BINS = 10;
/** Log loss clips probabilities so that a confident miss costs ln(1e15), not infinity. */
export const LOG_LOSS_EPSILON = 1e-15;

/** The full performance report: point metrics, ROC curve and calibration table. */
export function performanceReport(sample: ClassificationSample, order: Uint32Array | null): PerformanceReport {
  const probabilities = sample.scores !== null && isProbability(sample.scores);
  const metrics = performanceMetrics(sample, order, null, probabilities);
  const roc = sample.scores && order ? rocAndKs(order, sample.scores, sample.labels, null).roc : [];
  const calibration = sample.scores && probabilities ? calibrationTable(sample.scores, sample.labels, null) : [];
  return { metrics, roc, calibration };
}

/** Every metric of one (possibly resampled) sample; `probabilities` says whether scores lie in [0, 1]. */
export function performanceMetrics(sample: ClassificationSample, order: Uint32Array | null, weights: Weights, probabilities: boolean): PerformanceMetrics {
  const confusion = confusionAt(sample, weights);
  const ranked = sample.scores && order ? rankedMetrics(order, sample.scores, sample.labels, weights) : { auc: null, gini: null, ks: null };
  const probabilistic = sample.scores && probabilities ? probabilityMetrics(sample.scores, sample.labels, weights) : { brier: null, logLoss: null, ece: null };
  return { ...confusion, ...ranked, ...probabilistic };
}

function rankedMetrics(order: Uint32Array, scores: Float64Array, labels: Uint8Array, weights: Weights) {
  const auc = aucOf(rankTally(order, scores, labels, null, 1, weights), 0);
  const { ks } = rocAndKs(order, scores, labels, weights, false);
  return { auc, gini: auc === null ? null : 2 * auc - 1, ks };
}

/** Confusion-matrix rates at the threshold (already applied in `predictions`). */
export function confusionAt(sample: ClassificationSample, weights: Weights) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let row = 0; row < sample.labels.length; row++) {
    const w = weightOf(weights, row);
    if (sample.labels[row]) sample.predictions[row] ? (tp += w) : (fn += w);
    else sample.predictions[row] ? (fp += w) : (tn += w);
  }
  const n = tp + fp + fn + tn;
  const precision = rate(tp, tp + fp);
  const recall = rate(tp, tp + fn);
  const specificity = rate(tn, tn + fp);
  const mccDenominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return {
    n,
    prevalence: rate(tp + fn, n),
    accuracy: rate(tp + tn, n),
    precision,
    recall,
    specificity,
    f1: rate(2 * tp, 2 * tp + fp + fn),
    balancedAccuracy: recall === null || specificity === null ? null : (recall + specificity) / 2,
    mcc: rate(tp * tn - fp * fn, mccDenominator),
  };
}

export function isProbability(scores: Float64Array): boolean {
  for (let i = 0; i < scores.length; i++) if (!(scores[i] >= 0 && scores[i] <= 1)) return false;
  return true;
}

/** ECE bin of a probability: min(⌊10·score⌋, 9), so that a score of 1 falls in the last bin. */
export const calibrationBin = (score: number): number => Math.min(Math.floor(CALIBRATION_BINS * score), CALIBRATION_BINS - 1);

function probabilityMetrics(scores: Float64Array, labels: Uint8Array, weights: Weights) {
  let n = 0, squared = 0, logLoss = 0;
  for (let row = 0; row < scores.length; row++) {
    const w = weightOf(weights, row);
    const p = Math.min(Math.max(scores[row], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    n += w;
    squared += w * (scores[row] - labels[row]) ** 2;
    logLoss -= w * (labels[row] ? Math.log(p) : Math.log(1 - p));
  }
  if (n === 0) return { brier: null, logLoss: null, ece: null };
  const ece = calibrationTable(scores, labels, weights).reduce((sum, bin) => (bin.n ? sum + (bin.n / n) * Math.abs(bin.observedRate! - bin.meanScore!) : sum), 0);
  return { brier: squared / n, logLoss: logLoss / n, ece };
}

/** Ten equal-width bins with the mean score and the observed positive rate in each. */
export function calibrationTable(scores: Float64Array, labels: Uint8Array, weights: Weights): CalibrationBin[] {
  const count = new Float64Array(CALIBRATION_BINS);
  const scoreSum = new Float64Array(CALIBRATION_BINS);
  const positives = new Float64Array(CALIBRATION_BINS);
  for (let row = 0; row < scores.length; row++) {
    const bin = calibrationBin(scores[row]);
    const w = weightOf(weights, row);
    count[bin] += w;
    scoreSum[bin] += w * scores[row];
    positives[bin] += w * labels[row];
  }
  return Array.from(count, (n, bin) => ({
    bin,
    lower: bin / CALIBRATION_BINS,
    upper: (bin + 1) / CALIBRATION_BINS,
    n,
    meanScore: rate(scoreSum[bin], n),
    observedRate: rate(positives[bin], n),
  }));
}
