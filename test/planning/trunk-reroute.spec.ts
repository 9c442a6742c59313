import { solve } from '@rural-dispatch/routing';
import { planWave } from '../../src/planning/planner/wave-planner';
import { keptTrunkTasks } from '../../src/planning/planner/trunk-reroute';
import type { PlannedRoute, SolveFunction, WaveInput, WaveShipment } from '../../src/planning/planner/wave-model';
import { fixtureInput, fixtureNodes, gridMatrices, shipment, vehicle } from './support/wave-fixture';

const solveHere: SolveFunction = async (problem, options) => solve(problem, options);
const plan = (input: WaveInput) => planWave(input, { matrices: gridMatrices(), solve: solveHere });

/**
 * S2 gets a tricycle whose day out costs ¥100 and only optional parcels (¥30 each to defer): the
 * trunk's detour to S2 (about ¥38) is worth their ¥60, the tricycle's round is not. The first trunk
 * therefore carries them and the last mile declines them.
 */
function declinedStationInput(): WaveInput {
  const base = fixtureInput();
  const optional = (id: string): WaveShipment => shipment(id, 'V21', { urgency: 'optional', deferralPenaltyFen: 3_000 });
  return {
    ...base,
    vehicles: [...base.vehicles, vehicle('tri-2', 'tricycle', 'S2', { fixedCostFen: 10_000 })],
    shipments: [...base.shipments.filter((s) => /V1/.test(s.villageNodeId)), optional('o-V21-a'), optional('o-V21-b')],
  };
}

describe('the trunk solved again for what the last mile took', () => {
  it('drops the detour to a station whose last mile declined everything the trunk brought', async () => {
    const result = await plan(declinedStationInput());
    const names = result.statistics.map((run) => run.name);
    expect(names).toContain('last_mile:S2');
    // The premise: the first trunk went to S2, its last mile left the optional parcels for a later day.
    const firstTrunk = result.statistics.find((run) => run.name === 'trunk')!;
    expect(firstTrunk.unassignedJobs).toBe(0);
    expect(result.statistics.find((run) => run.name === 'last_mile:S2')!.routes).toBe(0);
    expect(names).toContain('trunk:reroute');
    expect(result.plannedShipmentIds.filter((id) => id.startsWith('o-'))).toEqual([]);
    const trunk = result.routes.filter((route) => route.echelon === 'trunk');
    expect(trunk).toHaveLength(1);
    expect(trunk[0]!.stops.map((stop) => stop.nodeId)).toEqual(['S1']);
    // H → S1 → H: 2 × 13 km at ¥1.20, 2 × 19.5 min driving and 2 × 5 min at S1 (the drop, the produce) at ¥30/h, the van's ¥100.
    expect(trunk[0]!.costFen).toBe(10_000 + Math.round(2 * 13 * 120 + ((2 * 1170 + 2 * 300) * 3_000) / 3600));
  });

  it('keeps the last mile leaving after the re-routed trunk has unloaded', async () => {
    const result = await plan(declinedStationInput());
    const unloadedAt = result.routes.flatMap((route) => route.stops.filter((stop) => stop.nodeId === 'S1' && stop.kind === 'station_transfer')).map((stop) => stop.departureS);
    for (const route of result.routes.filter((candidate) => candidate.startNodeId === 'S1')) expect(route.departureS).toBeGreaterThanOrEqual(Math.max(...unloadedAt));
  });

  it('does not solve the trunk again when the last mile took everything', async () => {
    const result = await plan(fixtureInput());
    expect(result.statistics.map((run) => run.name)).not.toContain('trunk:reroute');
  });
});

describe('keptTrunkTasks', () => {
  const nodesById = new Map(fixtureNodes().map((node) => [node.id, node]));
  const optional = shipment('o-1', 'V11', { urgency: 'optional', deferralPenaltyFen: 500 });
  const due = shipment('d-1', 'V12', { weightG: 4_000 });
  const pickup = shipment('p-1', 'V13', { direction: 'pickup' });
  const direct = shipment('d-2', 'V21');
  // keptTrunkTasks reads only where a stop is, its kind, its shipments and its arrival.
  const stop = (nodeId: string, kind: 'station_transfer' | 'village', shipmentIds: string[], arrivalS = 9 * 3600) => ({ nodeId, kind, shipmentIds, arrivalS });
  const route = { stops: [stop('S1', 'station_transfer', ['d-1', 'o-1', 'p-1']), stop('V21', 'village', ['d-2'])] } as unknown as PlannedRoute;
  const tasksOf = (keptRoutes: PlannedRoute[]) =>
    keptTrunkTasks({
      keptRoutes,
      shipmentsById: new Map([optional, due, pickup, direct].map((s) => [s.id, s])),
      nodesById,
      unloadedAtS: new Map([['S1', 10 * 3600]]),
      chunk: { weightG: 1_000_000, volumeCm3: 6_000_000, parcels: 300 },
    });
  const tasks = tasksOf([route]);

  it("packs each node's kept shipments per direction again, every one of them must go", () => {
    expect(tasks.map((task) => [task.stopKind, task.nodeId, task.direction, task.shipments.map((s) => s.id)])).toEqual([
      ['station_transfer', 'S1', 'delivery', ['d-1', 'o-1']],
      ['station_transfer', 'S1', 'pickup', ['p-1']],
      ['village', 'V21', 'delivery', ['d-2']],
    ]);
    expect(tasks[0]!.load).toEqual({ weightG: 6_000, volumeCm3: 16_000, parcels: 2 });
    expect(tasks.flatMap((task) => task.shipments).map((s) => s.urgency ?? 'due')).toEqual(['due', 'due', 'due', 'due']);
  });

  it("asks every task at a station to arrive by the first trunk's unloading there less the station's service time", () => {
    expect(tasks.map((task) => task.latestArrivalS)).toEqual([10 * 3600 - 300, 10 * 3600 - 300, undefined]);
  });

  it('lets pickups the kept route collects on a later visit arrive as late as that visit, so the kept routes stay a feasible start', () => {
    const laterVisit = {
      stops: [stop('S1', 'station_transfer', ['d-1', 'o-1']), stop('V21', 'village', ['d-2'], 10 * 3600), stop('S1', 'station_transfer', ['p-1'], 11 * 3600)],
    } as unknown as PlannedRoute;
    expect(tasksOf([laterVisit]).map((task) => [task.direction, task.latestArrivalS])).toEqual([
      ['delivery', 10 * 3600 - 300],
      ['pickup', 11 * 3600],
      ['delivery', undefined],
    ]);
  });
});
