import { cpus, loadavg } from 'node:os';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { buildDemoCounty } from '../../src/demo/county/build-demo-county';
import { seedDemoCounty } from '../../src/demo/seed-demo-county';
import { AppConfig } from '../../src/infra/config/app-config';
import { runMigrations } from '../../src/infra/database/migrate';
import type { DemoCounty, DemoNodeFeature } from '../../src/demo/county/demo-county.types';
import { DemoVillage, generateDemoShipments } from '../../src/demo/demo-shipment-generator';
import { DEMO_PLATFORM_NAMES } from '../../src/demo/push-demo-shipments';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { ShipmentInputDto } from '../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../src/shipments/shipment-intake.service';
import { ShipmentScansService } from '../../src/shipments/shipment-scans.service';

/** A built county's villages, as the demo's day generator wants them. */
export function villagesOf(county: DemoCounty): DemoVillage[] {
  const nodes = county.network.features.filter((feature): feature is DemoNodeFeature => feature.properties.kind === 'node');
  const townshipNames = new Map(nodes.map((node) => [node.properties.code, node.properties.name]));
  return nodes
    .filter((node) => node.properties.tier === 'village_point')
    .map((node) => ({
      adminCode: node.properties.adminCode ?? null,
      name: node.properties.name,
      townshipName: townshipNames.get(node.properties.parent ?? '') ?? null,
      lon: node.geometry.coordinates[0]!,
      lat: node.geometry.coordinates[1]!,
    }));
}

/** A standard inbound shipment of one 1 kg parcel to `villageCode`: the constant load the soak and the memory probe push. */
export function oneParcelShipment(id: string, villageCode: string) {
  return {
    id,
    direction: 'inbound',
    serviceLevel: 'standard',
    contact: { name: '王', phone: '13800138000' },
    destination: { villageCode },
    parcels: [{ barcode: `${id}-1`, weightG: 1_000, dimensions: { length: 30, width: 20, height: 10, unit: 'cm' } }],
  };
}

/**
 * A county's day through the intake service (in process: the benches measure planning, not the
 * intake), from the demo's five platforms in turn, then its inbound parcels scanned in at the hub.
 */
export async function pushDay(
  app: INestApplicationContext,
  countyId: string,
  villages: DemoVillage[],
  day: { date: string; shipments: number; seed: number },
): Promise<{ shipments: number; parcels: number }> {
  const shipments = generateDemoShipments(villages, { date: day.date, count: day.shipments, seed: day.seed }) as unknown as Array<
    ShipmentInputDto & { direction: string; parcels: Array<{ barcode: string }> }
  >;
  const platforms = [];
  for (const name of DEMO_PLATFORM_NAMES) platforms.push((await app.get(PlatformsService).ensure(countyId, name)).platform);
  const intake = app.get(ShipmentIntakeService);
  for (const [position, platform] of platforms.entries()) {
    const own = shipments.filter((_shipment, index) => index % platforms.length === position);
    for (let start = 0; start < own.length; start += 200) await intake.create({ countyId, platformId: platform.id }, own.slice(start, start + 200));
  }
  const barcodes = shipments.filter((shipment) => shipment.direction === 'inbound').flatMap((shipment) => shipment.parcels.map((parcel) => parcel.barcode));
  for (let start = 0; start < barcodes.length; start += 500) await app.get(ShipmentScansService).scanIn(countyId, barcodes.slice(start, start + 500));
  return { shipments: shipments.length, parcels: shipments.reduce((sum, shipment) => sum + shipment.parcels.length, 0) };
}

/** The line a service bench starts with: the machine's cores and load. */
export function machineLine(): string {
  return `machine: ${cpus().length} cores, load ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
}

export interface SeededXiheDay {
  app: INestApplicationContext;
  countyId: string;
  apiKey: string;
  villages: DemoVillage[];
  day: { shipments: number; parcels: number };
}

/**
 * Xihe (the demo county) in a migrated scratch database, with `shipments` of `date` pushed and
 * scanned in at its hub, through an application context of `config` that the caller closes: what
 * the soak and the worker-memory probe load before they start their processes.
 */
export async function seedXiheDay(databaseUrl: string, config: AppConfig, date: string, shipments: number): Promise<SeededXiheDay> {
  await runMigrations(databaseUrl);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  const villages = villagesOf(buildDemoCounty());
  const seeded = await seedDemoCounty(app, 1, undefined);
  const day = await pushDay(app, seeded.county.id, villages, { date, shipments, seed: 1 });
  return { app, countyId: seeded.county.id, apiKey: seeded.apiKey, villages, day };
}
