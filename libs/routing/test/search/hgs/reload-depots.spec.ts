import { priceRoutes } from '../../../src/evaluation/route-pricing';
import { Problem, Solution } from '../../../src/model/problem';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { RouteState } from '../../../src/search/hgs/route-state';
import { solve } from '../../../src/solve';
import { givenRoutes } from '../../support/given-routes';
import { errorOf } from '../../support/invalid-problem';
import { planeProblem } from './fixtures';

/** Locations of the depots after the two clients: the hub is 0. */
const STATION = 3;
const FAR_DEPOT = 4;

/**
 * One van of capacity 10 starting and ending at the hub (0, 0); client 1 at (100, 30) and client 2
 * at (100, -40), 6 units each, so two trips. A township station at (100, 0) (location 3) and a far
 * depot at (0, 50) (location 4); the van reloads at `reloads`.
 */
function hubAndStation(reloads: number[]): Problem {
  const problem = planeProblem(
    [0, 0],
    [
      { x: 100, y: 30, demand: 6 },
      { x: 100, y: -40, demand: 6 },
    ],
    {
      capacity: 10,
      vehicles: 1,
      otherDepots: [
        [100, 0],
        [0, 50],
      ],
    },
  );
  problem.vehicles[0].reloadLocations = reloads;
  return problem;
}

const kinds = (solution: Solution): string[][] => solution.routes.map((route) => route.steps.map((step) => `${step.type}@${step.location}`));
const penalties = { capacity: 1, timeWarp: 1, distance: 1 };

/** The search's own price of the van's trips `trips` (trip t on its slot t). */
function statePrice(problem: Problem, trips: number[][]): number {
  const data = buildHgsData(problem);
  const state = new RouteState(data, data.maxRoutes);
  state.load(
    trips,
    penalties,
    trips.map((_, t) => t),
  );
  return state.totalPenalisedCost();
}

