import { addDays, daysBetween, isCalendarDate, isoWeekday } from '../infra/time/calendar-date';
import type { ProblemCollector } from './import/field-checks';

/**
 * When a village is served: its service calendar. A village point may have one of its own; a township
 * station's calendar is the default of its villages. A village with neither is served every day.
 */
export const CALENDAR_RULES = ['daily', 'weekdays', 'every_n_days'] as const;
export type CalendarRule = (typeof CALENDAR_RULES)[number];

/** Index + 1 is the ISO weekday (mon = 1). */
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export const CALENDAR_EXCEPTION_TYPES = ['closed', 'extra'] as const;

/** A dated exception: `closed` from..to (a station shut over the Spring Festival), or an `extra` visit (before a market day). */
export interface CalendarException {
  type: (typeof CALENDAR_EXCEPTION_TYPES)[number];
  /** YYYY-MM-DD, local dates of the county, both included. */
  from: string;
  to: string;
  note?: string;
}

/** The stored form: only the fields of its rule, weekdays in week order, every exception with its `to`. */
export interface ServiceCalendar {
  rule: CalendarRule;
  /** `weekdays`: the days of the week it is served. */
  weekdays?: WeekdayName[];
  /** `every_n_days`: served on `anchorDate` and every `everyNDays` days before and after it. */
  everyNDays?: number;
  anchorDate?: string;
  exceptions: CalendarException[];
}

export const MAX_EVERY_N_DAYS = 366;
export const MAX_CALENDAR_EXCEPTIONS = 100;
/** An exception spans at most a year: a village closed for longer has no service, which is a network change. */
export const MAX_EXCEPTION_DAYS = 366;

type Properties = Record<string, unknown>;
const ALLOWED_KEYS = ['rule', 'weekdays', 'everyNDays', 'anchorDate', 'exceptions'];

/**
 * Checks a calendar as sent (API body, GeoJSON property, CSV column) and returns its stored form; every
 * problem goes to `problems` under `field` (e.g. `weekdays[2]`). Absent or null: no calendar of its own.
 */
export function readServiceCalendar(problems: ProblemCollector, field: string, value: unknown): ServiceCalendar | null | undefined {
  if (value === undefined || value === null) return null;
  const at = (name: string) => (field ? `${field}.${name}` : name);
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add(field || 'body', 'must be an object { rule, weekdays | everyNDays + anchorDate, exceptions }');
    return undefined;
  }
  const candidate = value as Properties;
  const before = problems.count;
  for (const key of Object.keys(candidate)) if (!ALLOWED_KEYS.includes(key)) problems.add(at(key), `property ${key} should not exist`);
  const rule = problems.oneOf(at('rule'), candidate.rule, CALENDAR_RULES);
  const calendar: ServiceCalendar = { rule: rule ?? 'daily', exceptions: [] };
  if (rule === 'weekdays') calendar.weekdays = readWeekdays(problems, at('weekdays'), candidate.weekdays);
  else if (candidate.weekdays !== undefined) problems.add(at('weekdays'), 'only a calendar with rule weekdays has weekdays');
  if (rule === 'every_n_days') {
    const everyNDays = candidate.everyNDays;
    if (typeof everyNDays !== 'number' || !Number.isInteger(everyNDays) || everyNDays < 1 || everyNDays > MAX_EVERY_N_DAYS) {
      problems.add(at('everyNDays'), `must be an integer from 1 to ${MAX_EVERY_N_DAYS}`);
    }
    if (!isCalendarDate(candidate.anchorDate)) problems.add(at('anchorDate'), 'must be a real date YYYY-MM-DD (a day it is served)');
    calendar.everyNDays = everyNDays as number;
    calendar.anchorDate = candidate.anchorDate as string;
  } else {
    if (candidate.everyNDays !== undefined) problems.add(at('everyNDays'), 'only a calendar with rule every_n_days has everyNDays');
    if (candidate.anchorDate !== undefined) problems.add(at('anchorDate'), 'only a calendar with rule every_n_days has anchorDate');
  }
  calendar.exceptions = readExceptions(problems, at('exceptions'), candidate.exceptions) ?? [];
  return problems.count > before ? undefined : calendar;
}

