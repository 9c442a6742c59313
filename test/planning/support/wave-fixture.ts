import type { VehicleClass } from '@rural-dispatch/routing';
import type { NodeMatrix, WaveInput, WaveNode, WaveShipment, WaveVehicle } from '../../../src/planning/planner/wave-model';

/**
 * A hand-checkable county on a km grid: hub H at the origin, station S1 (with a tricycle) 10 km
 * east, station S2 (no vehicle) 10 km north, three villages 2-3 km around each station.
 */
export const GRID_KM: Record<string, [number, number]> = {
  H: [0, 0],
  S1: [10, 0],
  S2: [0, 10],
  V11: [12, 0],
  V12: [10, 2],
  V13: [13, 1],
  V21: [2, 10],
  V22: [0, 12],
  V23: [-2, 11],
};

const SPEED_KMH: Record<VehicleClass, number> = { truck: 40, van: 40, tricycle: 20, motorcycle: 30 };

export function node(id: string, tier: WaveNode['tier'], parentId: string | null, extra: Partial<WaveNode> = {}): WaveNode {
  return { id, code: id, name: id, tier, parentId, serviceTimeS: 300, openingHours: null, ...extra };
}

export function fixtureNodes(): WaveNode[] {
  return [
    node('H', 'county_hub', null),
    node('S1', 'township_station', 'H'),
    node('S2', 'township_station', 'H'),
    ...['V11', 'V12', 'V13'].map((id) => node(id, 'village_point', 'S1')),
    ...['V21', 'V22', 'V23'].map((id) => node(id, 'village_point', 'S2')),
  ];
}

export function vehicle(id: string, vehicleClass: VehicleClass, homeNodeId: string, extra: Partial<WaveVehicle> = {}): WaveVehicle {
  const capacity = vehicleClass === 'tricycle' ? { weightG: 300_000, volumeCm3: 1_500_000, parcels: 60 } : { weightG: 1_000_000, volumeCm3: 6_000_000, parcels: 300 };
  return {
    id,
    code: id,
    vehicleClass,
    homeNodeId,
    capacity,
    fixedCostFen: vehicleClass === 'tricycle' ? 2_000 : 10_000,
    costPerKmFen: vehicleClass === 'tricycle' ? 30 : 120,
    costPerHourFen: 3_000,
    shiftStartS: 8 * 3600,
    shiftEndS: 18 * 3600,
    maxDurationS: null,
    ...extra,
  };
}

export function shipment(id: string, villageNodeId: string, extra: Partial<WaveShipment> = {}): WaveShipment {
  return { id, direction: 'delivery', villageNodeId, weightG: 2_000, volumeCm3: 8_000, parcelCount: 1, ...extra };
}

export function fixtureInput(overrides: Partial<WaveInput> = {}): WaveInput {
  const villages = ['V11', 'V12', 'V13', 'V21', 'V22', 'V23'];
  return {
    serviceDate: '2026-11-30',
    hubNodeId: 'H',
    nodes: fixtureNodes(),
    vehicles: [vehicle('van-1', 'van', 'H'), vehicle('tri-1', 'tricycle', 'S1')],
    shipments: [
      ...villages.flatMap((village, i) => [shipment(`d-${village}-a`, village), shipment(`d-${village}-b`, village, { parcelCount: 2, weightG: 5_000 + i })]),
      shipment('p-V12', 'V12', { direction: 'pickup', weightG: 20_000, parcelCount: 2 }),
      shipment('p-V22', 'V22', { direction: 'pickup', weightG: 15_000, parcelCount: 1 }),
    ],
    seed: 7,
    // Generous: every run ends on its iteration budget, so results never depend on machine load.
    timeLimitMs: 600_000,
    ...overrides,
  };
}

/** Euclidean distance on the grid times 1.3, at a per-class speed; `blocked` nodes have no road at all. */
export function gridMatrices(blocked: string[] = []) {
  return async (nodeIds: string[], vehicleClass: VehicleClass): Promise<NodeMatrix> => {
    const size = nodeIds.length;
    const distanceM = new Int32Array(size * size);
    const durationS = new Int32Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        if (i === j) continue;
        const [xa, ya] = GRID_KM[nodeIds[i]!]!;
        const [xb, yb] = GRID_KM[nodeIds[j]!]!;
        const metres = Math.round(Math.hypot(xa - xb, ya - yb) * 1300);
        const noRoad = blocked.includes(nodeIds[i]!) || blocked.includes(nodeIds[j]!);
        distanceM[i * size + j] = noRoad ? -1 : metres;
        durationS[i * size + j] = noRoad ? -1 : Math.round((metres / 1000 / SPEED_KMH[vehicleClass]) * 3600);
      }
    }
    return { nodeIds, distanceM, durationS };
  };
}