describe('HGS with trips between depots: reloading away from the start, several reload locations, ending elsewhere', () => {
  it('drives a two-trip day reloading at a second depot (hand-checked), and priceRoutes prices it alike', () => {
    const problem = hubAndStation([STATION]);
    expect(whyNotHgsShaped(problem)).toBeNull();
    // hub → client 1: hypot(100, 30) = 104; → station 30; → client 2: 40; → hub: hypot(100, 40) = 108. 282 m.
    expect(statePrice(problem, [[1], [2]])).toBe(282);
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(282);
    expect(kinds(solution)[0]).toEqual(expect.arrayContaining(['start@0', `reload@${STATION}`, 'end@0']));
    const priced = priceRoutes(problem, givenRoutes(solution));
    expect(priced.routes[0].route).toEqual(solution.routes[0]);
    expect([priced.cost, priced.feasible]).toEqual([282, true]);
  });

  it('reloads at the cheaper of two reload locations, whichever is listed first', () => {
    // Through the far depot: client 1 → (0, 50): hypot(100, 20) = 102, → client 2: hypot(100, 90) = 135, 237 instead of 70.
    for (const reloads of [
      [FAR_DEPOT, STATION],
      [STATION, FAR_DEPOT],
    ]) {
      const problem = hubAndStation(reloads);
      expect(statePrice(problem, [[1], [2]])).toBe(282);
      const solution = solve(problem, { seed: 2, maxIterations: 30 });
      expect(solution.cost).toBe(282);
      expect(solution.routes[0].steps.find((step) => step.type === 'reload')?.location).toBe(STATION);
    }
    // Given by hand through the far depot, it costs the detour: 104 + 102 + 135 + 108.
    const viaFar = priceRoutes(hubAndStation([FAR_DEPOT, STATION]), [{ vehicleId: 'v0', visits: [{ jobId: 'j1' }, { reloadLocation: FAR_DEPOT }, { jobId: 'j2' }] }]);
    expect(viaFar.cost).toBe(449);
  });

  it('prices the detour of a reload by the hour too: a longer but faster way through the other depot wins', () => {
    // Time priced at 3.6 fen a second, distance at 1 fen a metre; the far depot is reached on an expressway at a tenth of the time.
    const problem = hubAndStation([STATION, FAR_DEPOT]);
    problem.objective = 'cost';
    Object.assign(problem.vehicles[0], { costPerKmFen: 1000, costPerHourFen: 3600 * 3.6 });
    const durations = problem.profiles.car.durationS.slice();
    const size = problem.profiles.car.size;
    for (const client of [1, 2]) {
      durations[client * size + FAR_DEPOT] = Math.round(durations[client * size + FAR_DEPOT] / 10);
      durations[FAR_DEPOT * size + client] = Math.round(durations[FAR_DEPOT * size + client] / 10);
    }
    problem.profiles.car = { ...problem.profiles.car, durationS: durations };
    // Station: 70 m and 70 s, 70 + 252 = 322 fen. Far depot: 237 m and 10 + 14 = 24 s, 237 + 86.4 = 323.4 fen. Still the station...
    const viaStation = { vehicleId: 'v0', visits: [{ jobId: 'j1' }, { reloadLocation: STATION }, { jobId: 'j2' }] };
    const viaFar = { vehicleId: 'v0', visits: [{ jobId: 'j1' }, { reloadLocation: FAR_DEPOT }, { jobId: 'j2' }] };
    expect(solve(problem, { seed: 1, maxIterations: 20 }).cost).toBe(priceRoutes(problem, [viaStation]).cost);
    // ... until time costs 4 fen a second: 70 + 280 = 350 against 237 + 96 = 333.
    problem.vehicles[0].costPerHourFen = 3600 * 4;
    const solution = solve(problem, { seed: 1, maxIterations: 20 });
    expect(solution.routes[0].steps.find((step) => step.type === 'reload')?.location).toBe(FAR_DEPOT);
    expect(solution.cost).toBe(priceRoutes(problem, [viaFar]).cost);
    expect(solution.cost).toBeLessThan(priceRoutes(problem, [viaStation]).cost);
  });

  it('ends a multi-trip day at another depot, or at its last visit, choosing the order of the trips by where the day ends', () => {
    // The van reloads at the hub and ends at the station; client 1 now at (0, 30).
    const problem = hubAndStation([0]);
    problem.profiles.car = planeProblem(
      [0, 0],
      [
        { x: 0, y: 30, demand: 6 },
        { x: 100, y: 30, demand: 6 },
      ],
      {
        capacity: 10,
        otherDepots: [
          [100, 0],
          [0, 50],
        ],
      },
    ).profiles.car;
    problem.vehicles[0].endLocation = STATION;
    expect(whyNotHgsShaped(problem)).toBeNull();
    // hub → client 1 → hub: 30 + 30, → client 2: 104, → station: 30. The other order: 104 + 104 + 30 + 104 = 342.
    expect(statePrice(problem, [[1], [2]])).toBe(194);
    expect(statePrice(problem, [[2], [1]])).toBe(342);
    const solution = solve(problem, { seed: 3, maxIterations: 30 });
    expect(solution.cost).toBe(194);
    expect(kinds(solution)[0]).toEqual(['start@0', 'job@1', 'reload@0', 'job@2', `end@${STATION}`]);
    expect(priceRoutes(problem, givenRoutes(solution)).routes[0].route).toEqual(solution.routes[0]);
    // An open day ends at client 2: 30 + 30 + 104 (the other order: 104 + 104 + 30).
    problem.vehicles[0].endLocation = null;
    expect(statePrice(problem, [[1], [2]])).toBe(164);
    const open = solve(problem, { seed: 3, maxIterations: 30 });
    expect(open.cost).toBe(164);
    expect(kinds(open)[0]).toEqual(['start@0', 'job@1', 'reload@0', 'job@2']);
    expect(priceRoutes(problem, givenRoutes(open)).routes[0].route).toEqual(open.routes[0]);
  });

  it('refuses a given reload at a location the vehicle does not reload at, naming the visit', () => {
    const problem = hubAndStation([STATION]);
    const error = errorOf(() => priceRoutes(problem, [{ vehicleId: 'v0', visits: [{ jobId: 'j1' }, { reloadLocation: 0 }, { jobId: 'j2' }] }]));
    expect(error.where).toBe('routes[0].visits[1]');
    expect(error.message).toContain('not one of vehicle "v0"\'s reload locations (3)');
  });
});
