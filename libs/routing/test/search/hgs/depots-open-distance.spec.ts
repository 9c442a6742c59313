import { Problem, Vehicle } from '../../../src/model/problem';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { SegmentAccumulator } from '../../../src/search/hgs/segment';
import { solve } from '../../../src/solve';
import { planeMatrices, vehicle } from '../alns/tiny-problems';

/**
 * Points on a plane (rounded Euclidean metres, driven at 1 m/s); `points[0]` and any point no job
 * names are depots; job k is at `points[jobs[k]]` with demand 1. Vehicles are given in full but
 * for their ids, matrices and costs.
 */
function problemOn(points: Array<[number, number]>, jobs: number[], vehicles: Array<Partial<Vehicle>>): Problem {
  return {
    name: 'hand-checked',
    profiles: { plane: planeMatrices(points) },
    vehicles: vehicles.map((v, k) => vehicle({ id: `v${k}`, ...v })),
    jobs: jobs.map((location, k) => ({ id: `j${k + 1}`, kind: 'delivery' as const, location, serviceS: 0, timeWindows: [], amount: [1] })),
    shipments: [],
    objective: 'distance',
  };
}

const penalties = { capacity: 1, timeWarp: 1, distance: 3 };

describe('route distance limits', () => {
  // Depot (0,0); A at (30,0), B at (30,40). One route 0-A-B-0 drives 30 + 40 + 50 = 120 m; alone, A
  // is 30 + 30 = 60 m and B 50 + 50 = 100 m.
  const points: Array<[number, number]> = [
    [0, 0],
    [30, 0],
    [30, 40],
  ];
  const limited = (): Problem => problemOn(points, [1, 2], [{ maxDistanceM: 100 }, { maxDistanceM: 100 }]);

  it('prices the metres above the limit: 120 m on a 100 m limit at 3 per metre is 120 + 3 x 20 = 180', () => {
    const data = buildHgsData(limited());
    const acc = new SegmentAccumulator(data).startAtDepot(0).appendClient(1).appendClient(2);
    expect(acc.costIfClosed(penalties)).toBe(180);
    acc.appendClient(0);
    expect(acc.distance).toBe(120);
    expect(acc.excessDistance()).toBe(20);
    expect(acc.penalisedCost(penalties)).toBe(180);
  });

  it('solves with HGS and keeps every route within its limit: A and B apart, 60 + 100 = 160 m', () => {
    const problem = limited();
    expect(whyNotHgsShaped(problem)).toBeNull();
    const solution = solve(problem, { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(160);
    expect(solution.routes.map((route) => route.distanceM).sort((a, b) => a - b)).toEqual([60, 100]);
  });

  it('bounds a reloading vehicle over its whole day: trips of 60 and 100 m keep a 160 m limit, not a 159 m one', () => {
    // Capacity 1 forces one trip per client: 60 + 100 = 160 m in the day, the reload at the depot between.
    const reloading = (maxDistanceM: number): Problem => problemOn(points, [1, 2], [{ maxDistanceM, capacity: [1], reloadLocations: [0] }]);
    expect(whyNotHgsShaped(reloading(160))).toBeNull();
    const solution = solve(reloading(160), { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.routes[0].distanceM).toBe(160);
    expect(solution.routes[0].steps.map((step) => step.type)).toEqual(['start', 'job', 'reload', 'job', 'end']);
    expect(solve(reloading(159), { seed: 1, maxIterations: 30 }).feasible).toBe(false);
  });
});

describe('vehicles from different depots', () => {
  // Depot 0 at (0,0), depot 3 at (100,0); A at (30,0), B at (70,0). Vehicle a drives from depot 0
  // to depot 3: 0-A-B-3 is 30 + 40 + 30 = 100 m. Vehicle b, a round trip from depot 3, would drive
  // 3-B-A-3 = 30 + 40 + 70 = 140 m; vehicle c, a round trip from depot 0, 140 m too.
  const points: Array<[number, number]> = [
    [0, 0],
    [30, 0],
    [70, 0],
    [100, 0],
  ];
  const problem = (): Problem => problemOn(points, [1, 2], [{ startLocation: 3, endLocation: 3 }, { startLocation: 0, endLocation: 3 }, {}]);

  it('prices a route from its vehicle start to its vehicle end, and an empty one at nothing', () => {
    const data = buildHgsData(problem());
    const acc = new SegmentAccumulator(data);
    expect(acc.startAtDepot(1).appendClient(1).appendClient(2).appendClient(0).penalisedCost(penalties)).toBe(100);
    expect(acc.startAtDepot(0).appendClient(2).appendClient(1).appendClient(0).penalisedCost(penalties)).toBe(140);
    expect(acc.startAtDepot(1).appendClient(0).penalisedCost(penalties)).toBe(0);
  });

  it('solves with HGS: both on the vehicle that crosses from depot 0 to depot 3, 100 m', () => {
    const p = problem();
    expect(whyNotHgsShaped(p)).toBeNull();
    const solution = solve(p, { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(100);
    expect(solution.routes).toHaveLength(1);
    expect(solution.routes[0].vehicleId).toBe('v1');
    expect(solution.routes[0].steps.map((step) => step.location)).toEqual([0, 1, 2, 3]);
  });
});

describe('open routes', () => {
  // Depot (0,0); A at (30,0), B at (30,40). Open, 0-A-B ends at B: 30 + 40 = 70 m (0-B-A: 50 + 40 =
  // 90 m; closed, either way 120 m).
  const points: Array<[number, number]> = [
    [0, 0],
    [30, 0],
    [30, 40],
  ];

  it('solves with HGS: 0-A-B, 70 m and 70 s, with no end step', () => {
    const p = problemOn(points, [1, 2], [{ endLocation: null }, { endLocation: null }]);
    expect(whyNotHgsShaped(p)).toBeNull();
    const solution = solve(p, { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(70);
    expect(solution.routes).toHaveLength(1);
    expect(solution.routes[0].steps.map((step) => step.type)).toEqual(['start', 'job', 'job']);
    expect(solution.routes[0].durationS).toBe(70);
  });

  it('ends the shift at the last visit: a 70 s shift is met with no way back', () => {
    const p = problemOn(points, [1, 2], [{ endLocation: null, shift: { startS: 0, endS: 70 } }]);
    const solution = solve(p, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(70);
  });
});

describe('what HGS still leaves to ALNS or refuses', () => {
  const points: Array<[number, number]> = [
    [0, 0],
    [30, 0],
    [30, 40],
  ];
  it('takes reloads away from the start, several trips ending elsewhere, and distance limits and depots when vehicles count first', () => {
    // Trips between depots (reload-depots.spec.ts).
    expect(whyNotHgsShaped(problemOn(points, [1], [{ reloadLocations: [2] }]))).toBeNull();
    expect(whyNotHgsShaped(problemOn(points, [1], [{ reloadLocations: [0], endLocation: 2 }]))).toBeNull();
    expect(whyNotHgsShaped(problemOn(points, [1], [{ reloadLocations: [0], endLocation: null }]))).toBeNull();
    expect(whyNotHgsShaped({ ...problemOn(points, [1], [{ maxDistanceM: 100 }]), objective: 'vehicles-then-distance' })).toBeNull();
    expect(whyNotHgsShaped({ ...problemOn(points, [1], [{}, { startLocation: 2, endLocation: 2 }]), objective: 'vehicles-then-distance' })).toBeNull();
  });
});
