import { INestApplicationContext } from '@nestjs/common';
import { VehiclesService } from '../../../src/fleet/vehicles.service';
import { Vehicle } from '../../../src/fleet/vehicle.entity';
import { PlatformsService } from '../../../src/integrations/platforms.service';
import { NetworkNode } from '../../../src/network/network-node.entity';
import { NetworkNodesService } from '../../../src/network/network-nodes.service';
import { ShipmentIntakeService } from '../../../src/shipments/shipment-intake.service';
import { ShipmentScansService } from '../../../src/shipments/shipment-scans.service';
import { ShipmentInputDto } from '../../../src/shipments/dto/shipment-input.dto';
import { CreateNetworkNodeDto } from '../../../src/network/dto/create-network-node.dto';

export interface PlanningCounty {
  hub: NetworkNode;
  /** T1 has a tricycle of its own; T2 has none, so its villages are served from the hub. */
  stations: { T1: NetworkNode; T2: NetworkNode };
  villages: NetworkNode[];
  van: Vehicle;
  tricycle: Vehicle;
}

/**
 * A small mountain county with no roads (the great-circle fallback): a hub, two township stations
 * ~8 km out, three villages around each, a van at the hub and a tricycle at T1.
 */
export async function createPlanningCounty(app: INestApplicationContext, countyId: string, countyCode: string): Promise<PlanningCounty> {
  const nodes = app.get(NetworkNodesService);
  const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
  const hub = await nodes.create(countyId, { tier: 'county_hub', code: 'HUB', name: '县物流中心', location: point(105.3, 34.0) });
  const T1 = await nodes.create(countyId, { tier: 'township_station', code: 'T1', parentId: hub.id, name: '东镇', location: point(105.38, 34.0) });
  const T2 = await nodes.create(countyId, { tier: 'township_station', code: 'T2', parentId: hub.id, name: '北镇', location: point(105.3, 34.07) });
  const villages: NetworkNode[] = [];
  const around: Array<[NetworkNode, number, number]> = [
    [T1, 0.02, 0.01],
    [T1, 0.01, -0.02],
    [T1, 0.03, -0.01],
    [T2, 0.02, 0.02],
    [T2, -0.02, 0.01],
    [T2, 0, 0.03],
  ];
  for (const [index, [station, dLon, dLat]] of around.entries()) {
    const [lon, lat] = station.location.coordinates as [number, number];
    const adminCode = `${countyCode}${station.code === 'T1' ? '100' : '200'}${String(201 + index)}`;
    villages.push(
      await createVillage(app, countyId, station, adminCode, index + 1, [lon + dLon, lat + dLat], {
        openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '19:00' }],
      }),
    );
  }
  const vehicles = app.get(VehiclesService);
  const van = await vehicles.create(countyId, {
    code: 'VAN-1',
    vehicleClass: 'van',
    homeNodeId: hub.id,
    capacityWeightG: 800_000,
    capacityVolumeCm3: 6_000_000,
    capacityParcels: 200,
    fixedCostFen: 8_000,
    costPerKmFen: 90,
    costPerHourFen: 2_500,
    shiftStart: '07:00',
    shiftEnd: '19:00',
  });
  const tricycle = await vehicles.create(countyId, {
    code: 'TRI-1',
    vehicleClass: 'tricycle',
    homeNodeId: T1.id,
    capacityWeightG: 300_000,
    capacityVolumeCm3: 1_500_000,
    capacityParcels: 60,
    fixedCostFen: 2_000,
    costPerKmFen: 25,
    costPerHourFen: 1_800,
    shiftStart: '07:00',
    shiftEnd: '19:00',
  });
  return { hub, stations: { T1, T2 }, villages, van, tricycle };
}

/** A village point under `station`, coded by its admin code and named 村<number>. */
export function createVillage(
  app: INestApplicationContext,
  countyId: string,
  station: NetworkNode,
  adminCode: string,
  number: number,
  [lon, lat]: [number, number],
  extra: Pick<CreateNetworkNodeDto, 'openingHours'> = {},
): Promise<NetworkNode> {
  return app.get(NetworkNodesService).create(countyId, {
    tier: 'village_point',
    code: adminCode,
    adminCode,
    parentId: station.id,
    name: `村${number}`,
    location: { type: 'Point', coordinates: [lon, lat] },
    ...extra,
  });
}

let sequence = 0;

/**
 * Platform intake then hub scan-in: the shipments reach `at_hub` by the same path as in production.
 * They are express unless an item says otherwise: an express parcel is never deferred, so a test of
 * routing sees every shipment routed on the day it plans (consolidation.e2e.spec.ts tests deferral).
 */
export async function receiveAtHub(
  app: INestApplicationContext,
  countyId: string,
  items: Array<{ villageCode: string; parcelWeightsG: number[]; serviceLevel?: string; promisedBy?: string; direction?: 'inbound' | 'outbound_pickup' }>,
  options: { scan?: boolean; platformName?: string } = {},
): Promise<string[]> {
  const { platform } = await app.get(PlatformsService).ensure(countyId, options.platformName ?? 'planning-test-platform');
  const inputs = items.map((item) => {
    sequence += 1;
    const id = `PLN${Date.now().toString(36)}${sequence}`;
    return {
      id,
      direction: item.direction ?? 'inbound',
      serviceLevel: item.serviceLevel ?? 'express',
      ...(item.promisedBy ? { promisedBy: item.promisedBy } : {}),
      contact: { name: '李四', phone: '13900139000' },
      destination: { villageCode: item.villageCode },
      parcels: item.parcelWeightsG.map((weightG, index) => ({ barcode: `${id}-${index + 1}`, weightG, dimensions: { length: 30, width: 20, height: 20, unit: 'cm' } })),
    } as unknown as ShipmentInputDto;
  });
  const intake = await app.get(ShipmentIntakeService).create({ countyId, platformId: platform.id }, inputs);
  if (options.scan !== false) {
    const barcodes = inputs.flatMap((input) => input.parcels.map((parcel) => parcel.barcode));
    await app.get(ShipmentScansService).scanIn(countyId, barcodes);
  }
  return intake.results.map((result) => result.shipmentId);
}
