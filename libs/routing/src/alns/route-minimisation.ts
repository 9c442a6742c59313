import { AlnsSolution } from './alns-solution';
import { SearchState, runAlns } from './alns-search';
import { SimulatedAnnealing } from './simulated-annealing';

/** An attempt to drop one route gives up after this many iterations without progress. */
const ATTEMPT_STALL_ITERATIONS = 1000;

/**
 * Route-minimisation phase for the hierarchical objective (vehicles first): take the best
 * solution, empty one of its routes (short ones preferred) into the request pool, forbid opening a
 * route, and let ALNS try to serve the pool with the remaining routes. When the pool empties, the
 * solution has one vehicle fewer and becomes the new best; the phase then tries the next route.
 * When an attempt stalls, it is abandoned and another route is tried.
 *
 * Returns the best complete solution (all requests served whenever the start had them served).
 */
export function minimiseRoutes(start: AlnsSolution, state: SearchState, untilProgress: number, scale: number): AlnsSolution {
  const { context, budget } = state;
  const best = start.clone();
  const vehicleCount = start.instance.vehicleCount;
  const attempt = start.clone();
  while (!budget.exhausted() && budget.progress() < untilProgress && best.usedRoutes() > 1) {
    attempt.copyFrom(best);
    const target = attempt.usedRoutes() - 1;
    const removed = pickRouteToEmpty(attempt, context.rng.nextFloat());
    for (const request of attempt.requestsOf(removed)) attempt.remove(request);
    context.maxRoutes = target;
    const unservedBefore = best.unassignedCount();
    const fromProgress = budget.progress();
    const result = runAlns(attempt, state, {
      fromProgress,
      untilProgress,
      annealing: new SimulatedAnnealing(scale),
      goalReached: (current) => current.usedRoutes() <= target && current.unassignedCount() <= unservedBefore,
      stallIterations: ATTEMPT_STALL_ITERATIONS,
    });
    context.maxRoutes = vehicleCount;
    if (result.unassignedCount() <= unservedBefore && result.usedRoutes() <= target) best.copyFrom(result);
    else if (attempt.unassignedCount() <= unservedBefore && attempt.usedRoutes() <= target) best.copyFrom(attempt);
  }
  context.maxRoutes = vehicleCount;
  return best;
}

/** A non-empty route, drawn with weight 1/size² so that short routes are emptied most often. */
function pickRouteToEmpty(solution: AlnsSolution, uniform: number): number {
  const used = solution.routes.filter((route) => !route.isEmpty());
  let total = 0;
  for (const route of used) total += 1 / (route.size * route.size);
  let pick = uniform * total;
  for (const route of used) {
    pick -= 1 / (route.size * route.size);
    if (pick <= 0) return route.vehicle;
  }
  return used[used.length - 1].vehicle;
}
