import { Random } from '../../random';
import { SearchState } from './search-state';

export interface DestroyResult {
  removed: number[];
  /** A satellite the repair must not use this iteration (satellite closing), or -1. */
  closedSatellite: number;
  /** A satellite the repair should try without charging its first-level cost, or -1. */
  openedSatellite: number;
}

/** Removes about `count` customers from `state` (in place) and says which ones. */
export type DestroyOperator = (state: SearchState, count: number, random: Random) => DestroyResult;

/** Takes the listed customers out of their routes and refreshes the touched routes' totals. */
export function removeCustomers(state: SearchState, removed: readonly number[]): void {
  const context = state.context;
  const gone = new Uint8Array(context.customerCount);
  for (const c of removed) gone[c] = 1;
  for (const route of state.routes) {
    if (!route.customers.some((c) => gone[c] === 1)) continue;
    route.customers = route.customers.filter((c) => gone[c] === 0);
    route.load = route.customers.reduce((sum, c) => sum + context.demand[c], 0);
    route.distance = context.routeDistance(route.satellite, route.customers);
  }
  state.dropEmptyRoutes();
}

function assignedCustomers(state: SearchState): number[] {
  return state.routes.flatMap((r) => r.customers);
}

function finish(state: SearchState, removed: number[], closedSatellite = -1, openedSatellite = -1): DestroyResult {
  removeCustomers(state, removed);
  return { removed, closedSatellite, openedSatellite };
}

/** Uniformly random customers: diversification. */
export const randomRemoval: DestroyOperator = (state, count, random) => {
  const customers = assignedCustomers(state);
  random.shuffle(customers);
  return finish(state, customers.slice(0, count));
};

/** A random seed customer and its nearest neighbours (Shaw): lets a region be re-routed together. */
export const relatedRemoval: DestroyOperator = (state, count, random) => {
  const context = state.context;
  const seed = random.nextInt(context.customerCount);
  const removed = [seed];
  const width = context.customerCount - 1;
  // Skip a few neighbours at random so repeated calls on one seed do not remove the same set.
  for (let k = 0; k < width && removed.length < count; k++) {
    if (random.nextFloat() < 0.85) removed.push(context.neighbours[seed * width + k]);
  }
  return finish(state, removed);
};

/** Whole routes, smallest first with noise: frees vehicles so the fleet can be re-packed. */
export const routeRemoval: DestroyOperator = (state, count, random) => {
  const order = state.routes.map((route, index) => ({ index, key: route.customers.length * (0.5 + random.nextFloat()) }));
  order.sort((a, b) => a.key - b.key || a.index - b.index);
  const removed: number[] = [];
  for (const { index } of order) {
    if (removed.length >= count) break;
    removed.push(...state.routes[index].customers);
  }
  return finish(state, removed);
};

/** Customers whose removal saves the most distance, with randomised ranks. */
export const worstRemoval: DestroyOperator = (state, count, random) => {
  const context = state.context;
  const savings: Array<{ c: number; saving: number }> = [];
  for (const route of state.routes) {
    route.customers.forEach((c, i) => {
      const before = context.nodeAt(route, i - 1);
      const after = context.nodeAt(route, i + 1);
      const node = context.customerNode(c);
      const saving = context.arc(before, node) + context.arc(node, after) - context.arc(before, after);
      savings.push({ c, saving: saving * (0.7 + 0.6 * random.nextFloat()) });
    });
  }
  savings.sort((a, b) => b.saving - a.saving || a.c - b.c);
  return finish(
    state,
    savings.slice(0, count).map((s) => s.c),
  );
};

/** Empties one used satellite and forbids it during repair: explores fewer open satellites. */
export const satelliteClosing: DestroyOperator = (state, count, random) => {
  const loads = state.satelliteLoads();
  const used = loads.map((load, s) => (load > 0 ? s : -1)).filter((s) => s >= 0);
  if (used.length < 2) return randomRemoval(state, count, random);
  const closed = used[random.nextInt(used.length)];
  const removed = state.routes.filter((r) => r.satellite === closed).flatMap((r) => r.customers);
  return finish(state, removed, closed);
};

/**
 * Frees the customers closest to a lightly used satellite so the repair may serve them from there:
 * explores moving freight to another township station.
 */
export const satelliteOpening: DestroyOperator = (state, count, random) => {
  const context = state.context;
  const satellite = random.nextInt(context.satelliteCount);
  const node = 1 + satellite;
  const candidates = assignedCustomers(state).filter((c) => {
    const current = state.routes.find((r) => r.customers.includes(c));
    return current !== undefined && current.satellite !== satellite;
  });
  candidates.sort((a, b) => context.arc(node, context.customerNode(a)) - context.arc(node, context.customerNode(b)) || a - b);
  return finish(state, candidates.slice(0, count), -1, satellite);
};

export const DESTROY_OPERATORS: ReadonlyArray<{ name: string; operator: DestroyOperator }> = [
  { name: 'random', operator: randomRemoval },
  { name: 'related', operator: relatedRemoval },
  { name: 'route', operator: routeRemoval },
  { name: 'worst', operator: worstRemoval },
  { name: 'satellite-closing', operator: satelliteClosing },
  { name: 'satellite-opening', operator: satelliteOpening },
];
