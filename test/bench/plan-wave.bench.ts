/**
 * Planning benchmark on the Xihe demo county (synthetic roads). Run:
 *   npm run bench plan-wave -- [--parcels N | --per-village N] [--platforms K] [--time-limit S] [--seed N] [--replan]
 * Needs the local PostgreSQL + Redis (DATABASE_URL's server, REDIS_URL). It migrates a scratch
 * database, seeds Xihe, pushes seeded-random inbound shipments (1-3 parcels of 0.3-6.3 kg each; with
 * --parcels, to random villages until N parcels; else 0..2N per village) from K platforms, and produce
 * pickups (15 % of villages, 5-20 kg), scans the inbound ones in at the hub, plans wave 1 through the
 * queue with an in-process worker (the consolidated plan, its unconsolidated baseline and, when
 * something is left open, the remedies), prints the wall time, the figures beside the baseline, the
 * saving at handling cost × 0.5, × 1, × 2 and the settlement, and drops the database.
 * Without --time-limit the plan has the default time budget. With --replan, the draft is then replanned in
 * place with the same seed and time (it starts from its own routes) and the two are compared.
 */
import 'reflect-metadata';
import { Option } from 'commander';
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
import { DEFAULT_TIME_LIMIT_S, PlanRequestsService } from '../../src/planning/plan-requests.service';
import { PlanRowsService } from '../../src/planning/figures/plan-rows.service';
import { SettlementService } from '../../src/planning/settlement/settlement.service';
import type { ProblemStatistics } from '../../src/planning/planner/wave-model';
import { figureRows, remedyRows, ReportRows, settlementRows } from '../../src/demo/plan-figures-report';
import { ShipmentInputDto } from '../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../src/shipments/shipment-intake.service';
import { ShipmentScansService } from '../../src/shipments/shipment-scans.service';
import { integerBetween } from '../../src/cli/option-parsers';
import { PLANNER_ENGINE, PlannerEngine, usePlannerSolverInThisProcess } from '../../src/planning/planner/depot-solve';
import { benchCommand, runBench } from './bench-command';

const options = benchCommand('bench:plan-wave', 'plan one wave of the Xihe demo county through the queue, with its baseline, figures and settlement')
  .option('--per-village <n>', 'up to 2N inbound shipments per village', integerBetween(0), 2)
  .option('--parcels <n>', 'inbound parcels in all, to random villages (instead of --per-village)', integerBetween(1))
  .option('--platforms <k>', 'platforms the shipments come from', integerBetween(1, 20), 5)
  .option('--time-limit <s>', "solver seconds (default: the plan's default budget)", integerBetween(1))
  .option('--seed <n>', 'seed of the shipments', integerBetween(0), 1)
  .option('--replan', 'then replan the draft in place (same seed and time), starting from its routes, and compare')
  .addOption(new Option('--engine <engine>', `the planner's search engine, for an A/B comparison (default: the product's, ${PLANNER_ENGINE})`).choices(['alns', 'hgs']))
  .addOption(
    new Option('--clock <clock>', "what the solver's time limits measure: wall (the product's) or this process's CPU time (fair on a loaded machine)")
      .choices(['wall', 'cpu'])
      .default('wall'),
  )
  .parse()
  .opts<{ perVillage: number; parcels?: number; platforms: number; timeLimit?: number; seed: number; replan?: boolean; engine?: PlannerEngine; clock: 'wall' | 'cpu' }>();

type BenchShipment = Record<string, unknown> & { id: string; direction: string; parcels: Array<{ barcode: string }> };

