/**
 * Planning benchmark on the Xihe demo county (synthetic roads). Run:
 *   npm run -s build && node dist/test/bench/plan-wave.bench.js [--per-village N] [--time-limit S] [--seed N]
 * Needs the local PostgreSQL + Redis (DATABASE_URL's server, REDIS_URL). It migrates a scratch
 * database, seeds Xihe, pushes seeded-random inbound shipments (0..2N per village, 1-3 parcels of
 * 0.3-6.3 kg) and produce pickups (15 % of villages, 5-20 kg), scans the inbound ones in at the hub,
 * plans wave 1 through the queue with an in-process worker, prints the summary, and drops the database.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { seedDemoCounty } from '../../src/demo/seed-demo-county';
import { loadAppConfig } from '../../src/infra/config/app-config';
import { runMigrations } from '../../src/infra/database/migrate';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { NetworkNode } from '../../src/network/network-node.entity';
import { NetworkQueryService } from '../../src/network/network-query.service';
import { planDemoWave } from '../../src/demo/demo-plan';
import { startInProcessWorker } from '../../src/demo/in-process-worker';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { ShipmentInputDto } from '../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../src/shipments/shipment-intake.service';
import { ShipmentScansService } from '../../src/shipments/shipment-scans.service';
import { integerBetween } from '../../src/cli/option-parsers';
import { benchCommand } from './bench-command';

const options = benchCommand('bench:plan-wave', 'plan one wave of the Xihe demo county through the queue')
  .option('--per-village <n>', 'up to 2N inbound shipments per village', integerBetween(0), 2)
  .option('--time-limit <s>', 'solver seconds', integerBetween(1), 60)
  .option('--seed <n>', 'seed of the shipments', integerBetween(0), 1)
  .parse()
  .opts<{ perVillage: number; timeLimit: number; seed: number }>();

async function pushShipments(app: INestApplicationContext, countyId: string, villages: NetworkNode[], perVillage: number, seed: number) {
  let state = seed >>> 0 || 1;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const inputs: Array<Record<string, unknown> & { id: string; direction: string; parcels: Array<{ barcode: string }> }> = [];
  const parcel = (barcode: string, weightG: number, size: [number, number, number]) => ({
    barcode,
    weightG,
    dimensions: { length: size[0], width: size[1], height: size[2], unit: 'cm' },
  });
  for (const village of villages) {
    const destination = { villageCode: village.adminCode ?? village.code };
    const count = Math.floor(random() * (2 * perVillage + 1));
    for (let k = 0; k < count; k++) {
      const id = `BENCH${village.code}-${k}`;
      const parcels = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p) => parcel(`${id}-${p}`, 300 + Math.floor(random() * 6000), [30, 20, 15]));
      inputs.push({ id, direction: 'inbound', serviceLevel: 'standard', contact: { name: '王', phone: '13800138000' }, destination, parcels });
    }
    if (random() < 0.15) {
      const id = `BENCHP${village.code}`;
      inputs.push({
        id,
        direction: 'outbound_pickup',
        serviceLevel: 'standard',
        contact: { name: '李', phone: '13900139000' },
        destination,
        parcels: [parcel(`${id}-0`, 5000 + Math.floor(random() * 15000), [50, 40, 30])],
      });
    }
  }
  const { platform } = await app.get(PlatformsService).ensure(countyId, 'bench-platform');
  for (let i = 0; i < inputs.length; i += 200) {
    const chunk = inputs.slice(i, i + 200) as unknown as ShipmentInputDto[];
    await app.get(ShipmentIntakeService).create({ countyId, platformId: platform.id }, chunk);
  }
  const barcodes = inputs.filter((input) => input.direction === 'inbound').flatMap((input) => input.parcels.map((p) => p.barcode));
  for (let i = 0; i < barcodes.length; i += 500) await app.get(ShipmentScansService).scanIn(countyId, barcodes.slice(i, i + 500));
  return {
    shipments: inputs.length,
    pickups: inputs.length - inputs.filter((input) => input.direction === 'inbound').length,
    parcels: inputs.reduce((sum, input) => sum + input.parcels.length, 0),
  };
}

async function main(): Promise<void> {
  const { perVillage, timeLimit: timeLimitS, seed } = options;
  const base = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  const scratch = `rd_plan_bench_${process.pid}`;
  const adminUrl = new URL(base.databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: adminUrl.toString() });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/${scratch}`;
  // The bench plans 2026-11-30: its clock starts that morning (unless CLOCK_START says otherwise), so the date is today.
  const config = { ...base, clockStart: base.clockStart ?? new Date('2026-11-30T06:00:00+08:00'), databaseUrl: databaseUrl.toString(), queuePrefix: `planbench${process.pid}` };
  let app: INestApplicationContext | undefined;
  try {
    await runMigrations(config.databaseUrl);
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
    const { county } = await seedDemoCounty(app, 1, undefined);
    const villages: NetworkNode[] = [];
    let cursor: string | undefined;
    do {
      const page = await app.get(NetworkQueryService).listNodes(county.id, { tier: 'village_point', limit: 1000, cursor });
      villages.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const pushed = await pushShipments(app, county.id, villages, perVillage, seed);
    console.log(`Xihe: ${villages.length} villages; ${pushed.shipments} shipments (${pushed.pickups} pickups), ${pushed.parcels} parcels; time limit ${timeLimitS} s`);
    const summary = await planDemoWave(app, county.id, '2026-11-30', { startWorker: () => startInProcessWorker(config), timeLimitS, seed });
    console.log(JSON.stringify(summary, null, 2));
    const plan = await app.get(PlanRequestsService).get(county.id, summary.planId);
    for (const run of plan.statistics?.runs ?? []) {
      console.log(
        `  ${run.name.padEnd(28)} jobs ${String(run.jobs).padStart(3)}  routes ${run.routes}  iterations ${run.iterations}/${run.maxIterations}  ${run.runtimeMs} ms${run.replayable ? '  replayable' : ''}`,
      );
    }
  } finally {
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
