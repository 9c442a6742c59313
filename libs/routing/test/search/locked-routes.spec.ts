import { priceRoutes } from '../../src/evaluation/route-pricing';
import { GivenRoute, Problem, Solution } from '../../src/model/problem';
import { setGivenRoutesApart } from '../../src/search/given-routes';
import { solve, solveAsync } from '../../src/solve';
import { job, problem, shipment, vehicle } from './alns/tiny-problems';
import { errorOf } from '../support/invalid-problem';

/** Depot at the origin; a and b east of it, c and d north: 10 m apart along each axis, 1 m a second. */
const points: Array<[number, number]> = [
  [0, 0],
  [10, 0],
  [20, 0],
  [0, 10],
  [0, 20],
];

function day(parts: Partial<Problem> = {}): Problem {
  return problem(points, {
    vehicles: [vehicle({ id: 'v1' }), vehicle({ id: 'v2' })],
    jobs: [job('a', 1), job('b', 2), job('c', 3), job('d', 4)],
    ...parts,
  });
}

function jobsOf(solution: Solution, vehicleId: string): string[][] {
  return solution.routes.filter((route) => route.vehicleId === vehicleId).map((route) => route.steps.flatMap((step) => (step.id ? [step.id] : [])));
}

const ENGINES = ['auto', 'alns'] as const;

