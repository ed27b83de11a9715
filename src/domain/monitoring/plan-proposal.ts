import type { Tier } from '../tiering.js';
import type { Direction } from './metric-catalogue.js';
import type { Cadence } from './periods.js';
import type { Thresholds } from './rating.js';

export interface ProposedMetric {
  key: string;
  direction: Direction;
  thresholds: Thresholds;
  cadence: Cadence;
  source: 'vendor' | 'sample' | 'staff';
}

/** What the last finished validation run tells the proposal. */
export interface RunBasis {
  kind: 'classification' | 'generative_eval';
  auc: number | null;
  fairnessColumns: string[];
  categories: { category: string; failureRate: number }[];
}

export interface PlanBasis {
  tier: Tier | null;
  generative: boolean;
  run: RunBasis | null;
}

/** The closer the watch the higher the tier: a critical system monthly, a low one once a year. */
export const CADENCE_BY_TIER: Record<Tier, Cadence> = { critical: 'monthly', high: 'quarterly', medium: 'semi_annual', low: 'annual' };

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * A starting plan a risk manager edits: performance held near what the independent validation
 * measured (green within 0.02 of its AUC, red beyond 0.05), score stability by the usual PSI bands,
 * the four-fifths rule per group column the run looked at, failure rates per evaluation category,
 * and the vendor's operating figures.
 */
export function proposePlan(basis: PlanBasis): { metrics: ProposedMetric[]; reasons: string[] } {
  const cadence = CADENCE_BY_TIER[basis.tier ?? 'low'];
  const reasons = [`${basis.tier ?? 'untiered'} tier: figures ${cadence.replace('_', '-')}`];
  const run = basis.run;
  const fromRun = run ? 'sample' : 'vendor';
  const metrics: ProposedMetric[] = [];
  if (!basis.generative) {
    if (run?.auc != null) {
      metrics.push({ key: 'auc', direction: 'higher_is_better', thresholds: { green: round3(run.auc - 0.02), amber: round3(run.auc - 0.05) }, cadence, source: 'sample' });
      reasons.push(`AUC held within 0.02 (green) and 0.05 (amber) of the ${round3(run.auc)} the last validation measured`);
    } else {
      metrics.push({ key: 'auc', direction: 'higher_is_better', thresholds: { green: 0.75, amber: 0.7 }, cadence, source: 'vendor' });
      reasons.push('no finished validation run: AUC from the vendor against generic limits');
    }
    metrics.push({ key: 'psi_score', direction: 'lower_is_better', thresholds: { green: 0.1, amber: 0.25 }, cadence, source: fromRun });
    for (const column of run?.fairnessColumns ?? []) {
      metrics.push({ key: `adverse_impact_ratio:${column}`, direction: 'higher_is_better', thresholds: { green: 0.8, amber: 0.7 }, cadence, source: 'sample' });
    }
    if (run?.fairnessColumns.length) reasons.push(`the four-fifths rule for each group column of the last validation: ${run.fairnessColumns.join(', ')}`);
  }
  for (const { category, failureRate } of run?.categories ?? []) {
    const green = Math.max(0.02, round3(failureRate));
    metrics.push({ key: `generative_failure_rate:${category}`, direction: 'lower_is_better', thresholds: { green, amber: round3(green + 0.03) }, cadence, source: 'sample' });
  }
  if (run?.categories.length) reasons.push('failure rates per evaluation category at no worse than the last validation measured');
  metrics.push(
    { key: 'availability', direction: 'higher_is_better', thresholds: { green: 99.5, amber: 99 }, cadence, source: 'vendor' },
    { key: 'error_rate', direction: 'lower_is_better', thresholds: { green: 0.01, amber: 0.05 }, cadence, source: 'vendor' },
    { key: 'incidents', direction: 'lower_is_better', thresholds: { green: 0, amber: 1 }, cadence, source: 'vendor' },
  );
  return { metrics, reasons };
}
