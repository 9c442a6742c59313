import { travelM, travelS } from '../alns-instance';
import { AlnsSolution } from '../alns-solution';
import { RouteState } from '../route-state';
import { OperatorContext, RemovalOperator, biasedIndex } from './operator-context';

/** How strongly worst removal sticks to the worst request (Ropke & Pisinger's p_worst). */
const WORST_DETERMINISM = 3;

/**
 * What the objective would save if `request` left `route`: its stops' detours priced at the
 * vehicle's marginal rates, plus the route's fixed part when it would become empty.
 */
export function removalGain(solution: AlnsSolution, route: RouteState, request: number): number {
  const instance = solution.instance;
  const v = route.vehicle;
  const first = instance.requestFirstStop[request];
  const last = instance.requestIsShipment[request] ? first + 1 : first;
  const locations = route.locations;
  const n = route.size;
  let savedM = 0;
  let savedS = 0;
  let previous = 0;
  let removed = 0;
  // Walk the route keeping only the other stops; compare each kept leg with the original legs.
  for (let k = 1; k <= n + 1; k++) {
    const stop = k <= n ? route.stops[k - 1] : -1;
    if (stop >= first && stop <= last) {
      removed++;
      continue;
    }
    if (k - previous > 1) {
      for (let j = previous; j < k; j++) {
        savedM += travelM(instance, v, locations[j], locations[j + 1]);
        savedS += travelS(instance, v, locations[j], locations[j + 1]);
      }
      savedM -= travelM(instance, v, locations[previous], locations[k]);
      savedS -= travelS(instance, v, locations[previous], locations[k]);
    }
    previous = k;
  }
  const fixed = removed === n ? instance.vehicleFixedCost[v] : 0;
  return fixed + instance.vehicleCostPerM[v] * savedM + instance.vehicleCostPerS[v] * savedS;
}

/** Removes the requests whose detours cost most, with a random bias so it does not repeat itself. */
export const worstRemoval: RemovalOperator = {
  name: 'worst',
  remove(solution: AlnsSolution, count: number, context: OperatorContext): void {
    for (let removed = 0; removed < count; removed++) {
      const assigned = solution.assignedRequests();
      if (assigned.length === 0) return;
      const gains = new Float64Array(assigned.length);
      for (let i = 0; i < assigned.length; i++) {
        gains[i] = removalGain(solution, solution.routes[solution.requestVehicle[assigned[i]]], assigned[i]);
      }
      const order = assigned.map((_, i) => i).sort((a, b) => gains[b] - gains[a] || assigned[a] - assigned[b]);
      solution.remove(assigned[order[biasedIndex(context.rng, order.length, WORST_DETERMINISM)]]);
    }
  },
};
