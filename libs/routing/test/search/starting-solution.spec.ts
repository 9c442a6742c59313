import { priceRoutes } from '../../src/evaluation/route-pricing';
import { GivenRoute, Problem } from '../../src/model/problem';
import { Random } from '../../src/random';
import { whyNotHgsShaped } from '../../src/search/hgs/hgs-shape';
import { solve } from '../../src/solve';
import { randomMixedFleetProblem, randomProblem, randomRichProblem } from './hgs/fixtures';
import { job, problem, shipment, vehicle } from './alns/tiny-problems';
import { errorOf } from '../support/invalid-problem';
import { givenRoutes } from '../support/given-routes';

/** Every job on one route of the first vehicle, in problem order: over capacity on the instances below. */
function allOnOneRoute(p: Problem): GivenRoute[] {
  return [{ vehicleId: p.vehicles[0].id, visits: p.jobs.map((j) => ({ jobId: j.id })) }];
}

/** The returned routes, priced independently, break nothing, and cost what the solution says. */
function expectCheckedFeasible(p: Problem, solution: ReturnType<typeof solve>): void {
  const priced = priceRoutes(p, givenRoutes(solution));
  expect(priced.routes.flatMap(({ violations }) => violations)).toEqual([]);
  expect(priced.cost).toBe(solution.cost);
  expect(solution.unassigned).toEqual([]);
  expect(solution.feasible).toBe(true);
}

describe('SolveOptions.initialRoutes: a starting solution', () => {
  it('HGS returns a good starting solution at its cost or better from iteration 0 on (a VRPTW instance)', () => {
    const p = randomProblem(new Random(8), 25, true);
    expect(whyNotHgsShaped(p)).toBeNull();
    const good = solve(p, { seed: 1, maxIterations: 300 });
    expect(good.feasible).toBe(true);
    // Without it, iteration 0 is worse: the test below can fail.
    expect(solve(p, { seed: 2, maxIterations: 0 }).cost).toBeGreaterThan(good.cost);
    const started = solve(p, { seed: 2, maxIterations: 0, initialRoutes: givenRoutes(good) });
    expect(started.cost).toBeLessThanOrEqual(good.cost);
    expectCheckedFeasible(p, started);
    expect(solve(p, { seed: 2, maxIterations: 50, initialRoutes: givenRoutes(good) }).cost).toBeLessThanOrEqual(good.cost);
  });

  it('HGS starts from it on a mixed fleet (three dimensions, pickups, shifts, duration limits)', () => {
    const p = randomRichProblem(new Random(3), 10);
    p.vehicles = p.vehicles.flatMap((v) => [v, { ...v, id: `${v.id}-2` }]);
    expect(whyNotHgsShaped(p)).toBeNull();
    const good = solve(p, { seed: 1, maxIterations: 50 });
    expect(good.feasible).toBe(true);
    const started = solve(p, { seed: 2, maxIterations: 0, initialRoutes: givenRoutes(good) });
    expect(started.cost).toBeLessThanOrEqual(good.cost);
    expectCheckedFeasible(p, started);
  });

  it('ALNS starts from it (a mixed fleet with a shipment, windows and pickups)', () => {
    const p = randomRichProblem(new Random(5), 25);
    p.vehicles = p.vehicles.flatMap((v) => [v, { ...v, id: `${v.id}-2` }, { ...v, id: `${v.id}-3` }]);
    p.shipments = [shipment('s1', 1, 2, { amount: [1, 1, 1] })];
    const good = solve(p, { seed: 1, maxIterations: 1000, engine: 'alns' });
    expect(good.feasible).toBe(true);
    expect(solve(p, { seed: 2, maxIterations: 0, engine: 'alns' }).cost).toBeGreaterThan(good.cost);
    const started = solve(p, { seed: 2, maxIterations: 0, engine: 'alns', initialRoutes: givenRoutes(good) });
    expect(started.cost).toBeLessThanOrEqual(good.cost);
    expectCheckedFeasible(p, started);
  });

  it('an infeasible start (a hand edit over capacity, and late) never comes back as feasible', () => {
    for (let seed = 1; seed <= 4; seed++) {
      for (const windows of [false, true]) {
        const p = randomProblem(new Random(seed), 15, windows);
        expect(priceRoutes(p, allOnOneRoute(p)).feasible).toBe(false);
        for (const engine of ['auto', 'alns'] as const) {
          for (const maxIterations of [0, 30]) {
            const solution = solve(p, { seed, maxIterations, engine, initialRoutes: allOnOneRoute(p) });
            const priced = priceRoutes(p, givenRoutes(solution));
            // Reported feasible only when every route checks out and nothing mandatory is left out.
            expect(solution.feasible).toBe(priced.feasible && solution.unassigned.length === 0);
            // Without windows a feasible plan is easy: it is found, over the start.
            if (!windows && maxIterations > 0) expectCheckedFeasible(p, solution);
          }
        }
      }
    }
  });

  it('places the tasks the start leaves out (a partial plan)', () => {
    const p = randomProblem(new Random(11), 12, false);
    const partial: GivenRoute[] = [{ vehicleId: 'v3', visits: [{ jobId: 'j2' }, { jobId: 'j5' }] }];
    for (const engine of ['auto', 'alns'] as const) expectCheckedFeasible(p, solve(p, { seed: 1, maxIterations: 0, engine, initialRoutes: partial }));
  });

  it('gives the same solution for the same seed and iteration limit', () => {
    const p = randomMixedFleetProblem(new Random(9), 10, true);
    const start = allOnOneRoute(p);
    const run = () => solve(p, { seed: 4, maxIterations: 10, initialRoutes: start });
    expect(run()).toEqual({ ...run(), statistics: expect.anything() });
  });

  it('refuses unknown or repeated references, naming the field', () => {
    const p = problem(
      [
        [0, 0],
        [10, 0],
        [20, 0],
      ],
      { vehicles: [vehicle({ id: 'v1' }), vehicle({ id: 'v2' })], jobs: [job('a', 1), job('b', 2)], shipments: [shipment('s', 1, 2)] },
    );
    const where = (initialRoutes: GivenRoute[]) => errorOf(() => solve(p, { maxIterations: 0, initialRoutes })).where;
    expect(where([{ vehicleId: 'nobody', visits: [] }])).toBe('initialRoutes[0].vehicleId');
    expect(where([{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'zz' }] }])).toBe('initialRoutes[0].visits[1]');
    expect(where([{ vehicleId: 'v1', visits: [{ shipmentId: 'zz', end: 'pickup' }] }])).toBe('initialRoutes[0].visits[0]');
    expect(
      where([
        { vehicleId: 'v1', visits: [{ jobId: 'a' }] },
        { vehicleId: 'v2', visits: [{ jobId: 'a' }] },
      ]),
    ).toBe('initialRoutes[1].visits[0]');
    expect(
      where([
        { vehicleId: 'v1', visits: [] },
        { vehicleId: 'v1', visits: [] },
      ]),
    ).toBe('initialRoutes[1].vehicleId');
  });
});
