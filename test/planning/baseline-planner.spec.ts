import { solve } from '@rural-dispatch/routing';
import { distinctVehicleTypes, initialCopies, planBaseline } from '../../src/planning/baseline/baseline-planner';
import type { BaselineInput, BaselineShipment } from '../../src/planning/baseline/baseline-model';
import { findRemedies } from '../../src/planning/remedies/open-shipment-remedies';
import { planWave } from '../../src/planning/planner/wave-planner';
import { packTasks } from '../../src/planning/planner/wave-tasks';
import type { SolveFunction } from '../../src/planning/planner/wave-model';
import { fixtureInput, fixtureNodes, gridMatrices, node, shipment, vehicle } from './support/wave-fixture';

const solveHere: SolveFunction = async (problem, options) => solve(problem, options);
const deps = (blocked: string[] = []) => ({ matrices: gridMatrices(blocked), solve: solveHere });
const ofPlatform = (platformId: string, ...shipments: ReturnType<typeof shipment>[]): BaselineShipment[] => shipments.map((s) => ({ ...s, platformId }));

function baselineInput(overrides: Partial<BaselineInput> = {}): BaselineInput {
  return {
    serviceDate: '2026-11-30',
    hubNodeId: 'H',
    nodes: fixtureNodes(),
    hubVehicles: [vehicle('van-1', 'van', 'H'), vehicle('van-2', 'van', 'H'), vehicle('tri-1', 'tricycle', 'S1')].filter((v) => v.homeNodeId === 'H'),
    shipments: [
      ...ofPlatform('platform-a', shipment('a1', 'V11'), shipment('a2', 'V22'), shipment('a3', 'V22', { parcelCount: 3 })),
      ...ofPlatform('platform-b', shipment('b1', 'V11'), shipment('b2', 'V13'), shipment('b3', 'V23', { direction: 'pickup', weightG: 15_000 })),
    ],
    seed: 3,
    timeLimitMs: 600_000,
    ...overrides,
  };
}

describe('planBaseline: each carrier alone from the hub', () => {
  it('gives every carrier its own routes from the hub, straight to each village it has a parcel for, with only its own shipments', async () => {
    const input = baselineInput();
    const baseline = await planBaseline(input, deps());
    expect(baseline.unassigned).toEqual([]);
    for (const platformId of ['platform-a', 'platform-b']) {
      const routes = baseline.routes.filter((route) => route.platformId === platformId);
      const own = input.shipments.filter((s) => s.platformId === platformId);
      expect(routes.length).toBeGreaterThan(0);
      expect(new Set(routes.flatMap((route) => route.stops.map((stop) => stop.nodeId)))).toEqual(new Set(own.map((s) => s.villageNodeId)));
      expect(routes.flatMap((route) => route.stops.flatMap((stop) => stop.shipmentIds)).sort()).toEqual(own.map((s) => s.id).sort());
      for (const route of routes) {
        expect(route.startNodeId).toBe('H');
        expect(route.stops.every((stop) => stop.kind === 'village')).toBe(true);
        // One copy of the hub's single van type: the template is the van with the smallest code.
        expect(route.templateVehicleId).toBe('van-1');
        expect(route.vehicleClass).toBe('van');
      }
    }
    // One run per carrier, the same seed gives the same baseline.
    expect(baseline.statistics.map((run) => run.name)).toEqual(['baseline:platform-a', 'baseline:platform-b']);
    const again = await planBaseline(input, deps());
    expect(again.routes).toEqual(baseline.routes);
    expect(again.statistics.map(({ runtimeMs: _runtimeMs, ...run }) => run)).toEqual(baseline.statistics.map(({ runtimeMs: _runtimeMs, ...run }) => run));
  });

  it('costs more than the consolidated plan of the same parcels when two carriers share villages', async () => {
    const wave = await planWave(fixtureInput(), deps());
    const split = wave.plannedShipmentIds.map((id, index) => ({ ...fixtureInput().shipments.find((s) => s.id === id)!, platformId: `platform-${index % 3}` }));
    const baseline = await planBaseline(baselineInput({ shipments: split, hubVehicles: [vehicle('van-1', 'van', 'H')] }), deps());
    const cost = (routes: Array<{ costFen: number }>) => routes.reduce((total, route) => total + route.costFen, 0);
    expect(baseline.unassigned).toEqual([]);
    expect(cost(baseline.routes)).toBeGreaterThan(cost(wave.routes));
  });

  it('reports what a carrier cannot serve on its own, with the reason, instead of dropping it', async () => {
    const baseline = await planBaseline(baselineInput(), deps(['V23']));
    expect(baseline.unassigned).toEqual([{ shipmentId: 'b3', platformId: 'platform-b', villageNodeId: 'V23', reason: 'unreachable' }]);
  });

  it('offers one vehicle per type and enough copies for the load, never more than one per task', () => {
    const types = distinctVehicleTypes([
      vehicle('van-2', 'van', 'H'),
      vehicle('van-1', 'van', 'H'),
      vehicle('trk', 'truck', 'H', { capacity: { weightG: 2_000_000, volumeCm3: 9_000_000, parcels: 900 } }),
    ]);
    expect(types.map((type) => type.id)).toEqual(['trk', 'van-1']);
    const heavy = packTasks('delivery', 'V11', 'village', [shipment('h', 'V11', { weightG: 2_500_000, parcelCount: 10 })], {
      weightG: 10_000_000,
      volumeCm3: 10_000_000,
      parcels: 1_000,
    });
    expect(initialCopies(heavy, types)).toBe(1);
    const many = ['V11', 'V12', 'V13', 'V21', 'V22', 'V23'].flatMap((village) =>
      packTasks('delivery', village, 'village', [shipment(`s-${village}`, village, { weightG: 300_000 })], { weightG: 1_000_000, volumeCm3: 6_000_000, parcels: 300 }),
    );
    // 1,800 kg twice over in the 1-tonne van: 4 copies of each type.
    expect(initialCopies(many, types)).toBe(4);
  });
});

