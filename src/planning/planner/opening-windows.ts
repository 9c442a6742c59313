import type { OpeningHoursRule } from '../../network/network-node.entity';
import type { TimeWindow } from '@rural-dispatch/routing';
import { clockToSeconds } from '../../infra/time/clock-time';
import { isoWeekday } from '../../infra/time/calendar-date';

export { isoWeekday };

/**
 * The windows in which a node can start serving on the service date, as the solver wants them:
 * latest start = closing time minus the service time, sorted and merged.
 * Returns null when the node is always open, [] when it is closed that day.
 */
export function openingWindows(rules: OpeningHoursRule[] | null, serviceDate: string, serviceTimeS: number): TimeWindow[] | null {
  if (rules === null) return null;
  const weekday = isoWeekday(serviceDate);
  const windows = rules
    .filter((rule) => rule.days.includes(weekday))
    .map((rule) => ({ startS: clockToSeconds(rule.open), endS: clockToSeconds(rule.close) - serviceTimeS }))
    .filter((window) => window.endS >= window.startS)
    .sort((a, b) => a.startS - b.startS);
  const merged: TimeWindow[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    // The solver wants strictly separated windows; touching or overlapping ones become one.
    if (last && window.startS <= last.endS + 1) last.endS = Math.max(last.endS, window.endS);
    else merged.push({ ...window });
  }
  return merged;
}

/** Time windows cut at `latestS`; the windows as they were when the cut would leave none (the last mile then says why). */
export function windowsUntil(windows: TimeWindow[], latestS: number | undefined): TimeWindow[] {
  if (latestS === undefined) return windows;
  const source = windows.length > 0 ? windows : [{ startS: 0, endS: 7 * 24 * 3600 }];
  const cut = source.filter((window) => window.startS <= latestS).map((window) => ({ startS: window.startS, endS: Math.min(window.endS, Math.floor(latestS)) }));
  return cut.length > 0 ? cut : windows;
}
