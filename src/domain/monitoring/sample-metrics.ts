import { resolveMetricKey } from './metric-catalogue.js';

/** The parts of a validation run's stored results a monitoring metric can be read from. */
export interface RunResults {
  performance?: Record<string, unknown>;
  fairness?: { column: string; adverseImpactRatio?: number | null; equalizedOddsDifference?: number | null }[];
  stability?: { score?: { psi?: number } | null; features?: { feature: string; psi?: number }[] } | null;
  categories?: { category: string; failureRate?: number }[];
}

const PERFORMANCE_KEYS = ['auc', 'gini', 'ks', 'accuracy', 'brier'];

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The figure a validation run measured for a metric key, or null when the run did not measure it. */
export function sampleValue(key: string, results: RunResults): number | null {
  const resolved = resolveMetricKey(key);
  if ('problem' in resolved) return null;
  const { base, parameterValue: name } = resolved.metric;
  if (PERFORMANCE_KEYS.includes(base)) return finite(results.performance?.[base]);
  if (base === 'psi_score') return finite(results.stability?.score?.psi);
  if (base === 'psi_feature') return finite(results.stability?.features?.find((f) => f.feature === name)?.psi);
  if (base === 'adverse_impact_ratio') return finite(results.fairness?.find((f) => f.column === name)?.adverseImpactRatio);
  if (base === 'equalized_odds_difference') return finite(results.fairness?.find((f) => f.column === name)?.equalizedOddsDifference);
  if (base === 'generative_failure_rate') return finite(results.categories?.find((c) => c.category === name)?.failureRate);
  return null;
}
