import { priceRoutes } from '../../../src/evaluation/route-pricing';
import { GivenRoute, Problem, RouteVisit, Solution } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { buildHgsData, GRANULAR_NEIGHBOURS } from '../../../src/search/hgs/hgs-data';
import { improveByDecomposition, Subproblem } from '../../../src/search/hgs/decomposition';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { LocalSearch } from '../../../src/search/hgs/local-search';
import { startingRoutes } from '../../../src/search/hgs/starting-solution';
import { jobsByWindow } from '../../../src/search/hgs/window-groups';
import { solve } from '../../../src/solve';
import { job, problem, vehicle } from '../alns/tiny-problems';
import { randomMixedFleetProblem, withReleaseTimes, withSomeReloads } from './fixtures';

const MORNING = { startS: 0, endS: 50 };
const AFTERNOON = { startS: 200, endS: 300 };

/** Depot at (0,0); j1 at (0,100) open in the morning (unreachable: 100 s away) and the afternoon; j2 at (0,60) until 70. */
function lunchBreak(): Problem {
  return problem(
    [
      [0, 0],
      [0, 100],
      [0, 60],
    ],
    {
      objective: 'cost',
      vehicles: [vehicle({ costPerKmFen: 1000, costPerHourFen: 3600 })],
      jobs: [job('j1', 1, { timeWindows: [MORNING, AFTERNOON] }), job('j2', 2, { timeWindows: [{ startS: 0, endS: 70 }] })],
    },
  );
}

/** Every job on at most one route, served inside one of its windows, and the plan timed and priced alike by the independent route pricing. */
function expectServedOnceInAWindow(modelled: Problem, solution: Solution): void {
  const visits = solution.routes.flatMap((route) => route.steps.filter((step) => step.type === 'job'));
  const ids = visits.map((step) => step.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length + solution.unassigned.length).toBe(modelled.jobs.length);
  for (const step of visits) {
    const windows = modelled.jobs.find((candidate) => candidate.id === step.id)!.timeWindows;
    if (windows.length > 0) expect(windows.some((w) => w.startS <= step.serviceStartS! && step.serviceStartS! <= w.endS)).toBe(true);
  }
  const given: GivenRoute[] = solution.routes.map((route) => ({
    vehicleId: route.vehicleId,
    visits: route.steps.flatMap((step): RouteVisit[] => (step.type === 'job' ? [{ jobId: step.id! }] : step.type === 'reload' ? [{ reloadLocation: step.location }] : [])),
  }));
  const priced = priceRoutes(modelled, given, 'routes');
  expect(priced.routes.every((route) => route.violations.length === 0)).toBe(solution.feasible);
  // The solver times a job of several windows as the route pricing does, so a dispatcher's re-price agrees.
  expect(priced.routes.map(({ route }) => [route.durationS, route.costFen])).toEqual(solution.routes.map((route) => [route.durationS, route.costFen]));
}

