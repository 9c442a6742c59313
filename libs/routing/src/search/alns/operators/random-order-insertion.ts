import { AlnsSolution } from '../alns-solution';
import { InsertionMove, bestInsertion, noInsertion } from '../insertion-evaluator';
import { InsertionOperator, OperatorContext } from './operator-context';

/**
 * Sequential greedy insertion in a random order: each request goes to its cheapest position at the
 * moment its turn comes (higher priority first). Unlike regret or global-greedy insertion, the
 * order is not dictated by costs, which breaks the fixed points those deterministic orders fall
 * into (as in the random sorting of Christiaens & Vanden Berghe's string-removal heuristic).
 */
export const randomOrderInsertion: InsertionOperator = {
  name: 'random-order',
  insert(solution: AlnsSolution, context: OperatorContext): void {
    const instance = solution.instance;
    const pending = solution.unassignedRequests();
    context.rng.shuffle(pending);
    pending.sort((a, b) => instance.requestPriority[b] - instance.requestPriority[a]);
    const move: InsertionMove = noInsertion();
    for (const request of pending) {
      let bestCost = Infinity;
      let bestVehicle = -1;
      let bestAfter = -1;
      let bestDeliveryAfter = -1;
      const canOpen = solution.usedRoutes() < context.maxRoutes;
      const typesTried = new Set<number>();
      for (let v = 0; v < instance.vehicleCount; v++) {
        const route = solution.routes[v];
        if (route.isEmpty()) {
          if (!canOpen || typesTried.has(instance.vehicleType[v])) continue;
          typesTried.add(instance.vehicleType[v]);
        }
        bestInsertion(route, request, move);
        if (move.cost === Infinity) continue;
        const cost = context.noiseAmplitude > 0 ? move.cost + context.noiseAmplitude * (2 * context.rng.nextFloat() - 1) : move.cost;
        if (cost < bestCost) {
          bestCost = cost;
          bestVehicle = v;
          bestAfter = move.after;
          bestDeliveryAfter = move.deliveryAfter;
        }
      }
      if (bestVehicle < 0 || bestCost >= instance.requestPenalty[request]) continue;
      solution.insert(request, bestVehicle, bestAfter, bestDeliveryAfter);
    }
  },
};
