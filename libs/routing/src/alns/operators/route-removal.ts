import { AlnsSolution } from '../alns-solution';
import { OperatorContext, RemovalOperator } from './operator-context';

/**
 * Empties one whole route, preferring short ones: the move that lets the search drop a vehicle, since
 * emptying a route request by request is a long walk through worse solutions.
 */
export const routeRemoval: RemovalOperator = {
  name: 'route',
  remove(solution: AlnsSolution, count: number, context: OperatorContext): void {
    const used = solution.routes.filter((route) => !route.isEmpty());
    if (used.length === 0) return;
    // Weight 1/size^2 so that short routes are emptied most often, but any route can be.
    let total = 0;
    for (const route of used) total += 1 / (route.size * route.size);
    let pick = context.rng.nextFloat() * total;
    let chosen = used[used.length - 1];
    for (const route of used) {
      pick -= 1 / (route.size * route.size);
      if (pick <= 0) {
        chosen = route;
        break;
      }
    }
    for (const request of solution.requestsOf(chosen.vehicle)) solution.remove(request);
    void count;
  },
};
