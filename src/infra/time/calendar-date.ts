/**
 * Calendar dates written YYYY-MM-DD (service dates, calendar anchors, exceptions). A date has no time
 * zone of its own: it is a day of the county's calendar, and arithmetic on it is done at UTC midnight
 * so that no daylight-saving change can move it.
 */

/** A well-formed, real calendar date (2026-02-30 is refused). */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && CALENDAR_DATE.test(value) && new Date(utcMidnight(value)).toISOString().slice(0, 10) === value;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

function utcMidnight(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** Days from `from` to `to` (YYYY-MM-DD each), both counted: 1 for the same day. */
export function daysInclusive(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}
