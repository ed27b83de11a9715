import type { PerformanceMetrics } from './performance.js';
import { categoricalStability, kolmogorovSmirnovOfSorted, populationStability, sortedFinite, stabilityOfSorted, type CategoryShift, type PsiBand, type PsiResult } from './stability.js';

/** A feature column: numbers (blank cells are NaN) or, when any cell is not a number, categories. */
export type FeatureColumn = { name: string; kind: 'numeric'; values: Float64Array } | { name: string; kind: 'categorical'; values: string[] };

export type FeatureStability =
  | ({ feature: string; kind: 'numeric' } & PsiResult)
  | { feature: string; kind: 'categorical'; psi: number; band: PsiBand; categories: CategoryShift[] };

export interface StabilityResults {
  score: (PsiResult & { ks: { statistic: number; pValue: number } | null }) | null;
  features: FeatureStability[];
  /** Current minus reference, per performance metric both define. */
  performanceChange: Partial<Record<keyof PerformanceMetrics, number>>;
}

export interface DriftSide {
  scores: Float64Array | null;
  features: FeatureColumn[];
  performance: PerformanceMetrics;
}

/** Stability of the current sample against a reference run: PSI and KS of the score, CSI per feature. */
export function stabilityResults(reference: DriftSide, current: DriftSide): StabilityResults {
  const score = reference.scores && current.scores ? scoreStability(reference.scores, current.scores) : null;
  const features = current.features.flatMap((feature) => {
    const base = reference.features.find((candidate) => candidate.name === feature.name);
    const result = base ? featureStability(base, feature) : null;
    return result ? [result] : [];
  });
  return { score, features, performanceChange: performanceChange(reference.performance, current.performance) };
}

/** Each side's scores are sorted once, for the reference deciles and the KS walk both. */
function scoreStability(reference: Float64Array, current: Float64Array): StabilityResults['score'] {
  const [expected, actual] = [sortedFinite(reference), sortedFinite(current)];
  const psi = stabilityOfSorted(expected, actual);
  return psi && { ...psi, ks: kolmogorovSmirnovOfSorted(expected, actual) };
}

function featureStability(reference: FeatureColumn, current: FeatureColumn): FeatureStability | null {
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    const psi = populationStability(reference.values, current.values);
    return psi && { feature: current.name, kind: 'numeric', ...psi };
  }
  // A column numeric on one side and not on the other is compared as categories on both.
  const shift = categoricalStability(categoriesOf(reference), categoriesOf(current));
  return shift && { feature: current.name, kind: 'categorical', ...shift };
}

function categoriesOf(column: FeatureColumn): string[] {
  if (column.kind === 'categorical') return column.values.filter((value) => value !== '');
  return Array.from(column.values).filter((value) => !Number.isNaN(value)).map(String);
}

function performanceChange(reference: PerformanceMetrics, current: PerformanceMetrics): Partial<Record<keyof PerformanceMetrics, number>> {
  const change: Partial<Record<keyof PerformanceMetrics, number>> = {};
  for (const key of Object.keys(current) as (keyof PerformanceMetrics)[]) {
    const [before, after] = [reference[key], current[key]];
    if (key !== 'n' && typeof before === 'number' && typeof after === 'number') change[key] = after - before;
  }
  return change;
}
