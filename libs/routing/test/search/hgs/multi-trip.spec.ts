import { solve, solveAsync } from '../../../src/solve';
import { Problem } from '../../../src/model/problem';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { RouteState } from '../../../src/search/hgs/route-state';
import { TripChain } from '../../../src/search/hgs/trip-chain';
import { leaveOutViolations } from '../../../src/search/hgs/leave-out-repair';
import { SegmentAccumulator } from '../../../src/search/hgs/segment';
import { routesToCvrplibText } from '../../../src/formats/solution-text';
import { VEHICLE_WEIGHT } from '../../../src/evaluation/cost-evaluator';
import { planeProblem, randomMixedFleetProblem, randomProblem, withOptionalClients, withReleaseTimes, withReloads, withSomeReloads } from './fixtures';
import { Random } from '../../../src/random';

/**
 * One vehicle of capacity 10 that may reload at the depot (0, 0); clients on the x axis at 10 and
 * 20 (demand 6 each, so two trips), the second released at 100.
 */
function twoTrips(window?: [number, number]): Problem {
  const problem = planeProblem(
    [0, 0],
    [
      { x: 10, y: 0, demand: 6, serviceS: 5 },
      { x: 20, y: 0, demand: 6, serviceS: 5, window },
    ],
    { capacity: 10, vehicles: 1, horizon: 1000 },
  );
  problem.jobs[1].releaseS = 100;
  problem.vehicles[0].reloadLocations = [0];
  return problem;
}

/**
 * `twoTrips` priced by cost on a mixed fleet: the van (capacity 10) reloads, costs 100 fen a day,
 * 1000 fen a km and 3600 fen an hour; a tricycle (capacity 10) makes one trip, for 200 fen a day
 * and 500 fen a km.
 */
function vanAndTricycle(): Problem {
  const problem = twoTrips();
  problem.objective = 'cost';
  const van = { ...problem.vehicles[0], id: 'van', fixedCostFen: 100, costPerKmFen: 1000, costPerHourFen: 3600 };
  problem.vehicles = [van, { ...van, id: 'tricycle', fixedCostFen: 200, costPerKmFen: 500, costPerHourFen: 0, reloadLocations: undefined }];
  return problem;
}

describe('TripChain: the trips of one vehicle chained in time', () => {
  it('starts a trip no earlier than its release (the wait is duration, not time warp)', () => {
    // trip 1: 25 s long, may start in [0, 975]; trip 2: 45 s, may start in [0, 955], released at 100.
    const chain = new TripChain().start().appendTrip(25, 0, 0, 975, 0).appendTrip(45, 0, 0, 955, 100);
    expect(chain.timeWarpS).toBe(0);
    // back at 25 at the earliest, waits for 100, back at 145: 145 - 0 when trip 1 leaves at 0; or
    // trip 1 leaves at 75 and the chain lasts 25 + 45 = 70 s, which is what the segment keeps.
    expect(chain.durationS).toBe(70);
    expect(chain.earliestS).toBe(75);
    expect(chain.latestS).toBe(930);
  });

  it('counts a release after the latest start of a trip as time warp', () => {
    // trip 2 must start by 50 (a window), but its client is released at 100: 50 s of time warp.
    const released = new TripChain().start().appendTrip(45, 0, 0, 50, 100);
    expect(released.timeWarpS).toBe(50);
    // trip 1 (25 s, from 0 at the earliest) then a trip that must start by 10: back at 25, 15 s late.
    const chained = new TripChain().start().appendTrip(25, 0, 0, 975, 0).appendTrip(45, 0, 0, 10, 0);
    expect(chained.timeWarpS).toBe(15);
  });
});