describe('HGS with jobs of several time windows', () => {
  it('is HGS-shaped under every objective', () => {
    expect(whyNotHgsShaped(lunchBreak())).toBeNull();
    expect(whyNotHgsShaped({ ...lunchBreak(), objective: 'vehicles-then-distance' })).toBeNull();
  });

  it('counts vehicles first with jobs of several windows: one vehicle serves both, the morning job first', () => {
    const twoVans = { ...lunchBreak(), objective: 'vehicles-then-distance' as const };
    twoVans.vehicles = [twoVans.vehicles[0], { ...twoVans.vehicles[0], id: 'v2' }];
    const solution = solve(twoVans, { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.routes).toHaveLength(1);
    // 0 -> j2 (60 m) -> j1 (40 m, waits for the afternoon window) -> 0 (100 m): 200 m.
    expect(solution.distanceM).toBe(200);
    expect(solution.routes[0].steps.map((step) => step.id ?? step.type)).toEqual(['start', 'j2', 'j1', 'end']);
    expectServedOnceInAWindow(twoVans, solution);
  });

  it('serves a job in its afternoon window when the morning one cannot be reached, the wait counted in the duration', () => {
    const solution = solve(lunchBreak(), { seed: 1, maxIterations: 20 });
    // 0 -> j2 (60 m) -> j1 (40 m) -> 0 (100 m): 200 m. Leaving at 10 (j2 closes at 70, the latest
    // start that keeps it), j2 at 70, j1 at 110, waits until 200, back at 300: 290 s on the road.
    // 200 m at 1,000 fen/km is 200 fen; 290 s at 3,600 fen/h is 290 fen.
    expect(solution.feasible).toBe(true);
    expect(solution.unassigned).toEqual([]);
    const [route] = solution.routes;
    expect(route.steps.map((step) => [step.type, step.id, step.arrivalS, step.serviceStartS])).toEqual([
      ['start', undefined, 10, 10],
      ['job', 'j2', 70, 70],
      ['job', 'j1', 110, 200],
      ['end', undefined, 300, 300],
    ]);
    expect(route.durationS).toBe(290);
    expect(solution.cost).toBe(200 + 290);
  });

  it('moves a job to the window that serves it on time (local search)', () => {
    const { problem: byWindow, windowGroup } = jobsByWindow(lunchBreak());
    // Client 1: j1 in the morning, client 3: j1 in the afternoon, client 2: j2.
    expect(Array.from(windowGroup!)).toEqual([0, 1, 2, 1]);
    const search = new LocalSearch(buildHgsData(byWindow, GRANULAR_NEIGHBOURS, windowGroup), 1, new Random(1));
    const routes = search.run([[2, 1]], { capacity: 100, timeWarp: 100, distance: 100 });
    expect(routes).toEqual([[2, 3]]);
    // Arc costs 200 m x 1 fen/m plus 290 s x 1 fen/s, no time warp left; j1's morning client is off every route.
    expect(search.state.totalPenalisedCost()).toBeCloseTo(490, 9);
    expect(search.state.isRouted(1)).toBe(false);
  });

  it('never serves a job twice, whichever of its three windows fit', () => {
    const modelled = problem(
      [
        [0, 0],
        [0, 10],
        [10, 0],
      ],
      {
        vehicles: [vehicle({ id: 'v1' }), vehicle({ id: 'v2' })],
        jobs: [
          job('j1', 1, {
            timeWindows: [
              { startS: 0, endS: 100 },
              { startS: 200, endS: 300 },
              { startS: 400, endS: 500 },
            ],
          }),
          job('j2', 2, {
            timeWindows: [
              { startS: 0, endS: 100 },
              { startS: 150, endS: 160 },
            ],
          }),
        ],
      },
    );
    const solution = solve(modelled, { seed: 3, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    // One route 0-(0,10)-(10,0)-0: 10 + 14 + 10.
    expect(solution.distanceM).toBe(34);
    expectServedOnceInAWindow(modelled, solution);
  });

  it('leaves out an optional job of two windows that does not pay, at its penalty once', () => {
    const modelled = problem(
      [
        [0, 0],
        [0, 10],
        [0, 1000],
      ],
      {
        jobs: [job('j1', 1), job('far', 2, { timeWindows: [MORNING, { startS: 1000, endS: 2000 }], unassignedPenaltyFen: 50 })],
      },
    );
    const solution = solve(modelled, { seed: 1, maxIterations: 20 });
    expect(solution.feasible).toBe(true);
    expect(solution.unassigned).toEqual([{ id: 'far', reason: 'not_profitable' }]);
    expect(solution.cost).toBe(20 + 50);
  });

  it('gives a left-out job the reason over all its windows', () => {
    // The morning window cannot be reached, the afternoon one can (back at 300): not worth its
    // 200 m against a penalty of 1, so 'not_profitable' and not the first window's 'time_window'.
    const modelled = problem(
      [
        [0, 0],
        [0, 100],
      ],
      {
        jobs: [job('j1', 1, { timeWindows: [MORNING, AFTERNOON], unassignedPenaltyFen: 1 })],
      },
    );
    expect(solve(modelled, { seed: 1, maxIterations: 10 }).unassigned).toEqual([{ id: 'j1', reason: 'not_profitable' }]);
    const closedAfternoon = { ...modelled, vehicles: [vehicle({ shift: { startS: 0, endS: 250 } })] };
    expect(solve(closedAfternoon, { seed: 1, maxIterations: 10 }).unassigned).toEqual([{ id: 'j1', reason: 'time_window' }]);
  });

  it('starts from given routes that name the job, in whichever window they serve it', () => {
    const solution = solve(lunchBreak(), { seed: 1, maxIterations: 5, initialRoutes: [{ vehicleId: 'v1', visits: [{ jobId: 'j2' }, { jobId: 'j1' }] }] });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(490);
  });

  it('starts a given route in the window it reaches the job in', () => {
    const { problem: byWindow, windowGroup } = jobsByWindow(lunchBreak());
    const data = buildHgsData(byWindow, GRANULAR_NEIGHBOURS, windowGroup);
    // j2 (client 2) at 60, j1 at 100: its morning window (client 1) has closed, its afternoon one (client 3) is open.
    const start = startingRoutes(byWindow, data, [{ vehicleId: 'v1', visits: [{ jobId: 'j2' }, { jobId: 'j1' }] }]);
    expect(start.routes).toEqual([[2, 3]]);
    // First j1 at 100, too late for the morning: the afternoon (from 200), then j2 at 240, late in its only window.
    expect(startingRoutes(byWindow, data, [{ vehicleId: 'v1', visits: [{ jobId: 'j1' }, { jobId: 'j2' }] }]).routes).toEqual([[3, 2]]);
  });

  it('keeps the windows of a job in one decomposition part', () => {
    // j1 (clients 1 and 5) and j2 share a place; j1 is routed with j4, j2 with j3: client 5 is as near to j2's route.
    const modelled = problem(
      [
        [0, 0],
        [0, 50],
        [0, 50],
        [50, 0],
        [60, 0],
      ],
      {
        vehicles: [vehicle({ id: 'v1' }), vehicle({ id: 'v2' })],
        jobs: [job('j1', 1, { timeWindows: [MORNING, AFTERNOON] }), job('j2', 2), job('j3', 3), job('j4', 4)],
      },
    );
    const { problem: byWindow, windowGroup } = jobsByWindow(modelled);
    const data = buildHgsData(byWindow, GRANULAR_NEIGHBOURS, windowGroup);
    for (let seed = 1; seed <= 8; seed++) {
      let parts: Subproblem[] = [];
      improveByDecomposition(
        data,
        [
          [3, 2],
          [1, 4],
        ],
        2,
        new Random(seed),
        (given) => ((parts = given), given.map(() => null)),
        [5],
      );
      const holding = parts.filter((part) => part.initialRoutes.length > 0 && part.data.hasWindowGroups && part.data.n === 3);
      // The part of j1's route holds its afternoon client too, and knows them for windows of one job.
      expect(holding).toHaveLength(1);
      expect(Array.from(holding[0].data.windowSiblings[1])).toEqual([3]);
    }
  });

  it.each([1])('serves each job once in one of its windows on a mixed fleet with trips and release times (seed %i)', (seed) => {
    const random = new Random(seed);
    const modelled = withSomeReloads(withReleaseTimes(random, randomMixedFleetProblem(random, 12, true)));
    // Half the jobs (mandatory) open again 200 s after their window closes, for as long; the others are optional.
    modelled.jobs.forEach((candidate, k) => {
      const [w] = candidate.timeWindows;
      if (k % 2 === 0 && w) candidate.timeWindows = [w, { startS: w.endS + 200, endS: 2 * w.endS - w.startS + 200 }];
      else candidate.unassignedPenaltyFen = 5_000;
    });
    for (const v of modelled.vehicles) v.shift = { startS: 0, endS: 3_000 };
    expect(whyNotHgsShaped(modelled)).toBeNull();
    const solution = solve(modelled, { seed, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expectServedOnceInAWindow(modelled, solution);
  });
});
