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
 * minimal duration HGS's chain of trips prices (`trip-chain.ts`). A stop of several windows may
 * instead leave later into a later window (`departureAcrossWindows`).
 */
export function latestDepartureS(earliestS: number, stops: readonly TimedStop[]): number {
  if (stops.some((stop) => stop.timeWindows.length > 1)) return departureAcrossWindows(earliestS, stops);
  return latestDepartureInWindows(earliestS, stops);
}

/** Savelsbergh's forward time slack from `earliestS`: each service stays in the window it starts in. */
function latestDepartureInWindows(earliestS: number, stops: readonly TimedStop[]): number {
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
 * With several windows at a stop, leaving later may move a service into a later window and shorten
 * the day, which the forward slack (bounded by the window a service starts in) never finds. The
 * shortest day leaves when some service starts exactly as its window opens with no wait before it,
 * or at `earliestS`: every such departure is tried (stops reached by the earliest window open at
 * arrival, which is best for any given departure), and the shortest feasible day is then pushed as
 * late as its windows allow. O(windows × stops²), for a route's pricing, not a search's moves; HGS
 * prices the same day, one chosen window per job (`window-groups.ts`), never shorter than this.
 */
function departureAcrossWindows(earliestS: number, stops: readonly TimedStop[]): number {
  // Leaving at `earliestS` and waiting out what the forward slack allows is `best` already.
  const candidates: number[] = [];
  let offsetS = 0;
  for (const stop of stops) {
    offsetS += stop.travelS;
    for (const window of stop.timeWindows) if (window.startS - offsetS > earliestS && Number.isFinite(window.startS)) candidates.push(window.startS - offsetS);
    offsetS += stop.serviceS;
  }
  let best = latestDepartureInWindows(earliestS, stops);
  let bestDurationS = dayLengthS(best, stops);
  for (const departureS of candidates) {
    const durationS = dayLengthS(departureS, stops);
    if (durationS < bestDurationS) {
      best = latestDepartureInWindows(departureS, stops);
      bestDurationS = dayLengthS(best, stops);
    }
  }
  return best;
}

/** From `departureS` to the end of the last service, each stop served in the earliest window open at arrival; Infinity when one is missed. */
function dayLengthS(departureS: number, stops: readonly TimedStop[]): number {
  let time = departureS;
  for (const stop of stops) {
    const startS = startWithin(stop.timeWindows, time + stop.travelS);
    if (startS === null) return Infinity;
    time = startS + stop.serviceS;
  }
  return time - departureS;
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
