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
