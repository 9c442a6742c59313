import { Problem } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { isHgsShaped, whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { solve } from '../../../src/solve';
import { planeProblem, randomMixedFleetProblem } from './fixtures';

/**
 * The square 0-(3,0)-(3,4)-(0,4) with demands 4, 4, 4 and two vehicles: a small one (capacity 5,
 * fixed 100, 100 fen/km on metres x1000: 0.1 fen/m) and a big one (capacity 10, fixed 300, 0.15
 * fen/m). Distances are in metres (the plane's units x 1000 below).
 */
function square(): Problem {
  const problem = planeProblem(
    [0, 0],
    [
      { x: 3000, y: 0, demand: 4 },
      { x: 3000, y: 4000, demand: 4 },
      { x: 0, y: 4000, demand: 4 },
    ],
    { capacity: 5, vehicles: 2 },
  );
  problem.objective = 'cost';
  problem.vehicles[0] = { ...problem.vehicles[0], capacity: [5], fixedCostFen: 100, costPerKmFen: 100 };
  problem.vehicles[1] = { ...problem.vehicles[1], capacity: [10], fixedCostFen: 300, costPerKmFen: 150 };
  return problem;
}

describe('HGS on a mixed fleet', () => {
  it('takes vehicles differing in capacity, fixed cost, cost per km and per hour, under any objective', () => {
    expect(isHgsShaped(square())).toBe(true);
    const timed = square();
    timed.vehicles = timed.vehicles.map((v) => ({ ...v, costPerHourFen: 60 }));
    expect(whyNotHgsShaped(timed)).toBeNull();
    const hierarchical = square();
    hierarchical.objective = 'vehicles-then-distance';
    expect(whyNotHgsShaped(hierarchical)).toBeNull();
  });

  it('puts each route on the vehicle that makes the plan cheapest (hand-checked optimum)', () => {
    // client 1 on the small vehicle: 100 + 0.1 x 6000; clients 2 and 3 on the big one: 300 + 0.15 x 12000.
    // (client 3 alone on the small one: 900 + 2100; client 2: 1100 + 2100; all on the big one: over capacity)
    const solution = solve(square(), { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(700 + 2100);
    const byVehicle = Object.fromEntries(
      solution.routes.map((r) => [
        r.vehicleId,
        r.steps
          .filter((s) => s.type === 'job')
          .map((s) => s.id)
          .sort(),
      ]),
    );
    expect(byVehicle).toEqual({ v0: ['j1'], v1: ['j2', 'j3'] });
    expect(solution.routes.map((r) => r.costFen).sort((x, y) => x - y)).toEqual([700, 2100]);
  });

  it('gives the same solution for the same seed and iteration limit, and respects every capacity', () => {
    const problem = randomMixedFleetProblem(new Random(5), 15, true);
    problem.vehicles = [...problem.vehicles, ...problem.vehicles].map((v, k) => ({ ...v, id: `v${k}` }));
    const a = solve(problem, { seed: 42, maxIterations: 30 });
    const b = solve(problem, { seed: 42, maxIterations: 30 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    for (const route of a.routes) {
      const vehicle = problem.vehicles.find((v) => v.id === route.vehicleId)!;
      expect(Math.max(...route.steps.map((s) => s.load[0]))).toBeLessThanOrEqual(vehicle.capacity[0]);
    }
  });
});

describe('HGS with backhauls', () => {
  it('takes pickups in any order, and with linehaul before backhaul', () => {
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3, y: 0, demand: 1 },
        { x: 3, y: 4, demand: 1 },
      ],
      { capacity: 5 },
    );
    problem.jobs[1].kind = 'pickup';
    expect(whyNotHgsShaped(problem)).toBeNull();
    expect(whyNotHgsShaped({ ...problem, linehaulBeforeBackhaul: true })).toBeNull();
  });

  it('delivers first, then collects, each load within capacity (hand-checked)', () => {
    // deliveries 3 + 2 and pickups 4 + 1 on a vehicle of 5: one route carries 5 out and 5 back.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3, y: 0, demand: 3 },
        { x: 3, y: 4, demand: 2 },
        { x: 0, y: 4, demand: 4 },
        { x: 0, y: 1, demand: 1 },
      ],
      { capacity: 5 },
    );
    problem.jobs[2].kind = 'pickup';
    problem.jobs[3].kind = 'pickup';
    problem.linehaulBeforeBackhaul = true;
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    // 0-(3,0)-(3,4)-(0,4)-(0,1)-0: 3 + 4 + 3 + 3 + 1
    expect(solution.cost).toBe(14);
    const route = solution.routes[0].steps.filter((s) => s.type === 'job');
    expect(route.map((s) => s.id)).toEqual(['j1', 'j2', 'j3', 'j4']);
    expect(solution.routes[0].steps.map((s) => s.load[0])).toEqual([5, 2, 0, 4, 5, 5]);
  });
});

describe('HGS with release times', () => {
  it('lets a route leave only once its parcels have reached the depot (hand-checked)', () => {
    // A at (10,0) must be served by 50; B at (0,10) reaches the depot at 100: one route cannot
    // serve both, so each gets its own (10 + 10 twice).
    const problem = planeProblem(
      [0, 0],
      [
        { x: 10, y: 0, demand: 1, window: [0, 50] },
        { x: 0, y: 10, demand: 1 },
      ],
      { capacity: 5, vehicles: 2, horizon: 1000 },
    );
    problem.jobs[1].releaseS = 100;
    expect(whyNotHgsShaped(problem)).toBeNull();
    const solution = solve(problem, { seed: 1, maxIterations: 20 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(40);
    const withB = solution.routes.find((r) => r.steps.some((s) => s.id === 'j2'))!;
    expect(withB.steps.map((s) => [s.type, s.arrivalS])).toEqual([
      ['start', 100],
      ['job', 110],
      ['end', 120],
    ]);
  });
});
