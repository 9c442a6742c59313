import { Random } from '../../random';
import { HgsData, restrictHgsData } from './hgs-data';

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
 */
export function improveByDecomposition(
  data: HgsData,
  routes: number[][],
  targetClients: number,
  random: Random,
  solveParts: SubproblemBatchSolver,
): { routes: number[][]; improved: boolean } {
  const offset = random.nextInt(routes.length);
  const ordered = routes.map((_, k) => routes[(k + offset) % routes.length]);
  const groups = groupRoutes(ordered, targetClients);
  const parts = groups.map((group): Subproblem & { clients: number[] } => {
    const clients = group.flat();
    const subId = new Map<number, number>();
    clients.forEach((c, k) => subId.set(c, k + 1));
    const otherRoutes = routes.length - group.length;
    return {
      clients,
      data: restrictHgsData(data, clients, Math.max(group.length, data.maxRoutes - otherRoutes)),
      initialRoutes: group.map((route) => route.map((c) => subId.get(c) as number)),
      seed: random.nextUint32(),
    };
  });
  const outcomes = solveParts(parts);
  const result: number[][] = [];
  let improved = false;
  groups.forEach((group, g) => {
    const solved = outcomes[g];
    if (solved !== null && solved.feasible && solved.cost < routeSetCost(data, group) - 1e-7) {
      improved = true;
      for (const route of solved.routes) result.push(route.map((k) => parts[g].clients[k - 1]));
    } else {
      result.push(...group);
    }
  });
  return { routes: result, improved };
}

/** Consecutive routes packed into groups of at least `target` clients (the last group absorbs a short tail). */
function groupRoutes(routes: number[][], target: number): number[][][] {
  const groups: number[][][] = [];
  let current: number[][] = [];
  let size = 0;
  for (const route of routes) {
    current.push(route);
    size += route.length;
    if (size >= target) {
      groups.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) {
    if (groups.length > 0 && size < target / 2) groups[groups.length - 1].push(...current);
    else groups.push(current);
  }
  return groups;
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
