/** Dates and numbers in the reader's own locale. */
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat();

export const formatNumber = (value: number) => numberFormat.format(value);

/** A calendar date (YYYY-MM-DD) shown as that day wherever the reader is. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return dateFormat.format(new Date(year, month - 1, date));
}

export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

const UNITS = ['bytes', 'KB', 'MB', 'GB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${UNITS[unit]}`;
}

const relativeDays = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A calendar date in words from today, e.g. "in 5 days" or "yesterday", in the reader's locale. */
export function formatFromToday(day: string, today = new Date()): string {
  const [year, month, date] = day.split('-').map(Number);
  const days = Math.round((Date.UTC(year, month - 1, date) - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / 86_400_000);
  return relativeDays.format(days, 'day');
}
