import { checkRichSolution, readRouteList } from '../../src/formats/vrplib-rich-checker';
import { routeCost } from '../../src/evaluation/cost-evaluator';
import { Problem } from '../../src/model/problem';
import { parseVrplibRich } from '../../src/parsers/vrplib-rich';
import { solve } from '../../src/solve';
import { vrplibRichFormat } from '../../src/formats/vrplib-rich-format';
import { richFixture, TINY_HFVRP, TINY_MTVRPTWR, TINY_PCVRPTW, TINY_VRPB } from '../formats/tiny-rich-instances';
import { errorOf } from '../support/invalid-problem';

/** Prices routes of client numbers (0 = reload) over the parsed model: distance, or route costs. */
function modelCost(problem: Problem, routes: number[][]): number {
  const m = problem.profiles.euclidean;
  let total = 0;
  routes.forEach((route, k) => {
    if (route.length === 0) return;
    const path = [0, ...route, 0];
    let distance = 0;
    for (let i = 1; i < path.length; i++) distance += m.distanceM[path[i - 1] * m.size + path[i]];
    total += routeCost(problem.objective, problem.vehicles[k], distance, distance);
  });
  const visited = new Set(routes.flat());
  for (const job of problem.jobs) if (!visited.has(job.location)) total += job.unassignedPenaltyFen ?? 0;
  return total;
}

describe('PyVRP VRPLIB dialect reader', () => {
  it('reads a mixed fleet: per-vehicle capacity, fixed and per-distance cost, real distances to 1/1000', () => {
    const { problem, variant } = parseVrplibRich(TINY_HFVRP);
    expect(variant).toBe('HFVRP');
    expect(problem.objective).toBe('cost');
    expect(problem.distanceScale).toBe(1000);
    expect(problem.vehicles.map((v) => [v.capacity, v.fixedCostFen, v.costPerKmFen])).toEqual([
      [[5], 100, 100],
      [[10], 300, 150],
    ]);
    expect(problem.profiles.euclidean.distanceM[2]).toBe(5000);
    // vehicle 2 on 0-2-3-0: 300 + 150 x 12
    expect(modelCost(problem, [[], [2, 3]])).toBe(2100);
  });

  it('reads backhauls as pickup jobs, linehaul first, one vehicle per client when VEHICLES is absent', () => {
    const { problem } = parseVrplibRich(TINY_VRPB);
    expect(problem.linehaulBeforeBackhaul).toBe(true);
    expect(problem.jobs.map((j) => [j.id, j.kind, j.amount[0]])).toEqual([
      ['1', 'delivery', 4],
      ['2', 'delivery', 4],
      ['3', 'pickup', 3],
    ]);
    expect(problem.vehicles).toHaveLength(3);
    expect(problem.objective).toBe('distance');
  });

  it('reads release times, reloads and windows in DIMACS units (x10, truncated)', () => {
    const { problem } = parseVrplibRich(TINY_MTVRPTWR);
    expect(problem.profiles.euclidean.distanceM[1]).toBe(30);
    expect(problem.vehicles[0]).toMatchObject({ capacity: [8], reloadLocations: [0], shift: { startS: 0, endS: 1000 } });
    expect(problem.jobs[2]).toMatchObject({ releaseS: 200, serviceS: 10, timeWindows: [{ startS: 0, endS: 1000 }] });
    expect(problem.jobs[0].releaseS).toBeUndefined();
  });

  it('makes a client with a prize optional at that penalty', () => {
    const { problem } = parseVrplibRich(TINY_PCVRPTW);
    expect(problem.jobs.map((j) => j.unassignedPenaltyFen)).toEqual([undefined, undefined, 70]);
    expect(modelCost(problem, [[1, 2]])).toBe(190);
  });

  // The model read from the file prices the published routes as the independent checker does.
  it.each(['X115-HVRP', 'X-n548-50-k25', 'C201R0.5', 'C1_10_1'])('agrees with the checker on the published solution of %s', (name) => {
    const text = richFixture(`${name}.vrp`);
    const { problem, variant } = parseVrplibRich(text);
    const solution = readRouteList(richFixture(`${name}.sol`));
    const checked = checkRichSolution(text, solution).cost;
    if (variant === 'HFVRP') {
      // the model rounds each route's variable cost once: at most half a unit per route off
      const routes = solution.routes.filter((r) => r.length > 0).length;
      expect(Math.abs(modelCost(problem, solution.routes) - checked * 100)).toBeLessThanOrEqual(routes / 2);
    } else if (variant === 'MTVRPTWR') {
      // a reload splits the route into trips: each trip is priced from the depot and back
      const trips = solution.routes.flatMap((route) =>
        route
          .join(' ')
          .split(' 0 ')
          .map((trip) => (trip ? trip.split(' ').map(Number) : [])),
      );
      const m = problem.profiles.euclidean;
      const distance = trips.reduce((sum, trip) => sum + [0, ...trip, 0].reduce((d, c, i, path) => (i === 0 ? 0 : d + m.distanceM[path[i - 1] * m.size + c]), 0), 0);
      expect(distance).toBe(checked);
    } else {
      expect(modelCost(problem, solution.routes)).toBe(checked);
    }
  });

  it('names the line of a negative prize, a late release, and a client with both amounts', () => {
    const prize = errorOf(() => parseVrplibRich(TINY_PCVRPTW.replace('4 7\n', '4 -7\n')));
    expect(prize.where).toBe('line 27');
    expect(prize.message).toMatch(/negative prize/);
    const release = errorOf(() => parseVrplibRich(TINY_MTVRPTWR.replace('4 20\n', '4 101\n')));
    expect(release.where).toBe('line 27');
    expect(release.message).toMatch(/after the depot closes/);
    expect(errorOf(() => parseVrplibRich(TINY_VRPB.replace('3 0\n4 3', '3 2\n4 3'))).where).toBe('line 19');
  });

  it('names a per-vehicle section with the wrong number of rows, and an unknown TYPE', () => {
    const capacity = errorOf(() => parseVrplibRich(TINY_HFVRP.replace('2 10\n', '')));
    expect(capacity.where).toBe('CAPACITY_SECTION');
    expect(capacity.message).toMatch(/1 rows for VEHICLES = 2/);
    expect(errorOf(() => parseVrplibRich(TINY_HFVRP.replace('TYPE: HFVRP', 'TYPE: CVRPX'))).where).toBe('line 2');
  });

  it('is solved by HGS with a reload, written as a 0 in the route list, and passes the independent checker', () => {
    const instance = parseVrplibRich(TINY_MTVRPTWR);
    const solution = solve(instance.problem, { seed: 3, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.routes[0].steps.filter((step) => step.type === 'reload')).toHaveLength(1);
    const routeList = vrplibRichFormat.toCvrplibText(instance, solution);
    // Capacity 8 takes two clients (4 each) a trip: client 1 alone (30 + 30), then 2 and 3 (50 + 30 + 40)
    // once client 3 is released at 200, is the shortest.
    expect(routeList).toBe('Route #1: 1 0 2 3\nCost: 180\n');
    expect(checkRichSolution(TINY_MTVRPTWR, readRouteList(routeList))).toEqual({ feasible: true, cost: 180, violations: [] });
  });
});
