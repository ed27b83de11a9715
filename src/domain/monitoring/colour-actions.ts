import type { Tier } from '../tiering.js';
import type { MetricFamily } from './metric-catalogue.js';
import type { Rating } from './rating.js';

/** What a colour does, as data: the defaults of the design, read by one pure function. */
export interface ColourPolicy {
  /** Colours that tell the metric's owner. */
  notifyOwnerOn: Rating[];
  /** This many ambers in a row (this period included) open a draft finding. */
  consecutiveAmbersForFinding: number;
  findingOnRed: boolean;
  /** Red on a metric of these families, for an AI system of these tiers, opens a reassessment. */
  reassessOnRed: { families: MetricFamily[]; tiers: Tier[] };
  /** Severity of the draft finding by the AI system's tier. */
  findingSeverity: Record<Tier, 'low' | 'medium' | 'high' | 'critical'>;
}

export const DEFAULT_COLOUR_POLICY: ColourPolicy = {
  notifyOwnerOn: ['amber', 'red'],
  consecutiveAmbersForFinding: 2,
  findingOnRed: true,
  reassessOnRed: { families: ['performance', 'fairness'], tiers: ['high', 'critical'] },
  findingSeverity: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
};

export interface ColourActions {
  notifyOwner: boolean;
  /** A draft finding and the escalation contact told. */
  finding: boolean;
  reassess: boolean;
  /** Why, in words, for the record. */
  reasons: string[];
}

/**
 * `previous`: the ratings of the same metric in the periods before, latest first.
 * `tier`: the AI system's inherent tier (null when never tiered: no reassessment by tier).
 */
export function colourActions(rating: Rating, previous: Rating[], family: MetricFamily, tier: Tier | null, policy: ColourPolicy = DEFAULT_COLOUR_POLICY): ColourActions {
  const reasons: string[] = [];
  const notifyOwner = policy.notifyOwnerOn.includes(rating);
  if (notifyOwner) reasons.push(`${rating}: the owner is told`);
  const needed = policy.consecutiveAmbersForFinding;
  const ambersInRow = rating === 'amber' && needed > 0 && previous.length >= needed - 1 && previous.slice(0, needed - 1).every((r) => r === 'amber');
  const onRed = rating === 'red' && policy.findingOnRed;
  if (ambersInRow) reasons.push(`${needed} ambers in a row: a draft finding, the escalation contact told`);
  if (onRed) reasons.push('red: a draft finding, the escalation contact told');
  const reassess = rating === 'red' && tier !== null && policy.reassessOnRed.families.includes(family) && policy.reassessOnRed.tiers.includes(tier);
  if (reassess) reasons.push(`red on a ${family} metric of a ${tier} tier AI system: a reassessment`);
  return { notifyOwner, finding: ambersInRow || onRed, reassess, reasons };
}