async function pushShipments(
  app: INestApplicationContext,
  countyId: string,
  villages: NetworkNode[],
  demand: { perVillage: number; parcels?: number; platforms: number; seed: number },
) {
  let state = demand.seed >>> 0 || 1;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const inputs: BenchShipment[] = [];
  const parcel = (barcode: string, weightG: number, size: [number, number, number]) => ({
    barcode,
    weightG,
    dimensions: { length: size[0], width: size[1], height: size[2], unit: 'cm' },
  });
  const inbound = (village: NetworkNode, k: number): BenchShipment => {
    const id = `BENCH${village.code}-${k}`;
    const parcels = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p) => parcel(`${id}-${p}`, 300 + Math.floor(random() * 6000), [30, 20, 15]));
    return {
      id,
      direction: 'inbound',
      serviceLevel: 'standard',
      contact: { name: '王', phone: '13800138000' },
      destination: { villageCode: village.adminCode ?? village.code },
      parcels,
    };
  };
  const shipmentsAt = new Map<NetworkNode, number>();
  const next = (village: NetworkNode) => {
    const k = shipmentsAt.get(village) ?? 0;
    shipmentsAt.set(village, k + 1);
    return inbound(village, k);
  };
  if (demand.parcels !== undefined) {
    for (let parcels = 0; parcels < demand.parcels;) {
      const shipment = next(villages[Math.floor(random() * villages.length)]!);
      inputs.push(shipment);
      parcels += shipment.parcels.length;
    }
  }
  for (const village of villages) {
    const destination = { villageCode: village.adminCode ?? village.code };
    const count = demand.parcels === undefined ? Math.floor(random() * (2 * demand.perVillage + 1)) : 0;
    for (let k = 0; k < count; k++) inputs.push(next(village));
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
  // Each shipment comes from one of the platforms, at random: every carrier has parcels all over the county.
  const platforms = [];
  for (let k = 1; k <= demand.platforms; k++) platforms.push((await app.get(PlatformsService).ensure(countyId, `bench-platform-${k}`)).platform);
  const byPlatform = new Map(platforms.map((platform) => [platform.id, [] as BenchShipment[]]));
  for (const input of inputs) byPlatform.get(platforms[Math.floor(random() * platforms.length)]!.id)!.push(input);
  for (const [platformId, shipments] of byPlatform) {
    for (let i = 0; i < shipments.length; i += 200) {
      await app.get(ShipmentIntakeService).create({ countyId, platformId }, shipments.slice(i, i + 200) as unknown as ShipmentInputDto[]);
    }
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
  const { timeLimit: timeLimitS, seed } = options;
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
    const pushed = await pushShipments(app, county.id, villages, options);
    console.log(
      `Xihe: ${villages.length} villages; ${pushed.shipments} shipments (${pushed.pickups} pickups), ${pushed.parcels} parcels from ${options.platforms} platforms; time limit ${timeLimitS ?? `default (${DEFAULT_TIME_LIMIT_S})`} s; engine ${options.engine ?? PLANNER_ENGINE}, ${options.clock} clock`,
    );
    // The in-process worker runs in this process: the switches reach its consolidated plan, baseline and remedies (all solve through depot-solve.ts).
    usePlannerSolverInThisProcess({ ...(options.engine ? { engine: options.engine } : {}), clock: options.clock });
    // The worker is started (and its solver thread warmed) before the clock starts: the wall time is the plan's.
    const worker = await startInProcessWorker(config);
    let summary;
    try {
      const startedAt = Date.now();
      const log = (line: string) => console.log(`${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s ${line}`);
      summary = await planDemoWave(app, county.id, '2026-11-30', { timeLimitS, seed, log });
      if (options.replan) {
        const first = summary;
        summary = await planDemoWave(app, county.id, '2026-11-30', { timeLimitS, seed, log });
        const starts = ((await app.get(PlanRequestsService).get(county.id, summary.planId)).statistics?.runs ?? []).reduce((total, run) => total + (run.startingRoutes ?? 0), 0);
        console.log(
          `replan from its own routes (${starts} starting routes over its runs): cost ${first.costFen} -> ${summary.costFen} fen, per parcel ${first.costPerParcelFen} -> ${summary.costPerParcelFen} fen, parcels ${first.parcels} -> ${summary.parcels}, wall ${(first.elapsedMs / 1000).toFixed(1)} -> ${(summary.elapsedMs / 1000).toFixed(1)} s; figures below are the replan's`,
        );
      }
    } finally {
      await worker.close();
    }
    const plan = await app.get(PlanRequestsService).get(county.id, summary.planId);
    const printRuns = (title: string, runs: ProblemStatistics[]) => {
      console.log(title);
      for (const run of runs) {
        console.log(
          `  ${run.name.slice(0, 46).padEnd(46)} jobs ${String(run.jobs).padStart(3)}  routes ${String(run.routes).padStart(2)}  open ${String(run.unassignedJobs).padStart(2)}  iterations ${run.iterations}/${run.maxIterations}  ${Math.round(run.runtimeMs)} ms${run.replayable ? '  replayable' : ''}`,
        );
      }
    };
    const solverS = (runs: ProblemStatistics[]) => (runs.reduce((total, run) => total + run.runtimeMs, 0) / 1000).toFixed(1);
    printRuns(`consolidated solver runs (${solverS(plan.statistics?.runs ?? [])} s)`, plan.statistics?.runs ?? []);
    printRuns(`baseline solver runs, one per carrier (${solverS(plan.statistics?.baselineRuns ?? [])} s)`, plan.statistics?.baselineRuns ?? []);
    const print = (rows: ReportRows) => {
      const width = Math.max(0, ...rows.map(([label]) => label.length));
      for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
    };
    console.log(
      `plan ${summary.status}${summary.error ? ` (${summary.error})` : ''}: wall time ${(summary.elapsedMs / 1000).toFixed(1)} s from request to computed plan (consolidated + baseline${plan.remedies ? ' + remedies' : ''})`,
    );
    const phases = plan.statistics?.phasesMs;
    if (phases)
      console.log(`  worker phases: loading ${phases.loading} ms, consolidated ${phases.consolidated} ms, baseline ${phases.baseline} ms, remedies ${phases.remedies} ms`);
    console.log(`  left open: ${summary.unassigned} shipments ${JSON.stringify(summary.unassignedByReason)}; baseline left open: ${plan.baselineUnassigned.length}`);
    const figures = await app.get(PlanRowsService).figures(plan);
    if (figures) print(figureRows(figures));
    if (plan.remedies) {
      console.log('what would serve the shipments left open');
      print(remedyRows(plan.remedies));
    }
    if (plan.status === 'computed') {
      console.log('settlement (proportional to stand-alone cost, capped)');
      print(settlementRows(await app.get(SettlementService).forPlan(county.id, plan.id)));
    }
  } finally {
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.destroy();
  }
}

runBench(main);
