import type { HgsData } from './hgs-data';

/** What the ordering reads of a route state (route-state.ts passes itself; naming it here would make the two modules import each other). */
export interface LinkedRoutes {
  readonly data: HgsData;
  readonly routeSlots: number;
  readonly routeSize: ArrayLike<number>;
  readonly next: ArrayLike<number>;
  startDepot(route: number): number;
  endDepot(route: number): number;
}

/**
 * Clients of each non-empty route of the state, in order, and the slot of each; routes sorted by
 * the polar angle of their barycentre around the depot (as HGS-CVRP does), so neighbouring routes
 * sit next to each other in the giant tour and crossover keeps geographic slices together.
 */
export function routesInPolarOrder(state: LinkedRoutes): { routes: number[][]; slots: number[] } {
  const { x, y } = state.data.plane;
  const routes: Array<{ clients: number[]; angle: number; slot: number }> = [];
  for (let r = 0; r < state.routeSlots; r++) {
    if (state.routeSize[r] === 0) continue;
    const clients: number[] = [];
    let sumX = 0;
    let sumY = 0;
    for (let node = state.next[state.startDepot(r)]; node !== state.endDepot(r); node = state.next[node]) {
      clients.push(node);
      sumX += x[node];
      sumY += y[node];
    }
    const angle = Math.atan2(sumY / clients.length - y[0], sumX / clients.length - x[0]);
    routes.push({ clients, angle, slot: r });
  }
  routes.sort((a, b) => a.angle - b.angle);
  return { routes: routes.map((route) => route.clients), slots: routes.map((route) => route.slot) };
}
