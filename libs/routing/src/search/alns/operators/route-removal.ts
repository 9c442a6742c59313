import { AlnsSolution } from '../alns-solution';
import { OperatorContext, RemovalOperator } from './operator-context';

/**
 * A non-empty route drawn with weight 1/size², so that short routes are picked most often but any
 * route can be; -1 when every route is empty. `uniform` is a draw in [0, 1).
 */
export function pickShortRoute(solution: AlnsSolution, uniform: number): number {
  const used = solution.routes.filter((route) => !route.isEmpty());
  if (used.length === 0) return -1;
  let total = 0;
  for (const route of used) total += 1 / (route.size * route.size);
  let pick = uniform * total;
  for (const route of used) {
    pick -= 1 / (route.size * route.size);
    if (pick <= 0) return route.vehicle;
  }
  return used[used.length - 1].vehicle;
}

/**
 * Empties one whole route, preferring short ones: the move that lets the search drop a vehicle, since
 * emptying a route request by request is a long walk through worse solutions.
 */
export const routeRemoval: RemovalOperator = {
  name: 'route',
  // The whole route goes, whatever the requested count.
  remove(solution: AlnsSolution, _count: number, context: OperatorContext): void {
    const v = pickShortRoute(solution, context.rng.nextFloat());
    if (v < 0) return;
    for (const request of solution.requestsOf(v)) solution.remove(request);
  },
};
