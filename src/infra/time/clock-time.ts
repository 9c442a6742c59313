/**
 * Local clock times written "HH:MM" (opening hours, vehicle shifts), as seconds after local
 * midnight — the unit the planner works in. Time zones are not involved: these are wall-clock
 * times of the county's own day (planning/…/local-time.ts turns them into instants).
 */

/** 00:00 to 23:59. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 00:00 to 24:00: "24:00" ends a shift (or a day) at midnight. */
export const END_CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Seconds after midnight; a string that is not an END_CLOCK_TIME is a programming error here (input is validated at the edge). */
export function clockToSeconds(clock: string): number {
  if (!END_CLOCK_TIME.test(clock)) throw new RangeError(`a clock time must be HH:MM, got ${JSON.stringify(clock)}`);
  return Number(clock.slice(0, 2)) * 3600 + Number(clock.slice(3, 5)) * 60;
}

/** "HH:MM", seconds truncated; 86400 gives "24:00". */
export function secondsToClock(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
