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
