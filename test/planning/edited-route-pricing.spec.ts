import { EditPricingContext, priceEditedRoutes, VehicleDayRoute } from '../../src/planning/edited-route-pricing';
import { NodeMatrix, WaveNode, WaveVehicle } from '../../src/planning/planner/wave-model';
import { PlanRoute } from '../../src/planning/plan-route.entity';
import { PlanStop } from '../../src/planning/plan-stop.entity';

/**
 * The rules around a hand-edited route, on a county along one road with no database: nodes sit at a
 * position in metres and vehicles drive 10 m/s, so every time can be worked out by hand. Times are
 * seconds after local midnight; "instants" here are those seconds as milliseconds since the epoch.
 */
const POSITION_M: Record<string, number> = { HUB: 0, S: 1_000, A: 2_000, B: 3_000, C: 4_000, V: 1_500 };
const node = (id: string, tier: WaveNode['tier'], serviceTimeS: number): WaveNode => ({ id, code: id, name: id, tier, parentId: null, serviceTimeS, openingHours: null });
const NODES = new Map<string, WaveNode>([
  ['HUB', node('HUB', 'county_hub', 600)],
  ['S', node('S', 'township_station', 300)],
  ...['A', 'B', 'C', 'V'].map((id): [string, WaveNode] => [id, node(id, 'village_point', 300)]),
]);
const vehicle = (id: string, homeNodeId: string): WaveVehicle => ({
  id,
  code: id,
  vehicleClass: 'van',
  homeNodeId,
  capacity: { weightG: 1_000_000, volumeCm3: 10_000_000, parcels: 100 },
  fixedCostFen: 5_000,
  costPerKmFen: 100,
  costPerHourFen: 3_600,
  shiftStartS: 7 * 3600,
  shiftEndS: 19 * 3600,
  maxDurationS: null,
});
const at = (seconds: number) => new Date(seconds * 1000);

function stop(id: string, nodeId: string, times: [number, number], parcels = 1): PlanStop {
  return {
    id,
    nodeId,
    kind: nodeId === 'S' ? 'station_transfer' : 'village',
    arrivalAt: at(times[0]),
    departureAt: at(times[1]),
    parcelsDelivered: parcels,
    parcelsPickedUp: 0,
    weightDeliveredG: 1_000 * parcels,
    weightPickedUpG: 0,
    volumeDeliveredCm3: 1_000 * parcels,
    volumePickedUpCm3: 0,
    shipmentIds: [],
  } as unknown as PlanStop;
}

function route(id: string, vehicleId: string, startNodeId: string, times: [number, number], stops: PlanStop[], costFen = 10_000): PlanRoute {
  return {
    id,
    vehicleId,
    startNodeId,
    departureAt: at(times[0]),
    returnAt: at(times[1]),
    durationS: times[1] - times[0],
    costFen,
    stops,
    status: 'planned',
    locked: false,
  } as unknown as PlanRoute;
}

function context(planRoutes: PlanRoute[], vehicles: WaveVehicle[]): EditPricingContext {
  const vehicleDay: VehicleDayRoute[] = planRoutes.map((candidate) => ({
    id: candidate.id,
    planId: 'plan',
    vehicleId: candidate.vehicleId,
    departureS: candidate.departureAt.getTime() / 1000,
    returnS: candidate.returnAt.getTime() / 1000,
    durationS: candidate.durationS,
  }));
  return {
    planId: 'plan',
    serviceDate: '2026-12-01',
    nodesById: NODES,
    vehiclesById: new Map(vehicles.map((candidate) => [candidate.id, candidate])),
    vehicleDay,
    planRoutes,
    secondsOf: (instant) => instant.getTime() / 1000,
    matrices: async (nodeIds): Promise<NodeMatrix> => {
      const distanceM = Int32Array.from(nodeIds.flatMap((from) => nodeIds.map((to) => Math.abs(POSITION_M[from]! - POSITION_M[to]!))));
      return { nodeIds, distanceM, durationS: distanceM.map((metres) => metres / 10) };
    },
  };
}

const T0 = 7 * 3600;

