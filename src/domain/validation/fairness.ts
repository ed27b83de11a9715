import { twoSidedNormalPValue } from './distributions.js';
import { aucOf, rankTally } from './ranking.js';
import { rate, weightOf, type ClassificationSample, type GroupColumn, type Weights } from './sample.js';

/** The four-fifths rule: a selection rate under 80% of the reference's suggests adverse impact. */
export const FOUR_FIFTHS = 0.8;

export interface GroupOutcome {
  group: string;
  n: number;
  selectionRate: number | null;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  auc: number | null;
  /** This group's selection rate over the reference group's. */
  ratioToReference: number | null;
  fourFifths: 'pass' | 'fail' | null;
  /** Two-sided pooled two-proportion z-test of the selection rate against the reference. */
  pValue: number | null;
  /** Fewer rows than minGroupSize: reported, left out of the aggregates. */
  insufficientSample: boolean;
}

export interface FairnessAggregates {
  adverseImpactRatio: number | null;
  demographicParityDifference: number | null;
  equalOpportunityDifference: number | null;
  equalizedOddsDifference: number | null;
  predictiveParityDifference: number | null;
}

export interface FairnessEntry extends FairnessAggregates {
  column: string;
  referenceGroup: string | null;
  groups: GroupOutcome[];
}

export interface FairnessOptions {
  minGroupSize: number;
  /** A group named by the mapping as the reference; otherwise the highest selection rate. */
  referenceGroup?: string;
}

/** Counts per group code: rows, selected, positives, true and false positives. */
export interface GroupCounts {
  n: Float64Array;
  selected: Float64Array;
  positives: Float64Array;
  truePositives: Float64Array;
  falsePositives: Float64Array;
}

export function groupCounts(sample: ClassificationSample, column: GroupColumn, weights: Weights): GroupCounts {
  const size = column.levels.length;
  const counts = { n: new Float64Array(size), selected: new Float64Array(size), positives: new Float64Array(size), truePositives: new Float64Array(size), falsePositives: new Float64Array(size) };
  for (let row = 0; row < sample.labels.length; row++) {
    const g = column.codes[row];
    const w = weightOf(weights, row);
    const label = sample.labels[row];
    const predicted = sample.predictions[row];
    counts.n[g] += w;
    counts.selected[g] += w * predicted;
    counts.positives[g] += w * label;
    counts.truePositives[g] += w * label * predicted;
    counts.falsePositives[g] += w * (1 - label) * predicted;
  }
  return counts;
}

interface Rates {
  selectionRate: number | null;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
}

export function ratesOf(counts: GroupCounts, g: number): Rates {
  return {
    selectionRate: rate(counts.selected[g], counts.n[g]),
    tpr: rate(counts.truePositives[g], counts.positives[g]),
    fpr: rate(counts.falsePositives[g], counts.n[g] - counts.positives[g]),
    precision: rate(counts.truePositives[g], counts.selected[g]),
  };
}

/** Fairness of one group column: per-group outcomes, the reference group and the aggregates. */
export function fairnessEntry(sample: ClassificationSample, order: Uint32Array | null, column: GroupColumn, options: FairnessOptions): FairnessEntry {
  const counts = groupCounts(sample, column, null);
  const eligible = eligibleGroups(counts, options.minGroupSize);
  const reference = referenceCode(column, counts, eligible, options.referenceGroup);
  const tally = sample.scores && order ? rankTally(order, sample.scores, sample.labels, column.codes, column.levels.length, null) : null;
  const groups = column.levels.map((group, g) => {
    const rates = ratesOf(counts, g);
    const referenceRate = reference === null ? null : ratesOf(counts, reference).selectionRate;
    const ratio = reference === null || rates.selectionRate === null || !referenceRate ? null : rates.selectionRate / referenceRate;
    const insufficientSample = !eligible.includes(g);
    return {
      group,
      n: counts.n[g],
      ...rates,
      auc: tally ? aucOf(tally, g) : null,
      ratioToReference: ratio,
      fourFifths: insufficientSample || ratio === null ? null : ratio >= FOUR_FIFTHS ? ('pass' as const) : ('fail' as const),
      pValue: reference === null || g === reference || insufficientSample ? null : selectionPValue(counts, g, reference),
      insufficientSample,
    };
  });
  return { column: column.name, referenceGroup: reference === null ? null : column.levels[reference], groups, ...fairnessAggregates(counts, eligible) };
}

/** Group codes with at least minGroupSize rows. */
export function eligibleGroups(counts: GroupCounts, minGroupSize: number): number[] {
  return Array.from(counts.n.keys()).filter((g) => counts.n[g] > 0 && counts.n[g] >= minGroupSize);
}

function referenceCode(column: GroupColumn, counts: GroupCounts, eligible: number[], named?: string): number | null {
  if (named !== undefined) {
    const code = column.levels.indexOf(named);
    return code >= 0 ? code : null;
  }
  // Highest selection rate; on a tie the first level in sorted order, so the choice is stable.
  let best: number | null = null;
  for (const g of eligible) if (best === null || counts.selected[g] / counts.n[g] > counts.selected[best] / counts.n[best]) best = g;
  return best;
}

/** Pooled two-proportion z-test: z = (p1 − p2) / √(p(1 − p)(1/n1 + 1/n2)). */
export function selectionPValue(counts: GroupCounts, g: number, reference: number): number {
  const [n1, n2] = [counts.n[g], counts.n[reference]];
  const [x1, x2] = [counts.selected[g], counts.selected[reference]];
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Both groups all selected or none selected: the rates are equal, nothing to test.
  if (se === 0) return 1;
  return twoSidedNormalPValue((x1 / n1 - x2 / n2) / se);
}

/** The aggregates over the eligible groups; null with fewer than two of them. */
export function fairnessAggregates(counts: GroupCounts, eligible: number[]): FairnessAggregates {
  const none = { adverseImpactRatio: null, demographicParityDifference: null, equalOpportunityDifference: null, equalizedOddsDifference: null, predictiveParityDifference: null };
  if (eligible.length < 2) return none;
  const rates = eligible.map((g) => ratesOf(counts, g));
  const selection = range(rates.map((r) => r.selectionRate));
  const tpr = range(rates.map((r) => r.tpr));
  const fpr = range(rates.map((r) => r.fpr));
  return {
    adverseImpactRatio: selection && selection.max > 0 ? selection.min / selection.max : null,
    demographicParityDifference: selection ? selection.max - selection.min : null,
    equalOpportunityDifference: tpr ? tpr.max - tpr.min : null,
    equalizedOddsDifference: tpr && fpr ? Math.max(tpr.max - tpr.min, fpr.max - fpr.min) : null,
    predictiveParityDifference: spread(range(rates.map((r) => r.precision))),
  };
}

const spread = (r: { min: number; max: number } | null) => (r ? r.max - r.min : null);

/** Min and max of the defined values; null when fewer than two groups define it. */
function range(values: (number | null)[]): { min: number; max: number } | null {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length < 2) return null;
  return { min: Math.min(...defined), max: Math.max(...defined) };
}
