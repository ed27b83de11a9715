import { kolmogorovSurvival } from './distributions.js';

export type PsiBand = 'stable' | 'moderate' | 'significant';

/** Proportions are floored so that an empty bin gives a large, finite PSI term. */
export const PSI_FLOOR = 0.0001;

export interface PsiBin {
  /** Lower edge (inclusive); null for the open first bin. */
  lower: number | null;
  /** Upper edge (exclusive); null for the open last bin. */
  upper: number | null;
  expected: number;
  actual: number;
}

export interface PsiResult {
  psi: number;
  band: PsiBand;
  bins: PsiBin[];
}

export const psiBand = (psi: number): PsiBand => (psi < 0.1 ? 'stable' : psi < 0.25 ? 'moderate' : 'significant');

/** The finite values, sorted ascending. */
export function sortedFinite(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const sorted = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) sorted[k++] = values[i];
  return sorted.sort();
}

/** Quantile q of sorted values, interpolating linearly between order statistics at h = (n − 1)·q. */
export function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}

/** The reference's nine deciles, with duplicate edges dropped. */
export function decileEdges(reference: Float64Array): number[] {
  const edges: number[] = [];
  for (let k = 1; k <= 9; k++) {
    const edge = quantile(reference, k / 10);
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** Bin of a value: the number of edges at or below it, so a value equal to an edge goes to the bin above. */
export function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (edges[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Bin proportions of the finite values, floored; the values need not be sorted. */
function proportions(values: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    counts[binOf(edges, values[i])]++;
    total++;
  }
  return counts.map((count) => Math.max(count / total, PSI_FLOOR));
}

/** PSI = Σ (a − e)·ln(a / e) over proportions floored at 0.0001. */
export const psiTerm = (actual: number, expected: number): number => (actual - expected) * Math.log(actual / expected);

/** PSI of `actual` against `reference` in the reference's decile bins; null when either side has no finite value. */
export function populationStability(reference: Float64Array, actual: Float64Array): PsiResult | null {
  return stabilityOfSorted(sortedFinite(reference), actual);
}

/** The same, from the reference already sorted (finite values only): only the reference needs sorting. */
export function stabilityOfSorted(expectedSorted: Float64Array, actual: Float64Array): PsiResult | null {
  if (expectedSorted.length === 0 || !actual.some(Number.isFinite)) return null;
  const edges = decileEdges(expectedSorted);
  const expected = proportions(expectedSorted, edges);
  const observed = proportions(actual, edges);
  const bins = expected.map((e, b) => ({ lower: b === 0 ? null : edges[b - 1], upper: b === edges.length ? null : edges[b], expected: e, actual: observed[b] }));
  const psi = bins.reduce((sum, bin) => sum + psiTerm(bin.actual, bin.expected), 0);
  return { psi, band: psiBand(psi), bins };
}

export interface CategoryShift {
  category: string;
  expected: number;
  actual: number;
  contribution: number;
}

/** PSI over the categories of both samples, each category a bin. */
export function categoricalStability(reference: readonly string[], actual: readonly string[]): { psi: number; band: PsiBand; categories: CategoryShift[] } | null {
  if (reference.length === 0 || actual.length === 0) return null;
  const expectedShare = shares(reference);
  const actualShare = shares(actual);
  const names = [...new Set([...expectedShare.keys(), ...actualShare.keys()])].sort();
  const categories = names.map((category) => {
    const expected = Math.max(expectedShare.get(category) ?? 0, PSI_FLOOR);
    const observed = Math.max(actualShare.get(category) ?? 0, PSI_FLOOR);
    return { category, expected, actual: observed, contribution: psiTerm(observed, expected) };
  });
  const psi = categories.reduce((sum, c) => sum + c.contribution, 0);
  return { psi, band: psiBand(psi), categories };
}

function shares(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const [key, count] of counts) counts.set(key, count / values.length);
  return counts;
}

/** Two-sample Kolmogorov–Smirnov: D = max |F1 − F2| and the asymptotic p-value Q(√(nm/(n+m))·D). */
export function kolmogorovSmirnov(first: Float64Array, second: Float64Array): { statistic: number; pValue: number } | null {
  return kolmogorovSmirnovOfSorted(sortedFinite(first), sortedFinite(second));
}

/** The same, from both samples already sorted (finite values only). */
export function kolmogorovSmirnovOfSorted(a: Float64Array, b: Float64Array): { statistic: number; pValue: number } | null {
  if (a.length === 0 || b.length === 0) return null;
  let i = 0, j = 0, statistic = 0;
  while (i < a.length && j < b.length) {
    const value = Math.min(a[i], b[j]);
    // Step past every copy of the value on both sides before comparing the two ECDFs.
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  const effective = (a.length * b.length) / (a.length + b.length);
  return { statistic, pValue: kolmogorovSurvival(Math.sqrt(effective) * statistic) };
}
