import type { VehicleClass } from '@rural-dispatch/routing';
import type { DemoDriver, DemoVehicle } from './demo-county.types';

/**
 * Vehicle classes as run by county delivery centres in rural China (2025 estimates, see
 * docs/demo-county.md): capacity from typical models, cost per km from fuel or power plus wear,
 * cost per hour from a rural driver's wage, fixed cost per day out from depreciation and insurance.
 */
type VehicleSpec = Omit<DemoVehicle, 'code' | 'homeNodeCode'>;

export const VEHICLE_SPECS: Record<VehicleClass, VehicleSpec> = {
  // 4.2 m light box truck, diesel, 2 t payload: hub trunk runs to the township stations.
  truck: {
    vehicleClass: 'truck',
    capacityWeightG: 2_000_000,
    capacityVolumeCm3: 16_000_000,
    capacityParcels: 900,
    fixedCostFen: 8_000,
    costPerKmFen: 130,
    costPerHourFen: 2_500,
    shiftStart: '06:00',
    shiftEnd: '17:00',
    maxDurationS: 36_000,
  },
  // Mini van (微面), petrol, 800 kg payload, about 4.3 m³ of cargo space.
  van: {
    vehicleClass: 'van',
    capacityWeightG: 800_000,
    capacityVolumeCm3: 4_300_000,
    capacityParcels: 350,
    fixedCostFen: 4_500,
    costPerKmFen: 75,
    costPerHourFen: 2_200,
    shiftStart: '06:00',
    shiftEnd: '17:00',
    maxDurationS: 36_000,
  },
  // Electric express tricycle with a closed box: last mile from a township station.
  tricycle: {
    vehicleClass: 'tricycle',
    capacityWeightG: 300_000,
    capacityVolumeCm3: 1_800_000,
    capacityParcels: 150,
    fixedCostFen: 1_000,
    costPerKmFen: 10,
    costPerHourFen: 1_800,
    shiftStart: '08:30',
    shiftEnd: '18:00',
    maxDurationS: 28_800,
  },
  // 125 cc motorcycle with a top box: steep tracks to the farthest villages.
  motorcycle: {
    vehicleClass: 'motorcycle',
    capacityWeightG: 100_000,
    capacityVolumeCm3: 200_000,
    capacityParcels: 30,
    fixedCostFen: 600,
    costPerKmFen: 28,
    costPerHourFen: 1_800,
    shiftStart: '08:30',
    shiftEnd: '18:00',
    maxDurationS: 28_800,
  },
};

/**
 * Sized so that an ordinary day (about 3,000 inbound parcels, `npm run bench plan-wave -- --parcels 3000`)
 * serves every parcel that is due: the trunk supplies every station on its first trip, and each
 * station has a tricycle per dozen villages (a courier covers a dozen mountain villages a day).
 */
export const FLEET_RULE = {
  hubTrucks: 2,
  hubVans: 7,
  /** One tricycle per this many villages of the township (rounded up). */
  villagesPerTricycle: 10,
  /** A township with at least this many villages gets a motorcycle besides its tricycles. */
  motorcycleMinVillages: 20,
} as const;

export interface FleetStation {
  /** The station's node code (12 digits). */
  code: string;
  villageCount: number;
}

/** The demo fleet: trunk vehicles at the hub, last-mile vehicles at each township station, one driver each. */
export function buildDemoFleet(hubCode: string, stations: readonly FleetStation[]): { vehicles: DemoVehicle[]; drivers: DemoDriver[] } {
  const vehicles: DemoVehicle[] = [];
  const add = (vehicleClass: VehicleClass, code: string, homeNodeCode: string): void => {
    vehicles.push({ ...VEHICLE_SPECS[vehicleClass], code, homeNodeCode });
  };
  for (let i = 1; i <= FLEET_RULE.hubTrucks; i++) add('truck', `XH-TRK-${pad(i, 2)}`, hubCode);
  for (let i = 1; i <= FLEET_RULE.hubVans; i++) add('van', `XH-VAN-${pad(i, 2)}`, hubCode);
  for (const station of stations) {
    const township = station.code.slice(0, 9);
    const tricycles = Math.max(1, Math.ceil(station.villageCount / FLEET_RULE.villagesPerTricycle));
    // The first keeps its old code, so a demo database seeded before keeps its vehicles.
    for (let i = 1; i <= tricycles; i++) add('tricycle', i === 1 ? `XH-TRI-${township}` : `XH-TRI-${township}-${i}`, station.code);
    if (station.villageCount >= FLEET_RULE.motorcycleMinVillages) add('motorcycle', `XH-MOT-${township}`, station.code);
  }
  const drivers = vehicles.map((vehicle, index) => ({
    name: fakeDriverName(index),
    phone: `1380000${pad(index + 1, 4)}`,
    homeNodeCode: vehicle.homeNodeCode,
    vehicleCode: vehicle.code,
  }));
  return { vehicles, drivers };
}

// Common surnames and given names; combined by index so every demo driver's name differs.
const SURNAMES = ['王', '李', '张', '刘', '杨', '赵', '陈', '马', '何', '郭', '董', '冯'];
const GIVEN_NAMES = ['建军', '国强', '志刚', '海燕', '小红', '永平', '文华', '红梅', '天明', '振华', '丽娟', '德胜', '春生', '秀兰'];

function fakeDriverName(index: number): string {
  if (index >= SURNAMES.length * GIVEN_NAMES.length) throw new Error('Too many demo drivers for distinct names');
  return SURNAMES[index % SURNAMES.length] + GIVEN_NAMES[(index + Math.floor(index / SURNAMES.length)) % GIVEN_NAMES.length];
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
