import { InvalidProblemError, Problem } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { RouteState } from '../../../src/search/hgs/route-state';
import { SegmentAccumulator } from '../../../src/search/hgs/segment';
import { solve } from '../../../src/solve';
import { planeProblem, randomRichProblem } from './fixtures';

const LOAD_ONLY = { capacity: 1, timeWarp: 0, distance: 1 };

/** Penalised cost of `clients` as one route on `slot`, from the segment arithmetic. */
function routeCost(problem: Problem, clients: number[], penalties = LOAD_ONLY, slot = 0): number {
  const acc = new SegmentAccumulator(buildHgsData(problem)).startAtDepot(slot);
  for (const c of clients) acc.appendClient(c);
  return acc.appendClient(0).penalisedCost(penalties);
}

describe('HGS on the planner model', () => {
  it('weighs excess in every capacity dimension (hand-checked)', () => {
    // Capacity 10 kg and 3 crates; two parcels of 4 kg and 2 crates each: 8 kg fit, 4 crates are one too many.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3, y: 0, demand: 4 },
        { x: 3, y: 4, demand: 4 },
      ],
      { capacity: 10, vehicles: 2 },
    );
    problem.vehicles = problem.vehicles.map((v) => ({ ...v, capacity: [10, 3] }));
    problem.jobs.forEach((job) => (job.amount = [4, 2]));
    expect(whyNotHgsShaped(problem)).toBeNull();
    // distance 3 + 4 + 5; one crate over, weighted 10 / 3 (kg per crate of the largest vehicle)
    expect(routeCost(problem, [1, 2])).toBeCloseTo(12 + 10 / 3, 9);
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    // one route each: 3 + 3 and 5 + 5
    expect(solution.cost).toBe(16);
    expect(solution.routes.map((r) => r.steps[0].load)).toEqual([
      [4, 2],
      [4, 2],
    ]);
  });

  it('carries pickups beside the parcels still on board, in any order (hand-checked)', () => {
    // Capacity 5: a delivery of 4 at A and a pickup of 4 at B fit as A then B (peak 4), not as B then A (peak 8).
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3, y: 0, demand: 4 },
        { x: 3, y: 4, demand: 4 },
      ],
      { capacity: 5, vehicles: 1 },
    );
    problem.jobs[1].kind = 'pickup';
    expect(routeCost(problem, [1, 2])).toBe(12);
    expect(routeCost(problem, [2, 1])).toBe(12 + 3);
    const state = new RouteState(buildHgsData(problem), 1);
    state.load([[2, 1]], LOAD_ONLY);
    expect(state.routeCost[0]).toBe(15);
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(12);
    expect(solution.routes[0].steps.map((s) => s.load[0])).toEqual([4, 0, 4, 4]);
  });

  it('keeps a route within its vehicle maximum duration (hand-checked)', () => {
    // A at (30,0) and B at (0,30): together 30 + 42 + 30 = 102 s, each alone 60 s.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 30, y: 0, demand: 1 },
        { x: 0, y: 30, demand: 1 },
      ],
      { capacity: 10, vehicles: 2 },
    );
    expect(solve(problem, { seed: 1, maxIterations: 30 }).cost).toBe(102);
    problem.vehicles = problem.vehicles.map((v) => ({ ...v, maxDurationS: 61 }));
    // 41 s over the limit count as time warp
    expect(routeCost(problem, [1, 2], { capacity: 0, timeWarp: 10, distance: 1 })).toBe(102 + 410);
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(120);
  });

  it('prices each vehicle on its own matrices, per km and per hour, within its shift (hand-checked)', () => {
    // One client 30 m away, 10 s of service. The van drives the plane (1 m/s) at 1 fen/m plus a fixed 150;
    // the tricycle drives its own matrix three times slower at 1 fen/s.
    const problem = planeProblem([0, 0], [{ x: 30, y: 0, demand: 1, serviceS: 10 }], { capacity: 10, vehicles: 2, objective: 'cost' });
    const plane = problem.profiles.car;
    problem.profiles = { van: plane, tricycle: { ...plane, durationS: Int32Array.from(plane.durationS, (d) => 3 * d) } };
    problem.vehicles = [
      { ...problem.vehicles[0], id: 'van', profile: 'van', fixedCostFen: 150, costPerKmFen: 1000, costPerHourFen: 0 },
      { ...problem.vehicles[1], id: 'tricycle', profile: 'tricycle', fixedCostFen: 0, costPerKmFen: 0, costPerHourFen: 3600 },
    ];
    expect(whyNotHgsShaped(problem)).toBeNull();
    // van: 150 + 60 m; tricycle: 90 + 10 + 90 s
    expect(routeCost(problem, [1], LOAD_ONLY, 0)).toBe(210);
    expect(routeCost(problem, [1], LOAD_ONLY, 1)).toBe(190);
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.routes.map((r) => [r.vehicleId, r.durationS, r.costFen])).toEqual([['tricycle', 190, 190]]);
    expect(solution.cost).toBe(190);
    // A tricycle shift of 150 s is too short for the round: the van goes instead.
    problem.vehicles[1] = { ...problem.vehicles[1], shift: { startS: 0, endS: 150 } };
    const late = solve(problem, { seed: 1, maxIterations: 30 });
    expect(late.feasible).toBe(true);
    expect(late.routes.map((r) => [r.vehicleId, r.costFen])).toEqual([['van', 210]]);
  });

  it('prices the whole route duration per hour on a homogeneous fleet too, service included (hand-checked)', () => {
    // 30 m out and back at 1 m/s with 100 s of service, 1 fen/s: 160 fen, as the cost evaluator prices the route.
    const problem = planeProblem([0, 0], [{ x: 30, y: 0, demand: 1, serviceS: 100 }], { capacity: 10, vehicles: 1, objective: 'cost' });
    problem.vehicles[0] = { ...problem.vehicles[0], costPerHourFen: 3600 };
    expect(routeCost(problem, [1])).toBe(160);
    expect(solve(problem, { seed: 1, maxIterations: 5 }).cost).toBe(160);
  });

  it('solves a random planner-like day reproducibly, every load within every capacity', () => {
    const problem = randomRichProblem(new Random(3), 14);
    problem.vehicles = [0, 1, 2].flatMap((copy) => problem.vehicles.map((v) => ({ ...v, id: `${v.id}-${copy}` })));
    problem.jobs.forEach((job) => (job.unassignedPenaltyFen = 5000));
    expect(whyNotHgsShaped(problem)).toBeNull();
    const a = solve(problem, { seed: 9, maxIterations: 40 });
    const b = solve(problem, { seed: 9, maxIterations: 40 });
    expect(b).toEqual({ ...a, statistics: b.statistics });
    expect(a.feasible).toBe(true);
    for (const route of a.routes) {
      const vehicle = problem.vehicles.find((v) => v.id === route.vehicleId)!;
      for (const step of route.steps) step.load.forEach((amount, k) => expect(amount).toBeLessThanOrEqual(vehicle.capacity[k]));
      if (vehicle.maxDurationS !== undefined) expect(route.durationS).toBeLessThanOrEqual(vehicle.maxDurationS);
    }
  });
});

