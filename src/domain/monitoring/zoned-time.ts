/**
 * Calendar arithmetic in a named time zone with nothing but `Intl`. Hours are exact durations
 * (72 hours are 72 hours across a clock change); days and months move the wall clock of the zone,
 * so "15 days after 10:00" is 10:00 local fifteen days later even when the clocks changed between.
 */

const HOUR_MS = 3_600_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockOf(at: Date, zone: string): WallClock {
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), millisecond: at.getUTCMilliseconds() };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

/** Minutes the zone is ahead of UTC at `at`. */
export function zoneOffsetMinutes(at: Date, zone: string): number {
  return Math.round((asUtc(wallClockOf(at, zone)) - at.getTime()) / 60_000);
}

/**
 * The instant a wall-clock time in the zone names. A time the spring change skips is moved
 * forward by the gap (02:30 that never happened becomes 03:30); an autumn time that happens twice
 * is the first of the two.
 */
export function instantOf(w: WallClock, zone: string): Date {
  const naive = asUtc(w);
  const before = zoneOffsetMinutes(new Date(naive - 14 * HOUR_MS), zone);
  const after = zoneOffsetMinutes(new Date(naive + 14 * HOUR_MS), zone);
  const first = naive - before * 60_000;
  if (before === after || asUtc(wallClockOf(new Date(first), zone)) === naive) return new Date(first);
  const second = naive - after * 60_000;
  if (asUtc(wallClockOf(new Date(second), zone)) === naive) return new Date(second);
  return new Date(naive - before * 60_000);
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR_MS);
}

/** The same wall-clock time `days` calendar days later in the zone. */
export function addCalendarDays(at: Date, days: number, zone: string): Date {
  const w = wallClockOf(at, zone);
  const shifted = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return instantOf({ ...w, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }, zone);
}

/** The same wall-clock time `months` later in the zone; a day the month lacks becomes its last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addCalendarMonths(at: Date, months: number, zone: string): Date {
  const w = wallClockOf(at, zone);
  const index = w.year * 12 + (w.month - 1) + months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return instantOf({ ...w, year, month, day: Math.min(w.day, last) }, zone);
}
