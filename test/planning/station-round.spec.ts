import { Problem, Route, solve } from '@rural-dispatch/routing';
import { stationDropDeadlines } from '../../src/planning/planner/station-deadlines';
import { earliestUnloadS, latestDepartureS, solveStationRound } from '../../src/planning/planner/station-round';
import { solveDepot } from '../../src/planning/planner/depot-solve';
import { directionTasks } from '../../src/planning/planner/wave-planner';
import type { SolveFunction } from '../../src/planning/planner/wave-model';
import { fixtureNodes, gridMatrices, shipment, vehicle } from './support/wave-fixture';

const solveHere: SolveFunction = async (problem, options) => solve(problem, options);

describe('latestDepartureS', () => {
  // Depot 0, a at 1 (open 09:00-10:00), b at 2 (until 11:00), 600 s each leg, 300 s service; shift 08:00-18:00.
  const problem: Problem = {
    profiles: { van: { size: 3, distanceM: new Int32Array(9).fill(1000), durationS: Int32Array.from([0, 600, 600, 600, 0, 600, 600, 600, 0]) } },
    vehicles: [
      { id: 'v', startLocation: 0, endLocation: 0, capacity: [10], fixedCostFen: 0, costPerKmFen: 0, costPerHourFen: 0, profile: 'van', shift: { startS: 28_800, endS: 64_800 } },
    ],
    jobs: [
      { id: 'a', kind: 'delivery', location: 1, serviceS: 300, timeWindows: [{ startS: 32_400, endS: 36_000 }], amount: [1] },
      { id: 'b', kind: 'delivery', location: 2, serviceS: 300, timeWindows: [{ startS: 0, endS: 39_600 }], amount: [1] },
    ],
    shipments: [],
    objective: 'cost',
  };
  const step = (type: Route['steps'][number]['type'], id: string | undefined, arrivalS: number, serviceStartS: number, departureS: number) => ({
    type,
    ...(id ? { id } : {}),
    location: 0,
    arrivalS,
    serviceStartS,
    departureS,
    load: [0],
  });

  /** Leaves at `departureS`, reaches a at `arrivalAtAS` and starts it at 09:00, then b and back as in the comment below. */
  const routeLeaving = (departureS: number, arrivalAtAS: number): Route => ({
    vehicleId: 'v',
    steps: [
      step('start', undefined, departureS, departureS, departureS),
      step('job', 'a', arrivalAtAS, 32_400, 32_700),
      step('job', 'b', 33_300, 33_300, 33_600),
      step('end', undefined, 34_200, 34_200, 34_200),
    ],
    distanceM: 3000,
    durationS: 34_200 - departureS,
    costFen: 0,
  });

  it("is the departure plus the tightest stop's slack: a's window closes 3,600 s after its service starts", () => {
    // Leaves 08:50, a at 09:00 (no wait), b at 09:15, back 09:30: a binds (b has 6,300 s, the shift 30,600 s), so 09:50.
    expect(latestDepartureS(routeLeaving(31_800, 32_400), problem)).toBe(35_400);
  });

  it('counts waiting as slack: leaving at 08:00 and waiting 3,000 s at a gives the same 09:50', () => {
    expect(latestDepartureS(routeLeaving(28_800, 29_400), problem)).toBe(35_400);
  });
});

describe("a station's must-go round", () => {
  const nodes = fixtureNodes();
  // S1's three villages close at 10:00; its one tricycle serves them all in one round.
  const closingEarly = nodes.map((node) => (node.parentId === 'S1' ? { ...node, openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '10:00' }] } : node));
  const byId = new Map(closingEarly.map((node) => [node.id, node]));
  const tricycle = vehicle('tri-1', 'tricycle', 'S1');
  const tasks = ['V11', 'V12', 'V13'].flatMap((village) => directionTasks(village, 'village', [shipment(`d-${village}`, village)], tricycle.capacity));
  const serviceDate = '2026-12-01';

  it('is due earlier than any one village alone, and a round leaving then still serves every village', async () => {
    const deps = { matrices: gridMatrices(), solve: solveHere };
    const round = await solveStationRound({ station: byId.get('S1')!, tasks, vehicles: [tricycle], serviceDate, nodesById: byId, seed: 1, timeLimitMs: 60_000 }, deps);
    const perVillage = await stationDropDeadlines(
      byId.get('S1')!,
      ['V11', 'V12', 'V13'].map((id) => byId.get(id)!),
      [tricycle],
      serviceDate,
      gridMatrices(),
    );
    expect(round.latestUnloadedS).toBeDefined();
    expect(round.latestUnloadedS!).toBeLessThan(Math.min(...perVillage.values()));
    const leavingThen = await solveDepot(
      { name: 'last mile', serviceDate, depotNodeId: 'S1', vehicles: [tricycle], tasks, nodesById: byId, earliestStartS: round.latestUnloadedS },
      deps,
      { seed: 1, timeLimitMs: 60_000 },
    );
    expect(leavingThen.solution!.unassigned).toEqual([]);
    // Leaving at the earliest per-village deadline, the tricycle no longer serves them all: what used to strand must-go parcels.
    const atVillageDeadline = await solveDepot(
      { name: 'last mile', serviceDate, depotNodeId: 'S1', vehicles: [tricycle], tasks, nodesById: byId, earliestStartS: Math.min(...perVillage.values()) },
      deps,
      { seed: 1, timeLimitMs: 60_000 },
    );
    expect(atVillageDeadline.solution!.unassigned.length).toBeGreaterThan(0);
  });

  it('sets no deadline when nothing must go', async () => {
    const round = await solveStationRound(
      { station: byId.get('S1')!, tasks: [], vehicles: [tricycle], serviceDate, nodesById: byId, seed: 1, timeLimitMs: 1_000 },
      { matrices: gridMatrices(), solve: solveHere },
    );
    expect(round.latestUnloadedS).toBeUndefined();
  });

  it('is never earlier than a hub vehicle can have unloaded there', async () => {
    // H → S1 is 13 km at 40 km/h (1,170 s) from the van's 08:00 start, then S1's 300 s of unloading.
    expect(await earliestUnloadS('H', byId.get('S1')!, [vehicle('van-1', 'van', 'H')], gridMatrices())).toBe(8 * 3600 + 1170 + 300);
  });
});
