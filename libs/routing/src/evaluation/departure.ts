import { TimeWindow } from '../model/problem';

/** Earliest service start at or after `arrivalS` inside one of the windows (any time if none); null when every window has closed. */
export function startWithin(windows: TimeWindow[], arrivalS: number): number | null {
  if (windows.length === 0) return arrivalS;
  for (const window of windows) if (arrivalS <= window.endS) return Math.max(arrivalS, window.startS);
  return null;
}

export interface TimedStop {
  /** Travel time from the previous stop (the depot for the first). */
  travelS: number;
  serviceS: number;
  timeWindows: TimeWindow[];
}

/**
 * The latest departure from the depot, at `earliestS` or later, that delays neither the return nor
 * any service past the end of the window it starts in, so waiting on the road becomes waiting at
 * the depot, which is not driven (Savelsbergh's forward time slack): the waits before a stop absorb
 * the delay first. Every engine and the pricing of given routes time routes this way, so their
 * durations agree. When a stop misses every window, only the wait at the first stop moves.
 * A vehicle's day of several trips is one list of stops with a `reloadStop` between two trips: the
 * first trip then leaves as late as the whole day allows, which is the start that gives the
 * minimal duration HGS's chain of trips prices (`trip-chain.ts`).
 */
export function latestDepartureS(earliestS: number, stops: readonly TimedStop[]): number {
  let time = earliestS;
  let waited = 0;
  let firstWait = 0;
  let slack = Infinity;
  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i];
    const arrivalS = time + stop.travelS;
    const startS = startWithin(stop.timeWindows, arrivalS);
    if (startS === null) return earliestS + firstWait;
    if (i === 0) firstWait = startS - arrivalS;
    waited += startS - arrivalS;
    const window = stop.timeWindows.find((w) => startS <= w.endS);
    if (window) slack = Math.min(slack, waited + window.endS - startS);
    time = startS + stop.serviceS;
  }
  return earliestS + Math.max(0, Math.min(waited, slack));
}

/**
 * A reload between two trips as a stop of `latestDepartureS`: reached after `travelS`, no service,
 * and the next trip leaves no earlier than `releaseS` (the latest release of its jobs), so waiting
 * for the goods there absorbs a later first departure; it has no latest time (HGS's chain of trips
 * has none either: a late trip shows at its clients' windows and at the shift's end).
 */
export function reloadStop(travelS: number, releaseS: number): TimedStop {
  return { travelS, serviceS: 0, timeWindows: [{ startS: releaseS, endS: Infinity }] };
}
