import { addDays } from '../schedule.js';

/**
 * Monitoring periods are calendar periods named by a label: `2026-11` (monthly), `2026-Q4`
 * (quarterly), `2026-H2` (semi-annual), `2026` (annual). Figures for a period are due a number
 * of days after it ends (the submission window). Dates are YYYY-MM-DD calendar days.
 */

export const CADENCES = ['monthly', 'quarterly', 'semi_annual', 'annual'] as const;
export type Cadence = (typeof CADENCES)[number];

const MONTHS: Record<Cadence, number> = { monthly: 1, quarterly: 3, semi_annual: 6, annual: 12 };

export const DEFAULT_SUBMISSION_WINDOW_DAYS = 15;

export interface Period {
  cadence: Cadence;
  label: string;
  /** First day of the period. */
  start: string;
  /** Last day of the period. */
  end: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period of `cadence` that starts in month `startMonth` (1-based) of `year`. */
function periodFrom(cadence: Cadence, year: number, startMonth: number): Period {
  const months = MONTHS[cadence];
  const endMonth = startMonth + months - 1;
  const index = (startMonth - 1) / months + 1;
  const label = cadence === 'monthly' ? `${year}-${pad(startMonth)}` : cadence === 'quarterly' ? `${year}-Q${index}` : cadence === 'semi_annual' ? `${year}-H${index}` : `${year}`;
  return { cadence, label, start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDayOfMonth(year, endMonth))}` };
}

/** The period of `cadence` that contains `day`. */
export function periodContaining(cadence: Cadence, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const months = MONTHS[cadence];
  return periodFrom(cadence, year, month - ((month - 1) % months));
}

const LABELS: [Cadence, RegExp][] = [
  ['monthly', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['quarterly', /^(\d{4})-Q([1-4])$/],
  ['semi_annual', /^(\d{4})-H([12])$/],
  ['annual', /^(\d{4})$/],
];

/** The period a label names, or null when it names none. */
export function parsePeriod(label: string): Period | null {
  for (const [cadence, pattern] of LABELS) {
    const match = pattern.exec(label);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < 2000 || year > 2999) return null;
    const index = match[2] ? Number(match[2]) : 1;
    return periodFrom(cadence, year, cadence === 'monthly' ? index : (index - 1) * MONTHS[cadence] + 1);
  }
  return null;
}

export function nextPeriod(period: Period): Period {
  return periodContaining(period.cadence, addDays(period.end, 1));
}

export function previousPeriod(period: Period): Period {
  return periodContaining(period.cadence, addDays(period.start, -1));
}

/** The day a period's figures are due: `windowDays` after its last day. */
export function periodDueDate(period: Period, windowDays = DEFAULT_SUBMISSION_WINDOW_DAYS): string {
  return addDays(period.end, windowDays);
}

/**
 * The period whose figures are being chased on `today`: the latest one that has ended, counting
 * only periods that end on or after the plan became active (the plan watches from then on).
 * Null while the first such period is still running.
 */
export function periodToChase(cadence: Cadence, activeFrom: string, today: string): Period | null {
  const last = previousPeriod(periodContaining(cadence, today));
  return last.end >= activeFrom ? last : null;
}

/**
 * When a metric's next figures are due: the chased period's due date while it has no figure
 * (possibly past, then it is late), else the following period's; before the first period has
 * ended, the first period's. `latestEnd` is the last day of the latest period with a figure.
 */
export function nextDueDate(cadence: Cadence, activeFrom: string, today: string, windowDays: number, latestEnd: string | null): string {
  const chased = periodToChase(cadence, activeFrom, today);
  if (!chased) return periodDueDate(periodContaining(cadence, activeFrom), windowDays);
  return periodDueDate(latestEnd !== null && latestEnd >= chased.end ? nextPeriod(chased) : chased, windowDays);
}
