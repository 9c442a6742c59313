import { HgsData } from './hgs-data';
import { Penalties, SegmentAccumulator } from './segment';

/**
 * Puts routes on the vehicles of a mixed fleet: heaviest route first, each on the free vehicle type
 * where it costs least (its rate times the arc costs, plus the fixed cost and the capacity penalty),
 * on that type's lowest free slot. Split cuts routes for the largest vehicle; this and the local
 * search's moves between routes of different vehicles then fit them to the fleet. Deterministic:
 * ties go to the earlier route and the lower type. `routes.length` must not exceed the slots.
 */
export function assignVehicles(data: HgsData, routes: ArrayLike<ArrayLike<number>>, penalties: Penalties, scratch: SegmentAccumulator): number[] {
  const freeSlots: number[][] = Array.from({ length: data.typeCount }, () => []);
  for (let r = data.maxRoutes - 1; r >= 0; r--) freeSlots[data.slotType[r]].push(r);
  const cost = new Float64Array(routes.length);
  const load = new Float64Array(routes.length);
  const pickupLoad = new Float64Array(routes.length);
  for (let i = 0; i < routes.length; i++) {
    scratch.startAtDepot(data.referenceSlot);
    for (let k = 0; k < routes[i].length; k++) scratch.appendClient(routes[i][k]);
    scratch.appendClient(0);
    cost[i] = scratch.cost;
    load[i] = scratch.load;
    pickupLoad[i] = scratch.pickupLoad;
  }
  const peak = (i: number): number => Math.max(load[i], pickupLoad[i]);
  const order = Array.from({ length: routes.length }, (_, i) => i).sort((a, b) => peak(b) - peak(a) || a - b);
  const slots = new Array<number>(routes.length);
  for (const i of order) {
    let bestType = -1;
    let bestPrice = Infinity;
    for (let t = 0; t < data.typeCount; t++) {
      const free = freeSlots[t];
      if (free.length === 0) continue;
      const slot = free[free.length - 1];
      const excess = Math.max(load[i] - data.slotCapacity[slot], 0) + Math.max(pickupLoad[i] - data.slotCapacity[slot], 0);
      const price = data.slotCostFactor[slot] * cost[i] + data.slotFixedCost[slot] + penalties.capacity * excess;
      if (price < bestPrice) {
        bestPrice = price;
        bestType = t;
      }
    }
    slots[i] = freeSlots[bestType].pop()!;
  }
  return slots;
}
