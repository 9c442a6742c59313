/**
 * Plan times are seconds from local midnight of the service date in the county's time zone; the
 * database stores instants. These two functions are the only place that converts between them.
 */

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: making one costs far more than using it, and a manifest formats every stop's times. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (east positive). */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const field = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant that is `secondsFromMidnight` after local midnight of `serviceDate` in `timeZone`. */
export function localSecondsToInstant(serviceDate: string, secondsFromMidnight: number, timeZone: string): Date {
  const [year, month, day] = serviceDate.split('-').map(Number) as [number, number, number];
  const wallClockAsUtc = Date.UTC(year, month - 1, day) + secondsFromMidnight * 1000;
  // Two passes settle the offset even when the wall-clock time sits next to a DST change.
  let instant = wallClockAsUtc - zoneOffsetMs(new Date(wallClockAsUtc), timeZone);
  instant = wallClockAsUtc - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `instant` as ISO 8601 in `timeZone`'s wall-clock time with its offset, e.g. 2026-11-30T07:05:00+08:00 (what a driver reads). */
export function instantToLocalIso(instant: Date, timeZone: string): string {
  const offsetMs = zoneOffsetMs(instant, timeZone);
  const wallClock = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMs).toISOString().slice(0, 19);
  const offsetMinutes = Math.abs(offsetMs) / 60_000;
  const offset = `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(offsetMinutes / 60)).padStart(2, '0')}:${String(offsetMinutes % 60).padStart(2, '0')}`;
  return `${wallClock}${offset}`;
}
