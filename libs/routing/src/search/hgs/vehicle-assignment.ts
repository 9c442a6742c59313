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
  const { price, peak } = pricePerType(data, routes, penalties, scratch);
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

/** Penalised cost of each route on each vehicle type (`price[i * typeCount + t]`) and its weighted peak load. */
function pricePerType(data: HgsData, routes: ArrayLike<ArrayLike<number>>, penalties: Penalties, scratch: SegmentAccumulator): { price: Float64Array; peak: Float64Array } {
  const price = new Float64Array(routes.length * data.typeCount);
  const peak = new Float64Array(routes.length);
  for (let i = 0; i < routes.length; i++) {
    for (let t = 0; t < data.typeCount; t++) {
      // With one matrix and one shift for all, the route is walked once and only priced per type.
      if (t === 0 || !data.slotsShareTiming) {
        scratch.startAtDepot(data.typeFirstSlot[t], true);
        for (let k = 0; k < routes[i].length; k++) scratch.appendClient(routes[i][k]);
        scratch.appendClient(0);
      }
      scratch.slot = data.typeFirstSlot[t];
      price[i * data.typeCount + t] = scratch.penalisedCost(penalties);
      peak[i] = scratch.weightedPeak();
    }
  }
  return { price, peak };
}

/**
 * Puts Split's routes on the trip slots of a multi-trip fleet: in order of their latest release
 * (ties: the earlier route), each on a vehicle with a trip slot left, of the vehicle type where
 * the route costs least (as a trip: arcs and load), then the vehicle with the fewest trips so far
 * (ties: the lower vehicle), as its next trip. On one vehicle type the k-th route is trip k div V of
 * vehicle k mod V: the routes spread over the vehicles and each vehicle's later trips carry the
 * later-released clients. Split ignores the chaining of trips in time; the local search repairs
 * what this leaves. Under a vehicle limit only `vehicles` take trips (Split cut no more routes than
 * their slots).
 */
export function assignTrips(data: HgsData, routes: ArrayLike<ArrayLike<number>>, penalties: Penalties, scratch: SegmentAccumulator, vehicles?: number[]): number[] {
  const release = Float64Array.from({ length: routes.length }, (_, i) => {
    let latest = 0;
    for (let k = 0; k < routes[i].length; k++) latest = Math.max(latest, data.releaseS[routes[i][k]]);
    return latest;
  });
  const types = data.typeCount;
  const price = types > 1 ? pricePerType(data, routes, penalties, scratch).price : null;
  const firstSlot = data.vehicleFirstSlot;
  const candidates = vehicles ?? Array.from({ length: firstSlot.length - 1 }, (_, v) => v);
  const used = new Int32Array(firstSlot.length - 1);
  const order = Array.from({ length: routes.length }, (_, i) => i).sort((a, b) => release[a] - release[b] || a - b);
  const slots = new Array<number>(routes.length);
  for (const i of order) {
    let best = -1;
    for (const v of candidates) {
      if (firstSlot[v] + used[v] >= firstSlot[v + 1]) continue;
      if (best < 0) {
        best = v;
        continue;
      }
      const cheaper = price ? price[i * types + data.slotType[firstSlot[v]]] - price[i * types + data.slotType[firstSlot[best]]] : 0;
      if (cheaper < 0 || (cheaper === 0 && used[v] < used[best])) best = v;
    }
    slots[i] = firstSlot[best] + used[best]++;
  }
  return slots;
}
