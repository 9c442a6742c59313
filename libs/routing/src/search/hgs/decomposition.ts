import { Random } from '../../random';
import { HgsData, restrictHgsData } from './hgs-data';
import { otherWindowRouted } from './window-groups';

/** One part of a decomposed solution, as handed to a sub-problem solver. */
export interface Subproblem {
  data: HgsData;
  /** The part's current routes, in sub-problem client ids (1..n of `data`). */
  initialRoutes: number[][];
  seed: number;
}

export interface SubproblemOutcome {
  routes: number[][];
  cost: number;
  feasible: boolean;
}

/** Solves the parts (in any order, on any thread) and returns one outcome per part, in order; null when skipped. */
export type SubproblemBatchSolver = (parts: Subproblem[]) => Array<SubproblemOutcome | null>;

/**
 * Route-based decomposition (barycentre clustering, Santini, Schneider, Vidal & Vigo 2023): the
 * routes of a good solution, already in polar order of their barycentres, are cut into groups of
 * consecutive routes holding about `targetClients` clients each, starting at a random route so the
 * cuts move between rounds. Each group is a small CVRP that HGS improves far faster than the whole
 * instance; improved groups replace their routes. A group never gets worse: its current routes
 * seed the sub-search and are kept unless the sub-search finds something strictly cheaper. Seeds
 * are drawn before any part is solved, so the outcome does not depend on which thread solved what.
 * Left-out optional clients (`skipped`) join the part of their nearest route and count towards its
 * size; a part's cost then includes their penalties. The clients of a job's other windows join the
 * part of its routed client, so that a part never serves a job twice.
 */
export function improveByDecomposition(
  data: HgsData,
  routes: number[][],
  targetClients: number,
  random: Random,
  solveParts: SubproblemBatchSolver,
  skipped: readonly number[] = [],
): { routes: number[][]; improved: boolean } {
  const offset = random.nextInt(routes.length);
  const ordered = routes.map((_, k) => routes[(k + offset) % routes.length]);
  const routeOf = new Int32Array(data.n + 1).fill(-1);
  ordered.forEach((route, k) => route.forEach((c) => (routeOf[c] = k)));
  const isRouted = (c: number): boolean => routeOf[c] >= 0;
  const attached = attachToNearestRoute(data, ordered, skipped, routeOf);
  const groups = groupRoutes(
    ordered.map((route, k) => route.length + attached[k].length),
    targetClients,
  );
  const parts = groups.map((group): Subproblem & { clients: number[] } => {
    const clients = [...group.flatMap((k) => ordered[k]), ...group.flatMap((k) => attached[k])];
    const subId = new Map<number, number>();
    clients.forEach((c, k) => subId.set(c, k + 1));
    const otherRoutes = routes.length - group.length;
    return {
      clients,
      data: restrictHgsData(data, clients, Math.max(group.length, data.maxRoutes - otherRoutes)),
      initialRoutes: group.map((k) => ordered[k].map((c) => subId.get(c) as number)),
      seed: random.nextUint32(),
    };
  });
  const outcomes = solveParts(parts);
  const result: number[][] = [];
  let improved = false;
  groups.forEach((group, g) => {
    const solved = outcomes[g];
    const current = group.map((k) => ordered[k]);
    // The part's current cost counts its left-out clients' penalties, as the sub-search's cost does.
    let left = 0;
    for (const k of group) for (const c of attached[k]) if (data.windowGroup[c] === c && !otherWindowRouted(data, c, isRouted)) left += data.skipPenalty[c];
    if (solved !== null && solved.feasible && solved.cost < routeSetCost(data, current) + left - 1e-7) {
      improved = true;
      for (const route of solved.routes) result.push(route.map((k) => parts[g].clients[k - 1]));
    } else {
      result.push(...current);
    }
  });
  return { routes: result, improved };
}

/**
 * Left-out optional clients, each with the route of its nearest routed client (`ordered[k]` gets
 * `attached[k]`): the part holding that route may then serve it, in place of another client or on a
 * route of its own. Without them a client once left out could only come back through the whole
 * instance's search, which on 1,000 clients affords few generations.
 */
function attachToNearestRoute(data: HgsData, ordered: number[][], skipped: readonly number[], routeOf: Int32Array): number[][] {
  const attached = ordered.map((): number[] => []);
  for (const c of skipped) {
    const served = data.windowSiblings[c].find((w) => routeOf[w] >= 0);
    if (served !== undefined) {
      attached[routeOf[served]].push(c);
      continue;
    }
    // The windows of a job left out share its location, hence its nearest route.
    let nearest = -1;
    let least = Infinity;
    ordered.forEach((route, k) => {
      for (const v of route) {
        const cost = data.arcCost[c * data.stride + v];
        if (cost < least) {
          least = cost;
          nearest = k;
        }
      }
    });
    if (nearest >= 0) attached[nearest].push(c);
  }
  return attached;
}

/** Consecutive routes (indices, by size) packed into groups of at least `target` clients (the last group absorbs a short tail). */
function groupRoutes(sizes: number[], target: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let size = 0;
  sizes.forEach((routeSize, k) => {
    current.push(k);
    size += routeSize;
    if (size >= target) {
      groups.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) {
    if (groups.length > 0 && size < target / 2) groups[groups.length - 1].push(...current);
    else groups.push(current);
  }
  return groups;
}

/** Clients 1..n on none of `routes`, in increasing order. */
export function leftOutClients(n: number, routes: number[][]): number[] {
  const routed = new Uint8Array(n + 1);
  for (const route of routes) for (const c of route) routed[c] = 1;
  const out: number[] = [];
  for (let c = 1; c <= n; c++) if (!routed[c]) out.push(c);
  return out;
}

function routeSetCost(data: HgsData, routes: number[][]): number {
  let total = 0;
  for (const route of routes) {
    let previous = 0;
    for (const c of route) {
      total += data.arcCost[previous * data.stride + c];
      previous = c;
    }
    total += data.arcCost[previous * data.stride] + data.routeFixedCost;
  }
  return total;
}
