import { Random } from '../random';
import { HgsData, restrictHgsData } from './hgs-data';

/** Solves a sub-problem starting from `initialRoutes` (sub client ids); returns its best routes and cost, or null. */
export type SubproblemSolver = (data: HgsData, initialRoutes: number[][], seed: number) => { routes: number[][]; cost: number; feasible: boolean } | null;

/**
 * Route-based decomposition (barycentre clustering, Santini, Schneider, Vidal & Vigo 2023): the
 * routes of a good solution, already in polar order of their barycentres, are cut into groups of
 * consecutive routes holding about `targetClients` clients each, starting at a random route so the
 * cuts move between rounds. Each group is a small CVRP that HGS improves far faster than the whole
 * instance; improved groups replace their routes. A group never gets worse: its current routes
 * seed the sub-search and are kept unless the sub-search finds something strictly cheaper.
 */
export function improveByDecomposition(
  data: HgsData,
  routes: number[][],
  targetClients: number,
  random: Random,
  solveSubproblem: SubproblemSolver,
): { routes: number[][]; improved: boolean } {
  const offset = random.nextInt(routes.length);
  const ordered = routes.map((_, k) => routes[(k + offset) % routes.length]);
  const groups = groupRoutes(ordered, targetClients);
  const result: number[][] = [];
  let improved = false;
  for (const group of groups) {
    const clients = group.flat();
    const subId = new Map<number, number>();
    clients.forEach((c, k) => subId.set(c, k + 1));
    const otherRoutes = routes.length - group.length;
    const subData = restrictHgsData(data, clients, Math.max(group.length, data.maxRoutes - otherRoutes));
    const before = routeSetCost(data, group);
    const solved = solveSubproblem(
      subData,
      group.map((route) => route.map((c) => subId.get(c) as number)),
      random.nextUint32(),
    );
    if (solved !== null && solved.feasible && solved.cost < before - 1e-7) {
      improved = true;
      for (const route of solved.routes) result.push(route.map((k) => clients[k - 1]));
    } else {
      result.push(...group);
    }
  }
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
