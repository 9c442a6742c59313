/**
 * A week on the Xihe demo county, simulated (issue 8, item 6). Run:
 *   npm run bench week -- [--days 7] [--parcels-per-day 3000] [--pickups-per-day 300] [--seed 1] [--time-limit S] [--start 2026-11-30]
 * Needs the local PostgreSQL + Redis. On a scratch database and queue prefix of its own it seeds Xihe,
 * then for each day: starts the API's services and a planning worker with that day's CLOCK_START
 * (06:00 local; the only way "today" is set), pushes the day's seeded demand (src/demo/week-demand.ts)
 * through the intake, scans the inbound parcels in at the hub, plans wave 1 through the queue and the
 * worker (consolidated plan, baseline, remedies), publishes it and counts its produce pickups collected
 * (the planned arrival counts as done, as the issue says). Deferred and left-open shipments stay at the
 * hub for the next day. After the demand days it runs on without new demand until nothing is open, so
 * deferral cannot flatter the week. Prints a table per day and for the whole run, the carriers'
 * settlement against their stand-alone cost, and the goals; writes the same to docs/benchmarks.md
 * (between its markers) when run with the full week's sizes, or with --docs.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadavg } from 'os';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { integerBetween } from '../../src/cli/option-parsers';
import { scanInEverythingReceived } from '../../src/demo/demo-hub-arrival';
import { planDemoWave } from '../../src/demo/demo-plan';
import { startInProcessWorker } from '../../src/demo/in-process-worker';
import { DEMO_PLATFORM_NAMES } from '../../src/demo/push-demo-shipments';
import { seedDemoCounty } from '../../src/demo/seed-demo-county';
import { readCountyDivisions } from '../../src/demo/county/division-source';
import { resolveDemoDataPaths } from '../../src/demo/county/package-data-paths';
import { XIHE_COUNTY } from '../../src/demo/county/xihe-county';
import { DemandVillage, generateDayDemand, WEEK_DEMAND_RULE } from '../../src/demo/week-demand';
import { loadAppConfig } from '../../src/infra/config/app-config';
import { runMigrations } from '../../src/infra/database/migrate';
import { addDays, isCalendarDate } from '../../src/infra/time/calendar-date';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { NetworkQueryService } from '../../src/network/network-query.service';
import { PlanRowsService, StoredPlanRows } from '../../src/planning/figures/plan-rows.service';
import { planFigures, PlanFigures } from '../../src/planning/figures/plan-figures';
import { SYSTEM_ACTOR } from '../../src/planning/plan-events';
import { Plan } from '../../src/planning/plan.entity';
import { PlanPublishingService } from '../../src/planning/plan-publishing.service';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { SettlementService } from '../../src/planning/settlement/settlement.service';
import { ShipmentInputDto } from '../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../src/shipments/shipment-intake.service';
import { ShipmentLifecycleService } from '../../src/shipments/shipment-lifecycle.service';
import { keyPrincipal } from '../../src/infra/auth/principal';
import { benchCommand, runBench } from './bench-command';
import { BENCH_SECRET_KEY, createBenchDatabase } from './bench-server';
import { WeekDay, weekTable, writeWeekSection } from './week-report';
import { weekPromises } from './week-promises';

/** Days without new demand after the week, at most, before the bench gives up on what is still open. */
const MAX_RUN_OUT_DAYS = 14;
const INTAKE_BATCH = 200;

const options = benchCommand('bench:week', 'simulate a week of the Xihe demo county through the queue and workers: consolidated against baseline, promises, settlement')
  .option('--days <n>', 'days with new demand', integerBetween(1, 31), 7)
  .option('--parcels-per-day <n>', 'inbound parcels a day (about)', integerBetween(1), WEEK_DEMAND_RULE.inboundParcelsPerDay)
  .option('--pickups-per-day <n>', 'produce pickups a day (about)', integerBetween(0), WEEK_DEMAND_RULE.pickupsPerDay)
  .option('--seed <n>', 'seed of the demand', integerBetween(0), 1)
  .option('--time-limit <s>', "solver seconds per plan (default: the plan's default budget)", integerBetween(1))
  .option('--start <date>', 'first day, YYYY-MM-DD (a Monday by default)', '2026-11-30')
  .option('--docs', 'write the table to docs/benchmarks.md (default: only with the full week)')
  .option('--no-docs', 'do not write docs/benchmarks.md')
  .parse()
  .opts<{ days: number; parcelsPerDay: number; pickupsPerDay: number; seed: number; timeLimit?: number; start: string; docs?: boolean }>();

