import { HgsData } from './hgs-data';
import { Penalties, SegmentAccumulator } from './segment';

/**
 * Puts routes on the vehicles of a mixed fleet: largest route first (peak load), each on the free
 * vehicle type where it costs least (penalised cost on that type's matrices, shift, capacity and
 * rates), on that type's lowest free slot. Split cuts routes for the largest vehicle; this and the
 * local search's moves between routes of different vehicles then fit them to the fleet.
 * Deterministic: ties go to the earlier route and the lower type. `routes.length` must not exceed
 * the slots.
 */
export function assignVehicles(data: HgsData, routes: ArrayLike<ArrayLike<number>>, penalties: Penalties, scratch: SegmentAccumulator): number[] {
  const freeSlots: number[][] = Array.from({ length: data.typeCount }, () => []);
  for (let r = data.maxRoutes - 1; r >= 0; r--) freeSlots[data.slotType[r]].push(r);
  const price = new Float64Array(routes.length * data.typeCount);
  const peak = new Float64Array(routes.length);
  for (let i = 0; i < routes.length; i++) {
    for (let t = 0; t < data.typeCount; t++) {
      // With one matrix and one shift for all, the route is walked once and only priced per type.
      if (t === 0 || !data.slotsShareTiming) {
        scratch.startAtDepot(data.typeFirstSlot[t]);
        for (let k = 0; k < routes[i].length; k++) scratch.appendClient(routes[i][k]);
        scratch.appendClient(0);
      }
      scratch.slot = data.typeFirstSlot[t];
      price[i * data.typeCount + t] = scratch.penalisedCost(penalties);
      peak[i] = scratch.weightedPeak();
    }
  }
  const order = Array.from({ length: routes.length }, (_, i) => i).sort((a, b) => peak[b] - peak[a] || a - b);
  const slots = new Array<number>(routes.length);
  for (const i of order) {
    let bestType = -1;
    let bestPrice = Infinity;
    for (let t = 0; t < data.typeCount; t++) {
      if (freeSlots[t].length === 0) continue;
      if (price[i * data.typeCount + t] < bestPrice) {
        bestPrice = price[i * data.typeCount + t];
        bestType = t;
      }
    }
    slots[i] = freeSlots[bestType].pop()!;
  }
  return slots;
}

/**
 * Puts Split's routes on the trip slots of a multi-trip fleet: in order of their latest release
 * (ties: the earlier route), the k-th on vehicle k mod V as its trip k div V, so the routes spread
 * over the vehicles and each vehicle's later trips carry the later-released clients. Split ignores
 * the chaining of trips in time; the local search repairs what this leaves.
 */
export function assignTrips(data: HgsData, routes: ArrayLike<ArrayLike<number>>): number[] {
  const release = Float64Array.from({ length: routes.length }, (_, i) => {
    let latest = 0;
    for (let k = 0; k < routes[i].length; k++) latest = Math.max(latest, data.releaseS[routes[i][k]]);
    return latest;
  });
  const vehicles = data.maxRoutes / data.tripsPerVehicle;
  const order = Array.from({ length: routes.length }, (_, i) => i).sort((a, b) => release[a] - release[b] || a - b);
  const slots = new Array<number>(routes.length);
  order.forEach((i, k) => (slots[i] = (k % vehicles) * data.tripsPerVehicle + Math.floor(k / vehicles)));
  return slots;
}