describe('HGS when not everything fits', () => {
  it('leaves out the work that costs least to leave, feasible, with the reason ALNS would give', () => {
    // One vehicle of 5 for two parcels of 4 (penalties 1e6 and 2e7), and one of 9 that fits no vehicle.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 30, y: 0, demand: 4 },
        { x: 0, y: 30, demand: 4 },
        { x: 30, y: 30, demand: 9 },
      ],
      { capacity: 5, vehicles: 1, objective: 'cost' },
    );
    problem.vehicles[0] = { ...problem.vehicles[0], costPerKmFen: 1000 };
    [1_000_000, 20_000_000, 1_000_000].forEach((penalty, k) => (problem.jobs[k].unassignedPenaltyFen = penalty));
    const solution = solve(problem, { seed: 1, maxIterations: 20 });
    expect(solution.feasible).toBe(true);
    expect(solution.routes.map((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id))).toEqual([['j2']]);
    expect(solution.unassigned).toEqual([
      { id: 'j1', reason: 'not_profitable' },
      { id: 'j3', reason: 'capacity' },
    ]);
    expect(solution.cost).toBe(60 + 2_000_000);
  });
});

describe('solve with engine: alns', () => {
  it('keeps ALNS for an HGS-shaped problem, which then refuses what ALNS cannot honour', () => {
    const problem = planeProblem([0, 0], [{ x: 30, y: 0, demand: 1 }], { capacity: 10, vehicles: 1 });
    problem.jobs[0].releaseS = 50;
    expect(solve(problem, { seed: 1, maxIterations: 5 }).routes[0].steps[0].departureS).toBe(50);
    expect(() => solve(problem, { seed: 1, maxIterations: 5, engine: 'alns' })).toThrow(InvalidProblemError);
    expect(() => solve(problem, { seed: 1, maxIterations: 5, engine: 'alns' })).toThrow('jobs[0].releaseS');
  });
});
