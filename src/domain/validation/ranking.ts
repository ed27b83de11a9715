import { rate, weightOf, type Weights } from './sample.js';

/** Mann–Whitney numerators per group: Σ over positives of (negatives scored lower + ½ negatives tied). */
export interface RankTally {
  positives: Float64Array;
  negatives: Float64Array;
  pairsWon: Float64Array;
}

/**
 * One walk over the score order, tie block by tie block, counting per group how many
 * negatives each positive outranks (ties count one half). With no group codes every row is group 0.
 */
export function rankTally(order: Uint32Array, scores: Float64Array, labels: Uint8Array, codes: Uint32Array | null, groups: number, weights: Weights): RankTally {
  const tally = { positives: new Float64Array(groups), negatives: new Float64Array(groups), pairsWon: new Float64Array(groups) };
  const negativesBlock = new Float64Array(groups);
  for (let start = 0; start < order.length; ) {
    const end = blockEnd(order, scores, start);
    for (let i = start; i < end; i++) {
      const row = order[i];
      if (!labels[row]) negativesBlock[codes ? codes[row] : 0] += weightOf(weights, row);
    }
    for (let i = start; i < end; i++) {
      const row = order[i];
      const g = codes ? codes[row] : 0;
      const w = weightOf(weights, row);
      if (labels[row]) {
        tally.positives[g] += w;
        tally.pairsWon[g] += w * (tally.negatives[g] + 0.5 * negativesBlock[g]);
      }
    }
    for (let i = start; i < end; i++) {
      const g = codes ? codes[order[i]] : 0;
      tally.negatives[g] += negativesBlock[g];
      negativesBlock[g] = 0;
    }
    start = end;
  }
  return tally;
}

/** AUC of group g, or null when the group lacks a class. */
export const aucOf = (tally: RankTally, g: number): number | null => rate(tally.pairsWon[g], tally.positives[g] * tally.negatives[g]);

/** The index one past the last row tied with order[start]. */
export function blockEnd(order: Uint32Array, scores: Float64Array, start: number): number {
  let end = start + 1;
  while (end < order.length && scores[order[end]] === scores[order[start]]) end++;
  return end;
}

export interface RocPoint {
  /** Predict positive at score >= threshold; null for the point above every score. */
  threshold: number | null;
  fpr: number;
  tpr: number;
}

/** At most this many ROC points are kept: enough to draw, small enough to store. */
export const ROC_POINTS = 101;

/** The ROC curve (descending threshold) and KS = max(TPR − FPR); null when a class is missing. */
export function rocAndKs(order: Uint32Array, scores: Float64Array, labels: Uint8Array, weights: Weights, curve = true): { ks: number | null; roc: RocPoint[] } {
  let positives = 0;
  let negatives = 0;
  for (let row = 0; row < labels.length; row++) (labels[row] ? (positives += weightOf(weights, row)) : (negatives += weightOf(weights, row)));
  if (positives === 0 || negatives === 0) return { ks: null, roc: [] };
  const points: RocPoint[] = [];
  let positivesBelow = 0;
  let negativesBelow = 0;
  let ks = 0;
  for (let start = 0; start < order.length; ) {
    const end = blockEnd(order, scores, start);
    const tpr = (positives - positivesBelow) / positives;
    const fpr = (negatives - negativesBelow) / negatives;
    ks = Math.max(ks, tpr - fpr);
    if (curve) points.push({ threshold: scores[order[start]], fpr, tpr });
    for (let i = start; i < end; i++) (labels[order[i]] ? (positivesBelow += weightOf(weights, order[i])) : (negativesBelow += weightOf(weights, order[i])));
    start = end;
  }
  if (!curve) return { ks, roc: [] };
  points.push({ threshold: null, fpr: 0, tpr: 0 });
  return { ks, roc: thin(points.reverse()) };
}

/** Keeps the first and last points and evenly spaced ones between. */
function thin(points: RocPoint[]): RocPoint[] {
  if (points.length <= ROC_POINTS) return points;
  const step = (points.length - 1) / (ROC_POINTS - 1);
  return Array.from({ length: ROC_POINTS }, (_, k) => points[Math.round(k * step)]);
}
