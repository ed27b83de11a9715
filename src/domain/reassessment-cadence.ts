/** Months until the next reassessment after a decision, by inherent tier (commensurate with risk). */
import type { ResidualRisk } from './scoring.js';
import type { Tier } from './tiering.js';

export const DEFAULT_CADENCE_MONTHS: Record<Tier, number> = { critical: 6, high: 12, medium: 24, low: 36 };

/** Reads "critical=6,high=12,medium=24,low=36"; missing tiers keep their default. */
export function parseCadence(text: string | undefined): Record<Tier, number> {
  const cadence = { ...DEFAULT_CADENCE_MONTHS };
  if (!text?.trim()) return cadence;
  for (const part of text.split(',')) {
    const [tier, months] = part.split('=').map((s) => s.trim());
    if (!Object.hasOwn(cadence, tier) || !/^\d+$/.test(months ?? '') || Number(months) < 1 || Number(months) > 120) {
      throw new Error(`REASSESSMENT_MONTHS: "${part}" is not tier=months (1 to 120)`);
    }
    cadence[tier as Tier] = Number(months);
  }
  return cadence;
}

/** The date `months` after `from` (YYYY-MM-DD), clamped to the month's last day. */
export function addMonths(from: string, months: number): string {
  const [year, month, day] = from.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The longest an approval stands by residual risk, whatever the tier cadence says; null: the tier cadence alone. */
export type ResidualCaps = Record<ResidualRisk, number | null>;

export const DEFAULT_RESIDUAL_CAP_MONTHS: ResidualCaps = { severe: 3, high: 6, moderate: 12, low: null };

/** Reads "severe=3,high=6,moderate=12,low=none"; missing levels keep their default. */
export function parseResidualCaps(text: string | undefined): ResidualCaps {
  const caps = { ...DEFAULT_RESIDUAL_CAP_MONTHS };
  if (!text?.trim()) return caps;
  for (const part of text.split(',')) {
    const [risk, months] = part.split('=').map((s) => s.trim());
    const valid = Object.hasOwn(caps, risk) && (months === 'none' || (/^\d+$/.test(months ?? '') && Number(months) >= 1 && Number(months) <= 120));
    if (!valid) throw new Error(`APPROVAL_MONTHS_BY_RESIDUAL: "${part.trim()}" is not residual=months (1 to 120) or residual=none`);
    caps[risk as ResidualRisk] = months === 'none' ? null : Number(months);
  }
  return caps;
}

/** Months an approval stands: the tier's cadence, shortened by the residual risk's cap. */
export function approvalMonths(tier: Tier, residual: ResidualRisk, cadence: Record<Tier, number>, caps: ResidualCaps): number {
  const cap = caps[residual];
  return cap === null ? cadence[tier] : Math.min(cadence[tier], cap);
}
