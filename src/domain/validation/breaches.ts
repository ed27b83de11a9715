import type { ClassificationResults } from './classification.js';
import type { StabilityResults } from './drift.js';
import type { CategoryFailures } from './generative.js';
import type { ValidationThresholds } from './thresholds.js';

export type BreachRule = 'adverse_impact' | 'psi' | 'auc_shortfall' | 'generative_failure_rate';

/** A threshold the run crossed, with the figures in words: each opens one draft finding. */
export interface Breach {
  rule: BreachRule;
  severity: 'medium' | 'high';
  title: string;
  description: string;
}

/** Rounds away binary noise before comparing with a threshold: 0.78 − 0.75 is 0.03, not 0.030000000000000027. */
const settled = (value: number) => Math.round(value * 1e12) / 1e12;
const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const fixed = (value: number) => value.toFixed(2);
const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** Groups whose selection rate falls under the ratio of the reference's, worst first within a column. */
export function adverseImpactBreaches(fairness: ClassificationResults['fairness'], t: ValidationThresholds['adverseImpact']): Breach[] {
  return fairness.flatMap((entry) => {
    const reference = entry.groups.find((g) => g.group === entry.referenceGroup);
    if (!reference || reference.selectionRate === null) return [];
    return entry.groups
      .filter((g) => !g.insufficientSample && g.group !== entry.referenceGroup && g.ratioToReference !== null && settled(g.ratioToReference) < t.ratioBelow)
      .sort((a, b) => a.ratioToReference! - b.ratioToReference!)
      .map((g) => ({
        rule: 'adverse_impact' as const,
        severity: g.pValue !== null && g.pValue < t.highWhenPBelow ? ('high' as const) : ('medium' as const),
        title: `Adverse impact on ${entry.column} ${g.group}: selection ratio ${fixed(g.ratioToReference!)} under ${t.ratioBelow}`,
        description:
          `selection rate ${percent(g.selectionRate!)} for ${entry.column} ${g.group} against ${percent(reference.selectionRate!)} for ${entry.column} ${reference.group}: ` +
          `ratio ${fixed(g.ratioToReference!)}${g.pValue === null ? '' : `, ${pValue(g.pValue)}`} (${g.n} and ${reference.n} rows)`,
      }));
  });
}

/** The score's PSI and each feature's CSI at or above the medium threshold. */
export function stabilityBreaches(stability: StabilityResults, t: ValidationThresholds['psi'], referenceId: string): Breach[] {
  const shifts = [...(stability.score ? [{ what: 'the score', psi: stability.score.psi, kind: 'PSI' }] : []), ...stability.features.map((f) => ({ what: `feature ${f.feature}`, psi: f.psi, kind: 'CSI' }))];
  return shifts
    .filter((s) => settled(s.psi) >= t.medium)
    .map((s) => ({
      rule: 'psi' as const,
      severity: settled(s.psi) >= t.high ? ('high' as const) : ('medium' as const),
      title: `Population shift in ${s.what}: ${s.kind} ${fixed(s.psi)}`,
      description: `${s.kind} of ${s.what} ${fixed(s.psi)} against reference run ${referenceId} (medium from ${t.medium}, high from ${t.high})`,
    }));
}

/** The measured AUC against the vendor's claim: more than `medium` below is medium, more than `high` is high. */
export function aucShortfallBreaches(measured: number | null, claim: { value: number; questionId: string } | null, t: ValidationThresholds['aucShortfall']): Breach[] {
  if (measured === null || claim === null) return [];
  const shortfall = settled(claim.value - measured);
  if (!(shortfall > t.medium)) return [];
  return [
    {
      rule: 'auc_shortfall',
      severity: shortfall > t.high ? 'high' : 'medium',
      title: `AUC ${fixed(measured)} is ${fixed(shortfall)} below the vendor's claim of ${fixed(claim.value)}`,
      description: `AUC ${measured.toFixed(3)} measured on the bank's sample against ${claim.value.toFixed(3)} claimed by the vendor (${claim.questionId}): ${shortfall.toFixed(3)} below`,
    },
  ];
}

/** Categories whose failure rate is above their limit even at the lower end of its Wilson interval. */
export function generativeBreaches(categories: CategoryFailures[], t: ValidationThresholds['generative']): Breach[] {
  return categories
    .map((c) => ({ c, limit: t.limits[c.category] ?? t.defaultLimit }))
    .filter(({ c, limit }) => c.interval[0] > limit)
    .map(({ c, limit }) => ({
      rule: 'generative_failure_rate' as const,
      severity: 'high' as const,
      title: `Failure rate in ${c.category} above its limit of ${percent(limit)}`,
      description: `failure rate ${percent(c.failureRate)} in ${c.category} (${c.failures} of ${c.n} cases; 95% Wilson interval ${percent(c.interval[0])}–${percent(c.interval[1])}) above the limit of ${percent(limit)}`,
    }));
}