describe("priceEditedRoutes: the planner's rules around a hand-edited route", () => {
  // The trunk drops at S (arrives T0+100, leaves T0+400), then serves A; S's tricycle leaves at T0+400.
  const trunk = route('trunk', 'van', 'HUB', [T0, T0 + 1_000], [stop('s1', 'S', [T0 + 100, T0 + 400], 5), stop('a1', 'A', [T0 + 500, T0 + 800])]);
  const lastMile = route('last-mile', 'tricycle', 'S', [T0 + 400, T0 + 1_100], [stop('v1', 'V', [T0 + 450, T0 + 750])]);

  it('re-times the edited route as the planner would (leaving as late as the first stop allows) with its fixed cost', async () => {
    const priced = await priceEditedRoutes(new Map([['trunk', [...trunk.stops!].reverse()]]), context([trunk, lastMile], [vehicle('van', 'HUB'), vehicle('tricycle', 'S')]));
    // HUB → A 200 s, 300 s there, A → S 100 s, 300 s there, S → HUB 100 s: 1,000 s and 4 km.
    expect(priced.priced.get('trunk')).toEqual({
      routeId: 'trunk',
      distanceM: 4_000,
      durationS: 1_000,
      costFen: 5_000 + 400 + 1_000,
      departureS: T0,
      returnS: T0 + 1_000,
      stopTimes: [
        { arrivalS: T0 + 200, departureS: T0 + 500 },
        { arrivalS: T0 + 600, departureS: T0 + 900 },
      ],
    });
    // The drop at S now ends at T0+900: the tricycle that leaves at T0+400 would go without its parcels.
    expect(priced.violations).toEqual([{ rule: 'trunk_sync', routeId: 'last-mile', stationNodeId: 'S', departureS: T0 + 400, unloadedS: T0 + 900 }]);
  });

  it("narrows the shift to the vehicle's next route of the day, and names that route when the edit runs into it", async () => {
    const first = route('first', 'van', 'HUB', [T0, T0 + 600], [stop('a1', 'A', [T0 + 200, T0 + 500])]);
    // The van's second trip leaves at T0+1,800: the first must be back by T0+1,200 (the hub's 600 s of loading).
    const second = route('second', 'van', 'HUB', [T0 + 1_800, T0 + 2_700], [stop('b1', 'B', [T0 + 2_100, T0 + 2_400]), stop('c1', 'C', [T0 + 2_500, T0 + 2_800])]);
    const moveB = new Map([
      ['second', [second.stops![1]!]],
      ['first', [first.stops![0]!, second.stops![0]!]],
    ]);
    const priced = await priceEditedRoutes(moveB, context([first, second], [vehicle('van', 'HUB')]));
    // HUB → A → B → HUB: 200 + 300 + 100 + 300 + 300 = back at T0+1,200, exactly in time.
    expect(priced.priced.get('first')!.returnS).toBe(T0 + 1_200);
    expect(priced.violations).toEqual([]);
    const tighter = route('second', 'van', 'HUB', [T0 + 1_700, T0 + 2_700], second.stops!);
    const late = await priceEditedRoutes(moveB, context([first, tighter], [vehicle('van', 'HUB')]));
    expect(late.violations).toEqual([{ rule: 'shift', routeId: 'first', limit: 'shift_end', returnS: T0 + 1_200, latestReturnS: T0 + 1_100, nextRouteId: 'second' }]);
  });

  it("hands a removed first route's fixed cost to the vehicle's next route, and charges it to a re-priced route that becomes the first", async () => {
    const first = route('first', 'van', 'HUB', [T0, T0 + 600], [stop('a1', 'A', [T0 + 200, T0 + 500])], 5_000 + 200 + 600);
    const second = route('second', 'van', 'HUB', [T0 + 1_800, T0 + 2_700], [stop('b1', 'B', [T0 + 2_100, T0 + 2_400])], 900);
    const other = route('other', 'van-2', 'HUB', [T0, T0 + 1_000], [stop('c1', 'C', [T0 + 400, T0 + 700])]);
    const vehicles = [vehicle('van', 'HUB'), vehicle('van-2', 'HUB')];
    const toOther = await priceEditedRoutes(
      new Map([
        ['first', []],
        ['other', [first.stops![0]!, other.stops![0]!]],
      ]),
      context([first, second, other], vehicles),
    );
    expect(toOther.costOnly).toEqual(new Map([['second', 900 + 5_000]]));
    const toSecond = await priceEditedRoutes(
      new Map([
        ['first', []],
        ['second', [first.stops![0]!, second.stops![0]!]],
      ]),
      context([first, second, other], vehicles),
    );
    expect(toSecond.costOnly).toEqual(new Map());
    // HUB → A → B → HUB: 6 km, 200 + 300 + 100 + 300 + 300 s; the fixed cost now rides on this route.
    expect(toSecond.priced.get('second')!.costFen).toBe(5_000 + 600 + 1_200);
  });
});
