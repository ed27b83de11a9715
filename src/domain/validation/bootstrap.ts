import { eligibleGroups, fairnessAggregates, groupCounts, type FairnessAggregates } from './fairness.js';
import { performanceMetrics, type PerformanceMetrics } from './performance.js';
import { randomIndex, seededRandom } from './random.js';
import { scoreOrder, type ClassificationSample, type GroupColumn } from './sample.js';
import { quantile } from './stability.js';

/**
 * Above this many rows the resamples are drawn from a label-stratified sub-sample of this
 * size and their spread is rescaled by √(m/n) (the m-out-of-n bootstrap): 1,000 full
 * resamples of a million rows would cost a billion row visits for almost the same interval.
 */
export const BOOTSTRAP_MAX_ROWS = 10_000;

export type Interval = [number, number] | null;

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  minGroupSize: number;
  probabilities: boolean;
}

export interface BootstrapIntervals {
  resamples: number;
  seed: number;
  rows: number;
  performance: Partial<Record<keyof PerformanceMetrics, Interval>>;
  fairness: Partial<Record<keyof FairnessAggregates, Interval>>[];
}

const PERFORMANCE_KEYS = ['auc', 'gini', 'ks', 'accuracy', 'precision', 'recall', 'specificity', 'f1', 'balancedAccuracy', 'mcc', 'brier', 'logLoss', 'ece'] as const;
const FAIRNESS_KEYS = ['adverseImpactRatio', 'demographicParityDifference', 'equalOpportunityDifference', 'equalizedOddsDifference', 'predictiveParityDifference'] as const;

/** 2.5th and 97.5th percentiles of the defined resample values; null when none is defined. */
export function percentileInterval(values: Float64Array): Interval {
  const defined = values.filter((v) => !Number.isNaN(v)).sort();
  if (defined.length === 0) return null;
  return [quantile(defined, 0.025), quantile(defined, 0.975)];
}

/** Percentile intervals of the performance metrics and of each group column's aggregates. */
export function bootstrapIntervals(sample: ClassificationSample, groups: GroupColumn[], options: BootstrapOptions): BootstrapIntervals {
  const random = seededRandom(options.seed);
  const fullEligible = groups.map((column) => eligibleGroups(groupCounts(sample, column, null), options.minGroupSize));
  const sub = subSample(sample, groups, random);
  const order = sub.sample.scores ? scoreOrder(sub.sample.scores) : null;
  const draws = resampleDraws(sub.sample, groups.length, options, order, sub.groups, fullEligible, random);
  const scale = Math.sqrt(sub.sample.labels.length / sample.labels.length);
  const centre = performanceMetrics(sub.sample, order, null, options.probabilities);
  const centreFairness = sub.groups.map((column, c) => fairnessAggregates(groupCounts(sub.sample, column, null), fullEligible[c]));
  return {
    resamples: options.resamples,
    seed: options.seed,
    rows: sub.sample.labels.length,
    performance: intervalsOf(PERFORMANCE_KEYS, draws.performance, centre, scale),
    fairness: draws.fairness.map((values, c) => intervalsOf(FAIRNESS_KEYS, values, centreFairness[c], scale)),
  };
}

type Draws<K extends string> = Record<K, Float64Array>;

function resampleDraws(sample: ClassificationSample, columns: number, options: BootstrapOptions, order: Uint32Array | null, groups: GroupColumn[], eligible: number[][], random: () => number) {
  const performance = drawTable(PERFORMANCE_KEYS, options.resamples);
  const fairness = Array.from({ length: columns }, () => drawTable(FAIRNESS_KEYS, options.resamples));
  const strata = labelStrata(sample.labels);
  const weights = new Uint32Array(sample.labels.length);
  for (let b = 0; b < options.resamples; b++) {
    weights.fill(0);
    // Stratified by label: every resample keeps the sample's prevalence and both classes.
    for (const stratum of strata) for (let k = 0; k < stratum.length; k++) weights[stratum[randomIndex(random, stratum.length)]]++;
    record(performance, PERFORMANCE_KEYS, b, performanceMetrics(sample, order, weights, options.probabilities));
    groups.forEach((column, c) => record(fairness[c], FAIRNESS_KEYS, b, fairnessAggregates(groupCounts(sample, column, weights), eligible[c])));
  }
  return { performance, fairness };
}

function drawTable<K extends string>(keys: readonly K[], resamples: number): Draws<K> {
  return Object.fromEntries(keys.map((key) => [key, new Float64Array(resamples)])) as Draws<K>;
}

function record<K extends string>(table: Draws<K>, keys: readonly K[], b: number, values: Record<K, number | null>): void {
  for (const key of keys) table[key][b] = values[key] ?? NaN;
}

/** Percentile intervals, widened or narrowed around the sub-sample's estimate by `scale`. */
function intervalsOf<K extends string>(keys: readonly K[], draws: Draws<K>, centre: Record<K, number | null>, scale: number): Partial<Record<K, Interval>> {
  const intervals: Partial<Record<K, Interval>> = {};
  for (const key of keys) {
    const interval = percentileInterval(draws[key]);
    const c = centre[key];
    intervals[key] = interval === null || scale === 1 || c === null ? interval : [c + (interval[0] - c) * scale, c + (interval[1] - c) * scale];
  }
  return intervals;
}

function labelStrata(labels: Uint8Array): Uint32Array[] {
  const positives: number[] = [];
  const negatives: number[] = [];
  labels.forEach((label, row) => (label ? positives : negatives).push(row));
  return [Uint32Array.from(positives), Uint32Array.from(negatives)].filter((stratum) => stratum.length > 0);
}

/** The whole sample when small enough, else a seeded label-stratified sub-sample without replacement. */
function subSample(sample: ClassificationSample, groups: GroupColumn[], random: () => number): { sample: ClassificationSample; groups: GroupColumn[] } {
  const n = sample.labels.length;
  if (n <= BOOTSTRAP_MAX_ROWS) return { sample, groups };
  const rows = labelStrata(sample.labels).flatMap((stratum) => pickRows(stratum, Math.max(1, Math.round((BOOTSTRAP_MAX_ROWS * stratum.length) / n)), random));
  const picked = Uint32Array.from(rows).sort();
  const pick = <T extends Uint8Array | Float64Array | Uint32Array>(column: T): T => {
    const copy = new (column.constructor as new (length: number) => T)(picked.length);
    picked.forEach((row, i) => (copy[i] = column[row]));
    return copy;
  };
  return {
    sample: { labels: pick(sample.labels), scores: sample.scores ? pick(sample.scores) : null, predictions: pick(sample.predictions) },
    groups: groups.map((column) => ({ ...column, codes: pick(column.codes) })),
  };
}

/** k distinct rows of a stratum by a partial Fisher–Yates shuffle. */
function pickRows(stratum: Uint32Array, k: number, random: () => number): number[] {
  const pool = stratum.slice();
  const count = Math.min(k, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(random, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return Array.from(pool.subarray(0, count));
}
