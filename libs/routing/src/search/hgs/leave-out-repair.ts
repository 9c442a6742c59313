import { HgsData } from './hgs-data';
import { SegmentAccumulator } from './segment';

/**
 * The last resort when the search ends without a feasible solution but clients may be left out:
 * from every route that still breaks its capacity, shift, windows or duration limit, leaves out one
 * optional client at a time: the one of least penalty whose absence makes the route feasible, else
 * the one whose absence leaves the least violation (ties: the smallest penalty), until the route is feasible or holds no optional client. Routes left empty are dropped
 * with their slots. Deterministic; O(route length³) per route, for the few routes concerned.
 */
export function leaveOutViolations(data: HgsData, routes: number[][], slots: number[] | undefined, acc: SegmentAccumulator): { routes: number[][]; slots?: number[] } {
  const keptRoutes: number[][] = [];
  const keptSlots: number[] = [];
  routes.forEach((original, i) => {
    const slot = slots ? slots[i] : data.referenceSlot;
    const route = [...original];
    const violation = (skip: number): number => {
      acc.startAtDepot(slot);
      for (let k = 0; k < route.length; k++) if (k !== skip) acc.appendClient(route[k]);
      acc.appendClient(0);
      return Math.max(acc.excessLoad(), 0) + acc.routeTimeWarp();
    };
    while (violation(-1) > 0) {
      // The cheapest client whose absence makes the route feasible; else the one that leaves least violation.
      let leave = -1;
      let least = Infinity;
      let cheapestFix = -1;
      for (let k = 0; k < route.length; k++) {
        if (!data.optional[route[k]]) continue;
        const left = violation(k);
        if (left === 0 && (cheapestFix < 0 || data.skipPenalty[route[k]] < data.skipPenalty[route[cheapestFix]])) cheapestFix = k;
        if (left < least || (left === least && data.skipPenalty[route[k]] < data.skipPenalty[route[leave]])) {
          least = left;
          leave = k;
        }
      }
      if (cheapestFix >= 0) leave = cheapestFix;
      if (leave < 0) break;
      route.splice(leave, 1);
    }
    if (route.length === 0) return;
    keptRoutes.push(route);
    keptSlots.push(slot);
  });
  return slots ? { routes: keptRoutes, slots: keptSlots } : { routes: keptRoutes };
}
