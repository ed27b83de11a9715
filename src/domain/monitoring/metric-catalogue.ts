/**
 * The monitoring metric catalogue: every key a plan may name, its family, unit and the direction
 * in which it gets better. Parameterised keys carry a name after a colon (`psi_feature:income`);
 * a key of the organisation's own is `custom:<name>` and must bring its unit and direction.
 */

export const METRIC_FAMILIES = ['performance', 'stability', 'fairness', 'generative', 'operations', 'custom'] as const;
export type MetricFamily = (typeof METRIC_FAMILIES)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface MetricDefinition {
  family: MetricFamily;
  unit: string;
  direction: Direction;
  /** What the part after the colon names; null for a key without one. */
  parameter: 'feature' | 'group_column' | 'category' | 'name' | null;
  label: string;
}

export const METRIC_CATALOGUE: Readonly<Record<string, MetricDefinition>> = {
  auc: { family: 'performance', unit: 'ratio', direction: 'higher_is_better', parameter: null, label: 'AUC' },
  gini: { family: 'performance', unit: 'ratio', direction: 'higher_is_better', parameter: null, label: 'Gini' },
  ks: { family: 'performance', unit: 'ratio', direction: 'higher_is_better', parameter: null, label: 'KS statistic' },
  accuracy: { family: 'performance', unit: 'ratio', direction: 'higher_is_better', parameter: null, label: 'accuracy' },
  brier: { family: 'performance', unit: 'ratio', direction: 'lower_is_better', parameter: null, label: 'Brier score' },
  psi_score: { family: 'stability', unit: 'index', direction: 'lower_is_better', parameter: null, label: 'PSI of the score' },
  psi_feature: { family: 'stability', unit: 'index', direction: 'lower_is_better', parameter: 'feature', label: 'PSI of feature' },
  adverse_impact_ratio: { family: 'fairness', unit: 'ratio', direction: 'higher_is_better', parameter: 'group_column', label: 'adverse impact ratio by' },
  equalized_odds_difference: { family: 'fairness', unit: 'ratio', direction: 'lower_is_better', parameter: 'group_column', label: 'equalized odds difference by' },
  generative_failure_rate: { family: 'generative', unit: 'ratio', direction: 'lower_is_better', parameter: 'category', label: 'failure rate of evaluation category' },
  availability: { family: 'operations', unit: 'percent', direction: 'higher_is_better', parameter: null, label: 'availability' },
  p95_latency_ms: { family: 'operations', unit: 'ms', direction: 'lower_is_better', parameter: null, label: '95th percentile latency' },
  error_rate: { family: 'operations', unit: 'ratio', direction: 'lower_is_better', parameter: null, label: 'error rate' },
  complaints: { family: 'operations', unit: 'count', direction: 'lower_is_better', parameter: null, label: 'complaints' },
  incidents: { family: 'operations', unit: 'count', direction: 'lower_is_better', parameter: null, label: 'incidents' },
  custom: { family: 'custom', unit: '', direction: 'higher_is_better', parameter: 'name', label: 'custom metric' },
};

const PARAMETER = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/;

export interface ResolvedMetric extends MetricDefinition {
  key: string;
  base: string;
  parameterValue: string | null;
}

/** The catalogue entry of a key, or why the key is not one. */
export function resolveMetricKey(key: string): { metric: ResolvedMetric } | { problem: string } {
  const colon = key.indexOf(':');
  const base = colon < 0 ? key : key.slice(0, colon);
  const parameterValue = colon < 0 ? null : key.slice(colon + 1);
  const definition = Object.hasOwn(METRIC_CATALOGUE, base) ? METRIC_CATALOGUE[base] : undefined;
  if (!definition) return { problem: `"${base}" is not a catalogue metric (${Object.keys(METRIC_CATALOGUE).join(', ')})` };
  if (definition.parameter === null && parameterValue !== null) return { problem: `"${base}" takes no ":" part` };
  if (definition.parameter !== null && (parameterValue === null || !PARAMETER.test(parameterValue))) {
    return { problem: `"${base}" needs a ${definition.parameter.replace('_', ' ')} after ":" (letters, digits, space, . _ -, up to 80)` };
  }
  return { metric: { ...definition, key, base, parameterValue } };
}
