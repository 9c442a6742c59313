import { AlnsSolution } from './alns-solution';
import { SearchState, runAlns } from './alns-search';
import { SimulatedAnnealing } from './simulated-annealing';
import { pickShortRoute } from './operators/route-removal';

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
    const removed = pickShortRoute(attempt, context.rng.nextFloat());
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
