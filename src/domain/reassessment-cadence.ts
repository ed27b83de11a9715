/** Months until the next reassessment after a decision, by inherent tier (commensurate with risk). */
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
