import type { FieldError } from '../common/errors.js';
import { resolveMetricKey, type MetricFamily } from '../domain/monitoring/metric-catalogue.js';
import { thresholdProblem } from '../domain/monitoring/rating.js';
import type { PlanMetricInput } from './dto/monitoring-plan.dto.js';
import type { PlanMetric } from './monitoring-plan.entity.js';

/** Families a validation run can measure: only these may come from a sample. */
const SAMPLE_FAMILIES: MetricFamily[] = ['performance', 'stability', 'fairness', 'generative'];

export function describeMetric(metric: PlanMetric) {
  const resolved = resolveMetricKey(metric.key);
  const known = 'metric' in resolved ? resolved.metric : null;
  const label = known ? (known.parameterValue ? `${known.label} ${known.parameterValue}` : known.label) : metric.key;
  return { ...metric, ownerId: metric.ownerId ?? null, escalationContactId: metric.escalationContactId ?? null, family: known?.family ?? ('custom' as MetricFamily), label };
}

export function familyOf(key: string): MetricFamily {
  const resolved = resolveMetricKey(key);
  return 'metric' in resolved ? resolved.metric.family : 'custom';
}

/** The metrics of a plan request checked against the catalogue, with units and directions filled in. */
export function checkPlanMetrics(inputs: PlanMetricInput[]): { metrics: PlanMetric[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const metrics = inputs.map((input, i): PlanMetric => {
    const at = (field: string) => `metrics[${i}].${field}`;
    const resolved = resolveMetricKey(input.key);
    if ('problem' in resolved) {
      errors.push({ field: at('key'), message: resolved.problem });
      return { ...input, unit: input.unit ?? '', direction: input.direction ?? 'higher_is_better', thresholds: { ...input.thresholds } };
    }
    const metric = resolved.metric;
    if (seen.has(input.key)) errors.push({ field: at('key'), message: 'appears twice in the plan' });
    seen.add(input.key);
    const custom = metric.family === 'custom';
    if (custom && !input.unit) errors.push({ field: at('unit'), message: 'is required for a custom metric' });
    if (custom && !input.direction) errors.push({ field: at('direction'), message: 'is required for a custom metric' });
    if (!custom && input.unit !== undefined && input.unit !== metric.unit) errors.push({ field: at('unit'), message: `is ${metric.unit} for ${metric.base}` });
    if (!custom && input.direction !== undefined && input.direction !== metric.direction) errors.push({ field: at('direction'), message: `is ${metric.direction} for ${metric.base}` });
    const direction = custom ? (input.direction ?? 'higher_is_better') : metric.direction;
    const problem = thresholdProblem(direction, input.thresholds);
    if (problem) errors.push({ field: at('thresholds'), message: problem });
    if (input.source === 'sample' && !SAMPLE_FAMILIES.includes(metric.family)) errors.push({ field: at('source'), message: `a validation run does not measure ${metric.family} metrics` });
    return {
      key: input.key,
      unit: custom ? (input.unit ?? '') : metric.unit,
      direction,
      thresholds: { green: input.thresholds.green, amber: input.thresholds.amber },
      cadence: input.cadence,
      source: input.source,
      ownerId: input.ownerId.toLowerCase(),
      escalationContactId: input.escalationContactId.toLowerCase(),
    };
  });
  return { metrics, errors };
}