describe('HGS with several trips per vehicle', () => {
  it('prices a vehicle by its chain of trips: the release delays the second trip into its window', () => {
    const penalties = { capacity: 1, timeWarp: 1, distance: 1 };
    // client 2 released at 100 and due by 120: trip 2 leaves at 100, arrives at 20 + 100 = 120, on time.
    const onTime = new RouteState(buildHgsData(twoTrips([0, 120])), buildHgsData(twoTrips()).tripsPerVehicle);
    onTime.load([[1], [2]], penalties, [0, 1]);
    expect(onTime.totalPenalisedCost()).toBe(20 + 40);
    // due by 110: 10 s of time warp, whichever trip carries it first.
    const late = new RouteState(buildHgsData(twoTrips([0, 110])), buildHgsData(twoTrips()).tripsPerVehicle);
    late.load([[1], [2]], penalties, [0, 1]);
    expect(late.totalPenalisedCost()).toBe(60 + 10);
    late.load([[2], [1]], penalties, [0, 1]);
    expect(late.totalPenalisedCost()).toBe(60 + 10);
    // both on one trip: 2 over capacity, and 15 s of time warp at client 2 (leaves at 100, serves client 1 at 110 for 5 s, arrives at 125).
    late.load([[1, 2]], penalties, [0]);
    expect(late.totalPenalisedCost()).toBe(40 + 2 + 15);
  });

  it('solves with a reload, each trip leaving after its releases, and writes the reload as 0', () => {
    // Client 1 is due by 50, so its trip goes first; client 2's trip waits at the depot for its release.
    const problem = twoTrips();
    problem.jobs[0].timeWindows = [{ startS: 0, endS: 50 }];
    const solution = solve(problem, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.distanceM).toBe(60);
    const steps = solution.routes[0].steps;
    expect(steps.map((step) => step.type)).toEqual(['start', 'job', 'reload', 'job', 'end']);
    expect(steps[2]).toMatchObject({ location: 0, departureS: 100, load: [6] });
    expect(routesToCvrplibText(solution, '60')).toBe('Route #1: j1 0 j2\nCost 60\n');
  });

  it('starts from a given route as the first trip of its vehicle, and splits it when it overloads the vehicle', () => {
    const problem = twoTrips();
    const solution = solve(problem, { seed: 2, maxIterations: 20, initialRoutes: [{ vehicleId: 'v0', visits: [{ jobId: 'j1' }, { jobId: 'j2' }] }] });
    expect(solution.feasible).toBe(true);
    expect(solution.routes[0].steps.map((step) => step.type)).toEqual(['start', 'job', 'reload', 'job', 'end']);
  });

  it('leaves an optional client out when its penalty is less than the trip that serves it, and serves it otherwise', () => {
    // The second trip (client 2, out and back 20 + 20) costs 40.
    const cheap = twoTrips();
    cheap.jobs[1].unassignedPenaltyFen = 30;
    const left = solve(cheap, { seed: 1, maxIterations: 30 });
    expect(left.feasible).toBe(true);
    expect(left.unassigned).toEqual([{ id: 'j2', reason: 'not_profitable' }]);
    expect(left.cost).toBe(20 + 30);
    expect(left.routes[0].steps.map((step) => step.type)).toEqual(['start', 'job', 'end']);
    // A total that forgot the penalty of a left-out client would read 20 here.
    const state = new RouteState(buildHgsData(cheap), buildHgsData(cheap).tripsPerVehicle);
    state.load([[1]], { capacity: 1, timeWarp: 1, distance: 1 }, [0]);
    expect(state.totalPenalisedCost()).toBe(20 + 30);
    const dear = twoTrips();
    dear.jobs[1].unassignedPenaltyFen = 50;
    const served = solve(dear, { seed: 1, maxIterations: 30 });
    expect(served.unassigned).toEqual([]);
    expect(served.cost).toBe(60);
    expect(served.routes[0].steps.map((step) => step.type)).toEqual(['start', 'job', 'reload', 'job', 'end']);
  });

  it('repairs a vehicle by its chain: each trip alone is on time, the second one only late after the first', () => {
    // Client 2 due by 30: alone it is reached at 20; after trip 1 (back at 25) at 45, 15 s late.
    const problem = twoTrips([0, 30]);
    delete problem.jobs[1].releaseS;
    problem.jobs[0].unassignedPenaltyFen = 5;
    const data = buildHgsData(problem);
    expect(leaveOutViolations(data, [[1], [2]], [0, 1], new SegmentAccumulator(data))).toEqual({ routes: [[2]], slots: [1] });
    // In the other order both trips are on time and nothing is left out.
    expect(leaveOutViolations(data, [[2], [1]], [0, 1], new SegmentAccumulator(data))).toEqual({ routes: [[2], [1]], slots: [0, 1] });
  });

  it('accepts reloads at the depot on any fleet, some vehicles reloading, with optional jobs, under any objective, and names what it cannot solve', () => {
    expect(whyNotHgsShaped(twoTrips())).toBeNull();
    const optional = twoTrips();
    optional.jobs[0].unassignedPenaltyFen = 100;
    expect(whyNotHgsShaped(optional)).toBeNull();
    expect(whyNotHgsShaped(vanAndTricycle())).toBeNull();
    // Reloads away from the depot, and days ending elsewhere, are trips between depots (reload-depots.spec.ts).
    const away = twoTrips();
    away.vehicles[0].reloadLocations = [1];
    expect(whyNotHgsShaped(away)).toBeNull();
    const vehiclesFirst = twoTrips();
    vehiclesFirst.objective = 'vehicles-then-distance';
    expect(whyNotHgsShaped(vehiclesFirst)).toBeNull();
    // One vehicle, two trips of 20 and 40 m (6 + 6 over a capacity of 10): one vehicle's weight.
    const solution = solve(vehiclesFirst, { seed: 1, maxIterations: 30 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(VEHICLE_WEIGHT + 60);
    expect(solution.routes[0].steps.map((step) => step.type)).toEqual(['start', 'job', 'reload', 'job', 'end']);
  });

  it('prices a mixed fleet by vehicle: fixed cost once per vehicle, cost per km on every trip, cost per hour on its whole chain', () => {
    const data = buildHgsData(vanAndTricycle());
    // Demand 12; the tricycle's one trip carries 10, so the van gets ceil((24 - 10) / 10) + 1 = 3 trip slots.
    expect(Array.from(data.vehicleFirstSlot)).toEqual([0, 3, 4]);
    const state = new RouteState(data, data.maxRoutes);
    const penalties = { capacity: 1, timeWarp: 1, distance: 1 };
    // Van, two trips: fixed 100 once + 1 fen/m x (20 + 40) + 1 fen/s x 70 s (trip 1 leaves at 75, back at 100 for trip 2, back at 145).
    state.load([[1], [2]], penalties, [0, 1]);
    expect(state.totalPenalisedCost()).toBe(100 + 60 + 70);
    // Van takes client 2 (100 + 40 + 45), the tricycle client 1 (200 + 0.5 fen/m x 20).
    state.load([[2], [1]], penalties, [0, 3]);
    expect(state.totalPenalisedCost()).toBe(185 + 210);
    // The tricycle does not reload: both clients on it are one trip, 2 over its capacity of 10.
    state.load([[1, 2]], penalties, [3]);
    expect(state.totalPenalisedCost()).toBe(200 + 20 + 2);
    // The search finds the van's two trips and leaves the tricycle at the depot.
    const solution = solve(vanAndTricycle(), { seed: 3, maxIterations: 40 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(230);
    expect(solution.routes.map((route) => [route.vehicleId, route.steps.map((step) => step.type).join(' ')])).toEqual([['van', 'start job reload job end']]);
  });

  // From the TypeScript sources solveAsync has no worker file and searches on this thread: this
  // checks the search itself and the solveAsync entry; worker threads run the same search per seed.
  it.each([
    { fleet: 'one type, every vehicle reloading', mixed: false },
    { fleet: 'three types, the middle one not reloading', mixed: true },
  ])('gives the same solution for the same seed and iteration limit, through solve and solveAsync (optional jobs among them; $fleet)', async ({ mixed }) => {
    const random = new Random(5);
    const base = withOptionalClients(random, withReleaseTimes(random, (mixed ? randomMixedFleetProblem : randomProblem)(random, 12, true)));
    const problem = mixed ? withSomeReloads(base) : withReloads(base);
    const one = solve(problem, { seed: 9, maxIterations: 20 });
    const again = solve(problem, { seed: 9, maxIterations: 20 });
    const two = await solveAsync(problem, { seed: 9, maxIterations: 20, threads: 2 });
    const twoAgain = await solveAsync(problem, { seed: 9, maxIterations: 20, threads: 2 });
    expect(again.routes).toEqual(one.routes);
    expect(twoAgain.routes).toEqual(two.routes);
    expect([again.unassigned, twoAgain.unassigned]).toEqual([one.unassigned, two.unassigned]);
    expect(one.routes.some((route) => route.steps.some((step) => step.type === 'reload'))).toBe(true);
    expect(one.unassigned.length).toBeGreaterThan(0);
  });
});