describe('findRemedies: what would serve shipments left open for lack of vehicles or time', () => {
  it('runs only when something is left open for such a reason', async () => {
    const input = fixtureInput();
    const wave = await planWave(input, deps());
    expect(wave.unassigned).toEqual([]);
    expect(await findRemedies(input, wave, deps(), 600_000)).toBeNull();
  });

  it('re-solves with each change and prices it; an earlier start serves a village that closes before the shift', async () => {
    const early = node('V0', 'village_point', 'S2', { openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '07:40' }] });
    const input = fixtureInput({ nodes: [...fixtureNodes(), early], shipments: [...fixtureInput().shipments, shipment('d-V0', 'V0')] });
    const gridWithV0 = async (nodeIds: string[], vehicleClass: Parameters<ReturnType<typeof gridMatrices>>[1]) => {
      // V0 sits 2 km from the hub: reachable by 07:40 only when the van leaves before 08:00.
      const renamed = nodeIds.map((id) => (id === 'V0' ? 'S2' : id));
      const matrix = await gridMatrices()(renamed, vehicleClass);
      const at = nodeIds.indexOf('V0');
      if (at >= 0) {
        const hub = nodeIds.indexOf('H');
        matrix.durationS[at * nodeIds.length + hub] = matrix.durationS[hub * nodeIds.length + at] = 300;
        matrix.distanceM[at * nodeIds.length + hub] = matrix.distanceM[hub * nodeIds.length + at] = 2_000;
      }
      return { ...matrix, nodeIds };
    };
    const wave = await planWave(input, { matrices: gridWithV0, solve: solveHere });
    expect(wave.unassigned).toEqual([expect.objectContaining({ shipmentId: 'd-V0', reason: 'time_window' })]);
    const remedies = await findRemedies(input, wave, { matrices: gridWithV0, solve: solveHere }, 600_000);
    const byChange = Object.fromEntries((remedies ?? []).map((remedy) => [remedy.change, remedy]));
    expect(byChange.earlier_trunk_start).toMatchObject({ openShipments: 1, servedShipments: 1, servedParcels: 1 });
    expect(byChange.extra_hub_van).toMatchObject({ openShipments: 1, servedShipments: 0 });
    expect(byChange.second_trunk_trip).toMatchObject({ openShipments: 1, servedShipments: 0, extraCostFen: 0 });
  });
});