describe('SolveOptions.lockedRoutes', () => {
  it('returns a locked route exactly as given and priced, and plans the rest around it (hand-checked)', () => {
    const p = day();
    // A detour the engines would never drive: a (10) -> c (√200 ≈ 14) -> depot (10) = 34 m.
    const locked: GivenRoute[] = [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'c' }] }];
    for (const engine of ENGINES) {
      const solution = solve(p, { seed: 1, maxIterations: 20, engine, lockedRoutes: locked });
      expect(solution.routes.find((route) => route.vehicleId === 'v1')).toEqual(priceRoutes(p, locked).routes[0].route);
      expect(jobsOf(solution, 'v1')).toEqual([['a', 'c']]);
      // b (20) and d (√800 ≈ 28) on v2: 20 + 28 + 20 = 68; with the locked 34, 102.
      expect(jobsOf(solution, 'v2').map((ids) => [...ids].sort())).toEqual([['b', 'd']]);
      expect(solution.routes.map((route) => route.distanceM)).toEqual([34, 68]);
      expect([solution.cost, solution.distanceM, solution.feasible, solution.unassigned]).toEqual([102, 102, true, []]);
      // Progress counts the locked route too, like the cost.
      expect(solution.statistics.trajectory.at(-1)!.cost).toBe(102);
    }
  });

  it('takes the locked vehicle out: what it cannot carry stays unassigned when no other vehicle is free', () => {
    const p = day({ vehicles: [vehicle({ id: 'v1' })] });
    p.jobs[3].unassignedPenaltyFen = 500;
    const locked: GivenRoute[] = [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'b' }] }];
    const solution = solve(p, { seed: 1, maxIterations: 10, lockedRoutes: locked });
    expect(jobsOf(solution, 'v1')).toEqual([['a', 'b']]);
    expect(solution.unassigned).toEqual([
      { id: 'c', reason: 'no_vehicle' },
      { id: 'd', reason: 'no_vehicle' },
    ]);
    // The locked 40 m and d's penalty; c is mandatory, so the plan is infeasible and says so.
    expect([solution.cost, solution.feasible]).toEqual([540, false]);
  });

  it("a vehicle that may reload is free again from the locked route's return, its fixed cost paid once", () => {
    const p = day({ objective: 'cost', vehicles: [vehicle({ id: 'v1', reloadLocations: [0], fixedCostFen: 300, shift: { startS: 5, endS: 1000 } }), vehicle({ id: 'v2' })] });
    const locked: GivenRoute[] = [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'b' }] }];
    const open = setGivenRoutesApart(p, { lockedRoutes: locked });
    // It leaves at 5 and is back at 5 + 40.
    expect(open.problem.vehicles.map((v) => [v.id, v.shift.startS, v.fixedCostFen])).toEqual([
      ['v1', 45, 0],
      ['v2', 0, 0],
    ]);
    expect(open.problem.jobs.map((j) => j.id)).toEqual(['c', 'd']);
    expect(open.options.lockedRoutes).toBeUndefined();
  });

  it('the moved shift start holds in a single-trip engine: the second trip leaves after the first is back', () => {
    // c must be served by 45: only v2 can (v1 is back at 40 and reaches c at 50); v2, back by 25, cannot do d too.
    const p = day({ vehicles: [vehicle({ id: 'v1', reloadLocations: [0] }), vehicle({ id: 'v2', shift: { startS: 0, endS: 25 } })] });
    p.jobs[2].timeWindows = [{ startS: 0, endS: 45 }];
    const open = setGivenRoutesApart(p, { lockedRoutes: [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'b' }] }] });
    const singleTrips = { ...open.problem, vehicles: open.problem.vehicles.map((v) => ({ ...v, reloadLocations: undefined })) };
    for (const engine of ENGINES) {
      const solution = open.finish(solve(singleTrips, { seed: 1, maxIterations: 20, engine }));
      expect(solution.feasible).toBe(true);
      const trips = solution.routes.filter((route) => route.vehicleId === 'v1');
      expect(trips.map((route) => route.steps.flatMap((step) => (step.id ? [step.id] : [])))).toEqual([['a', 'b'], ['d']]);
      expect(trips[1].steps[0].departureS).toBeGreaterThanOrEqual(40);
      expect(jobsOf(solution, 'v2')).toEqual([['c']]);
    }
  });

  it("a locked route with a reload is returned as priced, and its vehicle is free from its last trip's return", () => {
    // v1 carries one parcel a trip: a (out and back 20 s), reload, c (20 s): it leaves at 0, is back at 40.
    const p = day({ vehicles: [vehicle({ id: 'v1', capacity: [1], reloadLocations: [0] }), vehicle({ id: 'v2' })] });
    const locked: GivenRoute[] = [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { reloadLocation: 0 }, { jobId: 'c' }] }];
    const priced = priceRoutes(p, locked).routes[0];
    expect(priced.violations).toEqual([]);
    expect(priced.route.steps.map((step) => [step.type, step.arrivalS, step.departureS])).toEqual([
      ['start', 0, 0],
      ['job', 10, 10],
      ['reload', 20, 20],
      ['job', 30, 30],
      ['end', 40, 40],
    ]);
    expect(setGivenRoutesApart(p, { lockedRoutes: locked }).problem.vehicles.map((v) => [v.id, v.shift.startS])).toEqual([
      ['v1', 40],
      ['v2', 0],
    ]);
    const solution = solve(p, { seed: 1, maxIterations: 20, lockedRoutes: locked });
    expect(solution.routes[0]).toEqual(priced.route);
    expect([solution.feasible, solution.unassigned]).toEqual([true, []]);
    // Each trip over capacity is refused as a locked route, naming the rule.
    const overloaded = errorOf(() => solve(p, { lockedRoutes: [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { reloadLocation: 0 }, { jobId: 'c' }, { jobId: 'd' }] }] }));
    expect([overloaded.where, overloaded.message]).toEqual([
      'lockedRoutes[0]',
      'lockedRoutes[0]: a locked route must be feasible, and this one breaks capacity in trip 1 (counted from 0)',
    ]);
    // A reload on a vehicle that does not reload is bad input, in a starting solution too.
    expect(errorOf(() => solve(p, { initialRoutes: [{ vehicleId: 'v2', visits: [{ jobId: 'a' }, { reloadLocation: 0 }, { jobId: 'b' }] }] })).where).toBe(
      'initialRoutes[0].visits[1]',
    );
  });

  it('refuses a locked route that breaks a hard constraint, naming it and the rule', () => {
    const overloaded = errorOf(() =>
      solve(day({ vehicles: [vehicle({ id: 'v1', capacity: [1] })] }), { lockedRoutes: [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'b' }] }] }),
    );
    expect(overloaded.where).toBe('lockedRoutes[0]');
    expect(overloaded.message).toContain('capacity');
    const p = day({ shipments: [shipment('s', 1, 2)] });
    const halfShipment = errorOf(() =>
      solve(p, {
        lockedRoutes: [
          { vehicleId: 'v2', visits: [] },
          { vehicleId: 'v1', visits: [{ shipmentId: 's', end: 'pickup' }] },
        ],
      }),
    );
    expect(halfShipment.where).toBe('lockedRoutes[1]');
    expect(halfShipment.message).toContain('pickup_before_delivery');
  });

  it('refuses bad references, and a starting solution that uses what is locked', () => {
    const p = day();
    const lockedA: GivenRoute[] = [{ vehicleId: 'v1', visits: [{ jobId: 'a' }] }];
    const where = (options: Parameters<typeof solve>[1]) => errorOf(() => solve(p, { maxIterations: 0, ...options })).where;
    expect(where({ lockedRoutes: [{ vehicleId: 'nobody', visits: [] }] })).toBe('lockedRoutes[0].vehicleId');
    expect(where({ lockedRoutes: [lockedA[0], { vehicleId: 'v2', visits: [{ jobId: 'a' }] }] })).toBe('lockedRoutes[1].visits[0]');
    expect(where({ lockedRoutes: lockedA, initialRoutes: [{ vehicleId: 'v2', visits: [{ jobId: 'b' }, { jobId: 'a' }] }] })).toBe('initialRoutes[0].visits[1]');
    expect(where({ lockedRoutes: lockedA, initialRoutes: [{ vehicleId: 'v1', visits: [{ jobId: 'b' }] }] })).toBe('initialRoutes[0].vehicleId');
  });

  it('solveAsync sets locked routes apart the same way', async () => {
    const p = day();
    const options = { seed: 3, maxIterations: 20, threads: 2, lockedRoutes: [{ vehicleId: 'v2', visits: [{ jobId: 'd' }] }] };
    const threaded = await solveAsync(p, options);
    expect(jobsOf(threaded, 'v2')).toEqual([['d']]);
    expect({ ...threaded, statistics: null }).toEqual({ ...solve(p, options), statistics: null });
  });
});