/** Structured progress: one JSON line per phase, with seconds since the start. */
const startedAt = Date.now();
function progress(event: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: 'week', t: Number(((Date.now() - startedAt) / 1000).toFixed(1)), event, ...fields }));
}

/** The day's services, as separate processes would start them: their Clock starts at 06:00 local of `date`. */
async function startDay(environment: NodeJS.ProcessEnv, date: string) {
  const config = loadAppConfig({ ...environment, CLOCK_START: `${date}T06:00:00+08:00` });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  return { app, config };
}

async function demandVillages(app: INestApplicationContext, countyId: string): Promise<{ villages: DemandVillage[]; hub: [number, number] }> {
  const urban = new Map(readCountyDivisions(resolveDemoDataPaths(), XIHE_COUNTY.adminCode).villages.map((village) => [village.code, village.urban]));
  const network = app.get(NetworkQueryService);
  const hub = (await network.listNodes(countyId, { tier: 'county_hub', limit: 1 })).items[0]!;
  const villages: DemandVillage[] = [];
  let cursor: string | undefined;
  do {
    const page = await network.listNodes(countyId, { tier: 'village_point', limit: 1000, cursor });
    for (const node of page.items) {
      const code = node.adminCode ?? node.code;
      villages.push({ code, location: [node.location.coordinates[0]!, node.location.coordinates[1]!], urban: urban.get(code) ?? false });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { villages, hub: [hub.location.coordinates[0]!, hub.location.coordinates[1]!] };
}

/** Publishing makes the inbound shipments planned; the plan's produce pickups are collected on its routes. */
async function publishAndCollect(app: INestApplicationContext, countyId: string, planId: string): Promise<number> {
  await app.get(PlanPublishingService).publish(countyId, planId, SYSTEM_ACTOR);
  const dataSource = app.get(DataSource);
  const lifecycle = app.get(ShipmentLifecycleService);
  return dataSource.transaction(async (manager) => {
    const pickups: Array<{ id: string }> = await manager.query(
      `SELECT DISTINCT s.id FROM plan_stop ps JOIN plan_route r ON r.id = ps.route_id JOIN shipment s ON s.id = ANY(ps.shipment_ids)
        WHERE r.plan_id = $1 AND ps.kind = 'village' AND s.direction = 'outbound_pickup' AND s.status = 'requested' ORDER BY s.id`,
      [planId],
    );
    for (const { id } of pickups) await lifecycle.transitionIn(manager, countyId, id, 'picked_up', `collected on plan ${planId} (week bench: planned arrival counts as done)`);
    return pickups.length;
  });
}

/** The plan's late shipments by service level and reason, with where the express ones go: what limits the promises. */
async function lateDetails(app: INestApplicationContext, countyId: string, plan: Plan): Promise<Record<string, unknown>> {
  if (plan.late.length === 0) return {};
  const rows: Array<{ id: string; service_level: string; village: string; township: string | null }> = await app.get(DataSource).query(
    `SELECT s.id, s.service_level, v.name AS village, t.name AS township FROM shipment s JOIN network_node v ON v.id = s.village_node_id
       LEFT JOIN network_node t ON t.id = v.parent_id WHERE s.county_id = $1 AND s.id = ANY($2::uuid[])`,
    [countyId, plan.late.map((entry) => entry.shipmentId)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byReason: Record<string, number> = {};
  const express: string[] = [];
  for (const entry of plan.late) {
    const shipment = byId.get(entry.shipmentId);
    const key = `${shipment?.service_level ?? '?'}:${entry.reason}${entry.unassignedReason ? `:${entry.unassignedReason}` : ''}`;
    byReason[key] = (byReason[key] ?? 0) + 1;
    if (shipment?.service_level === 'express')
      express.push(`${shipment.township ?? '?'}/${shipment.village} ${entry.reason} arrival ${entry.plannedArrivalAt ?? '-'} due ${entry.dueBy}`);
  }
  return { lateByLevelAndReason: byReason, lateExpress: express.slice(0, 20) };
}

async function openShipments(app: INestApplicationContext, countyId: string): Promise<number> {
  const [row] = await app
    .get(DataSource)
    .query(
      `SELECT count(*)::int AS open FROM shipment WHERE county_id = $1 AND ((direction = 'inbound' AND status IN ('received', 'at_hub')) OR (direction = 'outbound_pickup' AND status = 'requested'))`,
      [countyId],
    );
  return (row as { open: number }).open;
}

/** The figures of all the run's plans together, from their stored rows (as each plan's are). */
function combinedFigures(all: StoredPlanRows[]): PlanFigures | null {
  if (all.length === 0) return null;
  const shipments = new Map(all.flatMap((rows) => [...rows.shipments]));
  const scenario = (pick: (rows: StoredPlanRows) => StoredPlanRows['consolidated']) => ({
    routes: all.flatMap((rows) => pick(rows).routes),
    // A shipment left open on one day is planned on a later one: the run's left-open are the last day's.
    leftOpenShipmentIds: pick(all.at(-1)!).leftOpenShipmentIds,
    deferredParcels: 0,
  });
  return planFigures(
    scenario((rows) => rows.consolidated),
    scenario((rows) => rows.baseline),
    shipments,
    all[0]!.handlingCosts,
  );
}

async function main(): Promise<void> {
  if (!isCalendarDate(options.start)) throw new Error(`--start must be a date YYYY-MM-DD, got ${options.start}`);
  const fullWeek = options.days === 7 && options.parcelsPerDay === WEEK_DEMAND_RULE.inboundParcelsPerDay && options.pickupsPerDay === WEEK_DEMAND_RULE.pickupsPerDay;
  const writeDocs = options.docs ?? fullWeek;
  const database = await createBenchDatabase('week');
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `weekbench${process.pid}`,
    WEBHOOK_SECRET_KEY: BENCH_SECRET_KEY,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  };
  progress('start', { ...options, database: database.url.replace(/.*\//, ''), load: loadavg()[0]!.toFixed(1) });
  const days: WeekDay[] = [];
  const stored: StoredPlanRows[] = [];
  let countyId = '';
  let timeZone: string = XIHE_COUNTY.timeZone;
  let demand: { villages: DemandVillage[]; hub: [number, number] } | undefined;
  const platformIds: string[] = [];
  try {
    await runMigrations(database.url);
    for (let index = 0; index < options.days + MAX_RUN_OUT_DAYS; index++) {
      const date = addDays(options.start, index);
      const { app, config } = await startDay(environment, date);
      try {
        if (index === 0) {
          const seeded = await seedDemoCounty(app, 1, undefined);
          countyId = seeded.county.id;
          timeZone = seeded.county.timeZone;
          demand = await demandVillages(app, countyId);
          for (const name of DEMO_PLATFORM_NAMES) platformIds.push((await app.get(PlatformsService).ensure(countyId, name)).platform.id);
          progress('seeded', { county: seeded.county.name, villages: demand.villages.length, vehicles: seeded.vehicles });
        } else if (index >= options.days && (await openShipments(app, countyId)) === 0) break;
        const day: WeekDay = { day: index + 1, date, newInboundParcels: 0, newExpressParcels: 0, newPickups: 0, planStatus: 'none', planWallS: 0, figures: null, openAfter: 0 };
        if (index < options.days) {
          const generated = generateDayDemand(demand!.villages, demand!.hub, {
            seed: options.seed,
            dayIndex: index,
            date,
            inboundParcels: options.parcelsPerDay,
            pickups: options.pickupsPerDay,
          });
          for (const [position, shipments] of generated.byPlatform.entries()) {
            for (let start = 0; start < shipments.length; start += INTAKE_BATCH) {
              await app
                .get(ShipmentIntakeService)
                .create({ countyId, platformId: platformIds[position]! }, shipments.slice(start, start + INTAKE_BATCH) as unknown as ShipmentInputDto[]);
            }
          }
          Object.assign(day, { newInboundParcels: generated.inboundParcels, newExpressParcels: generated.expressParcels, newPickups: generated.pickups });
          progress('demand pushed', { day: day.day, date, inboundParcels: generated.inboundParcels, express: generated.expressParcels, pickups: generated.pickups });
          const arrival = await scanInEverythingReceived(app, countyId);
          progress('scanned in at the hub', { day: day.day, date, scanned: arrival.scanned, shipmentsAtHub: arrival.shipmentsAtHub });
        }
        const worker = await startInProcessWorker(config);
        let summary;
        try {
          summary = await planDemoWave(app, countyId, date, {
            timeLimitS: options.timeLimit,
            seed: options.seed,
            log: (line) => progress('plan', { day: day.day, date, line: line.trim() }),
          });
        } finally {
          await worker.close();
        }
        Object.assign(day, { planStatus: summary.status, planWallS: Math.round(summary.elapsedMs / 100) / 10 });
        if (summary.status !== 'computed') throw new Error(`the plan of ${date} is ${summary.status}: ${summary.error}`);
        const collected = await publishAndCollect(app, countyId, summary.planId);
        const plan = await app.get(PlanRequestsService).get(countyId, summary.planId);
        const rows = await app.get(PlanRowsService).load(plan);
        if (rows) stored.push(rows);
        day.figures = rows && planFigures(rows.consolidated, rows.baseline, rows.shipments, rows.handlingCosts);
        day.openAfter = await openShipments(app, countyId);
        const late = await lateDetails(app, countyId, plan);
        days.push(day);
        progress('day planned and published', {
          day: day.day,
          date,
          wallS: day.planWallS,
          parcels: summary.parcels,
          deferredParcels: summary.deferred.parcels,
          ...late,
          leftOpen: summary.unassignedByReason,
          phasesMs: plan.statistics?.phasesMs,
          pickupsCollected: collected,
          openAfter: day.openAfter,
          savingPercent: day.figures?.savingPercent ?? null,
        });
      } finally {
        await app.close();
      }
    }
    const last = days.at(-1)!;
    const { app } = await startDay(environment, addDays(last.date, 1));
    try {
      const promises = await weekPromises(app, countyId, timeZone);
      const settlement = await app.get(SettlementService).forCounty(countyId, days[0]!.date, last.date, keyPrincipal('week-bench', countyId, 'admin'));
      const table = weekTable(days, combinedFigures(stored), promises, settlement);
      const load = loadavg()
        .map((value) => value.toFixed(1))
        .join(', ');
      const command = `npm run bench:week -- ${process.argv.slice(2).join(' ')}`.trim();
      const header = [
        `- command: \`${command}\`; ${new Date().toISOString().slice(0, 16)} UTC, load average ${load} at the end; ${Math.round((Date.now() - startedAt) / 1000)} s in all`,
        `- demand: seed ${options.seed}, ${options.days} days of about ${options.parcelsPerDay} inbound parcels (5 % express) and ${options.pickupsPerDay} produce pickups from 5 platforms (src/demo/week-demand.ts), then days without new demand until nothing is open (${days.length - options.days} days)`,
        `- plan wall times (request to computed plan, baseline and remedies included): ${days.map((day) => `${day.planWallS} s`).join(', ')}`,
        '',
      ].join('\n');
      console.log(`\n${header}\n${table}\n`);
      if (writeDocs) {
        const file = path.join(__dirname, '..', '..', '..', 'docs', 'benchmarks.md');
        writeWeekSection(file, `## A week on the demo county (\`npm run bench:week\`)\n\n${header}\n${table}`);
        progress('written', { file });
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.drop();
  }
}

runBench(main);