function readWeekdays(problems: ProblemCollector, field: string, value: unknown): WeekdayName[] {
  if (!Array.isArray(value)) {
    problems.add(field, `must be a list of weekdays (${WEEKDAY_NAMES.join(', ')})`);
    return [];
  }
  if (value.length === 0) problems.add(field, 'a calendar needs at least one service day: name one weekday or more');
  value.forEach((day, index) => {
    if (!(WEEKDAY_NAMES as readonly unknown[]).includes(day)) problems.add(`${field}[${index}]`, `unknown weekday ${JSON.stringify(day)}; one of ${WEEKDAY_NAMES.join(', ')}`);
    else if (value.indexOf(day) !== index) problems.add(`${field}[${index}]`, `${day} appears twice`);
  });
  return WEEKDAY_NAMES.filter((day) => value.includes(day));
}

function readExceptions(problems: ProblemCollector, field: string, value: unknown): CalendarException[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_CALENDAR_EXCEPTIONS) {
    problems.add(field, `must be a list of at most ${MAX_CALENDAR_EXCEPTIONS} { type: closed | extra, from, to?, note? }`);
    return undefined;
  }
  return value.map((entry: unknown, index): CalendarException => {
    const at = `${field}[${index}]`;
    const exception = (typeof entry === 'object' && entry !== null ? entry : {}) as Properties;
    for (const key of Object.keys(exception)) if (!['type', 'from', 'to', 'note'].includes(key)) problems.add(`${at}.${key}`, `property ${key} should not exist`);
    const type = problems.oneOf(`${at}.type`, exception.type, CALENDAR_EXCEPTION_TYPES);
    const from = exception.from;
    const to = exception.to ?? from;
    if (!isCalendarDate(from)) problems.add(`${at}.from`, 'must be a real date YYYY-MM-DD');
    else if (!isCalendarDate(to)) problems.add(`${at}.to`, 'must be a real date YYYY-MM-DD');
    else if (daysBetween(from, to) < 0) problems.add(`${at}.to`, `must be ${from} or later`);
    else if (daysBetween(from, to) >= MAX_EXCEPTION_DAYS) problems.add(`${at}.to`, `an exception spans at most ${MAX_EXCEPTION_DAYS} days`);
    const note = exception.note === undefined ? undefined : problems.requiredString(`${at}.note`, exception.note, 200);
    return { type: type!, from: from as string, to: to as string, ...(note !== undefined ? { note } : {}) };
  });
}

/** The calendars that decide a village's service: its own and its township station's (either may be absent). */
export interface VillageCalendars {
  own: ServiceCalendar | null;
  station: ServiceCalendar | null;
}

/**
 * Whether the village is served on `date`. A dated exception decides first, the village's own before
 * its station's (a station closed over the Spring Festival closes its villages, unless a village has
 * an extra visit of its own that day; within one calendar `closed` wins over `extra`); then the rule of
 * the village's own calendar, else its station's, else every day.
 */
export function isServiceDay(calendars: VillageCalendars, date: string): boolean {
  for (const calendar of [calendars.own, calendars.station]) {
    const covering = calendar?.exceptions.filter((exception) => exception.from <= date && date <= exception.to) ?? [];
    if (covering.length > 0) return covering.every((exception) => exception.type === 'extra');
  }
  const calendar = calendars.own ?? calendars.station;
  return calendar === null || servedByRule(calendar, date);
}

function servedByRule(calendar: ServiceCalendar, date: string): boolean {
  if (calendar.rule === 'daily') return true;
  if (calendar.rule === 'weekdays') return calendar.weekdays!.includes(WEEKDAY_NAMES[isoWeekday(date) - 1]!);
  const offset = daysBetween(calendar.anchorDate!, date) % calendar.everyNDays!;
  return offset === 0;
}

/** How far ahead a next service day is looked for; a village with none in a year is treated as having none. */
export const SERVICE_DAY_SEARCH_DAYS = 366;

/** The first service day after `date` (not `date` itself) on which `alsoOpen` holds too; null when none within a year. */
export function nextServiceDay(calendars: VillageCalendars, date: string, alsoOpen: (day: string) => boolean = () => true): string | null {
  for (let ahead = 1; ahead <= SERVICE_DAY_SEARCH_DAYS; ahead++) {
    const day = addDays(date, ahead);
    if (isServiceDay(calendars, day) && alsoOpen(day)) return day;
  }
  return null;
}

/** The service days among the `count` days from `from` (included), for an operator to check a calendar. */
export function serviceDaysFrom(calendars: VillageCalendars, from: string, count: number): string[] {
  const days: string[] = [];
  for (let ahead = 0; ahead < count; ahead++) {
    const day = addDays(from, ahead);
    if (isServiceDay(calendars, day)) days.push(day);
  }
  return days;
}
