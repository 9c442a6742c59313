import { HgsData } from './hgs-data';
import { Individual } from './individual';
import { LocalSearch } from './local-search';
import { Penalties, SegmentAccumulator } from './segment';
import { TripChain } from './trip-chain';

/**
 * The last resort when the search ends without a feasible solution but clients may be left out:
 * from every route that still breaks its capacity, shift, windows or duration limit, leaves out one
 * optional client at a time: the one of least penalty whose absence makes the route feasible, else
 * the one whose absence leaves the least violation (ties: the smallest penalty), until the route is feasible or holds no optional client. Routes left empty are dropped
 * with their slots. A multi-trip vehicle is repaired as a whole: its trips' excess loads plus the
 * time warp of their chain (a trip may be late only because an earlier one is long).
 * Deterministic; O(route length³) per route (per vehicle with several trips), for the few concerned.
 */
export function leaveOutViolations(data: HgsData, routes: number[][], slots: number[] | undefined, acc: SegmentAccumulator): { routes: number[][]; slots?: number[] } {
  const trips = routes.map((route) => [...route]);
  const slotOf = (i: number): number => (slots ? slots[i] : data.referenceSlot);
  const chain = data.multiTrip ? new TripChain() : null;
  // Routes repaired together: a vehicle's trips in chain order, else each route alone.
  const groups = chain ? tripsByVehicle(data, slots!) : routes.map((_, i) => [i]);
  for (const group of groups) {
    const violation = (skipTrip: number, skip: number): number => {
      let total = 0;
      chain?.start(data.vehicleTripEnds[data.slotVehicle[slotOf(group[0])]]);
      for (const i of group) {
        acc.startAtDepot(slotOf(i));
        for (let k = 0; k < trips[i].length; k++) if (i !== skipTrip || k !== skip) acc.appendClient(trips[i][k]);
        acc.appendClient(0);
        total += Math.max(acc.excessLoad(), 0);
        if (chain) chain.appendSegment(acc);
        else total += acc.routeTimeWarp();
      }
      return chain ? total + chain.timeWarp(data, slotOf(group[0])) : total;
    };
    const penalty = (i: number, k: number): number => data.skipPenalty[trips[i][k]];
    while (violation(-1, -1) > 0) {
      // The cheapest client whose absence makes the routes feasible; else the one that leaves least violation.
      let leave: [number, number] | null = null;
      let least = Infinity;
      let cheapestFix: [number, number] | null = null;
      for (const i of group) {
        for (let k = 0; k < trips[i].length; k++) {
          if (!data.optional[trips[i][k]]) continue;
          const left = violation(i, k);
          if (left === 0 && (cheapestFix === null || penalty(i, k) < penalty(...cheapestFix))) cheapestFix = [i, k];
          if (left < least || (left === least && penalty(i, k) < penalty(...leave!))) {
            least = left;
            leave = [i, k];
          }
        }
      }
      if (cheapestFix !== null) leave = cheapestFix;
      if (leave === null) break;
      trips[leave[0]].splice(leave[1], 1);
    }
  }
  const kept = trips.map((_, i) => i).filter((i) => trips[i].length > 0);
  return slots ? { routes: kept.map((i) => trips[i]), slots: kept.map(slotOf) } : { routes: kept.map((i) => trips[i]) };
}

/**
 * Leaves out, greedily, what breaks a route (`leaveOutViolations`), then educates the result with
 * violation penalties above every client's penalty, so no move breaks a route again and a
 * left-out client comes back where it fits. Feasible unless mandatory clients break a route.
 * The result is priced with `penalties`.
 */
export function leaveOutRepair(data: HgsData, individual: Individual, localSearch: LocalSearch, penalties: Penalties, scratch: SegmentAccumulator): Individual {
  let highest = 0;
  for (let c = 1; c <= data.n; c++) highest = Math.max(highest, data.skipPenalty[c]);
  const stiff = { capacity: 10 * highest + 1, timeWarp: 10 * highest + 1, distance: 10 * highest + 1 };
  const mixed = data.routesCarrySlots;
  // Leave out the cheapest clients that make each route feasible, let the local search put back
  // what fits elsewhere, then make sure again.
  const feasible = leaveOutViolations(data, individual.routes, individual.slots, scratch);
  const educated = localSearch.run(feasible.routes, stiff, feasible.slots);
  const repaired = leaveOutViolations(data, educated, mixed ? [...localSearch.state.exportedSlots] : undefined, scratch);
  return new Individual(data, repaired.routes, penalties, scratch, repaired.slots);
}

/** Indices of the routes on each multi-trip vehicle, in trip order (route i is on trip slot `slots[i]`). */
function tripsByVehicle(data: HgsData, slots: number[]): number[][] {
  const byVehicle = new Map<number, number[]>();
  const order = slots.map((_, i) => i).sort((a, b) => slots[a] - slots[b]);
  for (const i of order) {
    const vehicle = data.slotVehicle[slots[i]];
    byVehicle.set(vehicle, [...(byVehicle.get(vehicle) ?? []), i]);
  }
  return [...byVehicle.values()];
}
