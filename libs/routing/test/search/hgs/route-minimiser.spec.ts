import { Problem } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { lowerBoundOnRoutes, RouteMinimiser } from '../../../src/search/hgs/route-minimisation/route-minimiser';
import { RuinAndRecreate } from '../../../src/search/hgs/route-minimisation/ruin-recreate';
import { solve } from '../../../src/solve';
import { planeProblem, randomProblem } from './fixtures';

/**
 * Independent check of a route set: every client once, load within capacity, every service
 * starting inside its window with waiting allowed, back at the depot before it closes.
 */
function expectFeasibleRoutes(problem: Problem, routes: number[][]): void {
  const matrices = problem.profiles.car;
  const vehicle = problem.vehicles[0];
  const served = routes.flat().sort((a, b) => a - b);
  expect(served).toEqual(problem.jobs.map((_, k) => k + 1));
  for (const route of routes) {
    let load = 0;
    let time = vehicle.shift.startS;
    let at = vehicle.startLocation;
    for (const c of route) {
      const job = problem.jobs[c - 1];
      load += job.amount[0];
      time = Math.max(time + matrices.durationS[at * matrices.size + job.location], job.timeWindows[0]?.startS ?? 0);
      expect(time).toBeLessThanOrEqual(job.timeWindows[0]?.endS ?? Infinity);
      time += job.serviceS;
      at = job.location;
    }
    expect(time + matrices.durationS[at * matrices.size + vehicle.startLocation]).toBeLessThanOrEqual(vehicle.shift.endS);
    expect(load).toBeLessThanOrEqual(vehicle.capacity[0]);
  }
}

function minimise(problem: Problem, seed: number, steps: number, initial?: number[][]): number[][] | null {
  return new RouteMinimiser(buildHgsData(problem), new Random(seed)).run((done) => done >= steps, undefined, initial);
}

describe('route minimiser (Nagata & Bräysy 2009)', () => {
  it('deletes the third route of a start whose clients fit in two', () => {
    // Capacity 10, four clients of 5: no fewer than two routes. Start: [c1], [c2 c3], [c4].
    const problem = planeProblem(
      [0, 0],
      [
        { x: 10, y: 0, demand: 5, window: [0, 100] },
        { x: 20, y: 0, demand: 5, window: [0, 100] },
        { x: 0, y: 10, demand: 5, window: [0, 100] },
        { x: 0, y: 20, demand: 5, window: [0, 100] },
      ],
      { capacity: 10, vehicles: 3, horizon: 1000, objective: 'vehicles-then-distance' },
    );
    const routes = minimise(problem, 1, 100, [[1], [2, 3], [4]])!;
    expect(routes).toHaveLength(2);
    expectFeasibleRoutes(problem, routes);
  });

  it('needs the time windows to be respected, not only the capacity', () => {
    // Capacity allows one route, but c1 and c2 are due at 10 at opposite ends: two routes.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 10, y: 0, demand: 1, window: [0, 10] },
        { x: -10, y: 0, demand: 1, window: [0, 10] },
        { x: 5, y: 0, demand: 1, window: [0, 100] },
      ],
      { capacity: 10, horizon: 1000, objective: 'vehicles-then-distance' },
    );
    const routes = minimise(problem, 2, 200)!;
    expect(routes).toHaveLength(2);
    expectFeasibleRoutes(problem, routes);
  });

  it('never returns an infeasible route set (random instances with binding windows)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const problem = randomProblem(new Random(seed), 40, true);
      const data = buildHgsData(problem);
      const routes = minimise(problem, seed, 300);
      if (routes === null) continue; // some client cannot be served even alone
      expectFeasibleRoutes(problem, routes);
      expect(routes.length).toBeGreaterThanOrEqual(lowerBoundOnRoutes(data));
      expect(routes.length).toBeLessThan(40);
    }
  });

  it('returns null when a client cannot be served even alone', () => {
    const problem = planeProblem([0, 0], [{ x: 50, y: 0, demand: 1, window: [0, 10] }], { capacity: 10, horizon: 1000 });
    expect(minimise(problem, 1, 10)).toBeNull();
  });

  it('gives the same routes for the same seed and step limit', () => {
    const problem = randomProblem(new Random(5), 60, true);
    expect(minimise(problem, 9, 400)).toEqual(minimise(problem, 9, 400));
  });

  it('ruin and recreate keeps the routes feasible, never adds one and never lengthens the best', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const problem = randomProblem(new Random(seed), 40, true);
      const data = buildHgsData(problem);
      const start = minimise(problem, seed, 100);
      if (start === null) continue;
      const distance = (routes: number[][]): number =>
        routes.reduce((sum, route) => sum + [0, ...route].reduce((d, c, k, all) => d + data.arcCost[c * data.stride + (all[k + 1] ?? 0)], 0), 0);
      const shortened = new RuinAndRecreate(data, new Random(seed)).run(
        start,
        (steps) => steps >= 500,
        () => 0.5,
      );
      expectFeasibleRoutes(problem, shortened);
      expect(shortened.length).toBeLessThanOrEqual(start.length);
      if (shortened.length === start.length) expect(distance(shortened)).toBeLessThanOrEqual(distance(start));
    }
  });

  it('ruin and recreate gives the same routes for the same seed and step limit', () => {
    // Without time windows every one-client route is feasible, so the minimiser has a start.
    const problem = randomProblem(new Random(6), 60, false);
    const start = minimise(problem, 2, 200);
    expect(start).not.toBeNull();
    const shorten = (): number[][] =>
      new RuinAndRecreate(buildHgsData(problem), new Random(7)).run(
        start!,
        (steps) => steps >= 300,
        () => 0.3,
      );
    expect(shorten()).toEqual(shorten());
  });

  it('lets the vehicles-first solve use the fleet it reached, deterministically', () => {
    const problem = randomProblem(new Random(3), 30, true);
    problem.objective = 'vehicles-then-distance';
    const first = solve(problem, { seed: 4, maxIterations: 60 });
    const second = solve(problem, { seed: 4, maxIterations: 60 });
    expect(first.feasible).toBe(true);
    expect(second.routes).toEqual(first.routes);
    const clientRoutes = first.routes.map((r) => r.steps.filter((s) => s.type === 'job').map((s) => Number(s.id!.slice(1))));
    expectFeasibleRoutes(
      problem,
      clientRoutes.filter((r) => r.length > 0),
    );
  });
});
