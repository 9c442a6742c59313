/**
 * The whole prefecture on several workers. Run:
 *   npm run bench:prefecture -- [--counties N] [--parcels N] [--workers 1,2,4] [--seed N]
 * Seeds the nine counties of Longnan (docs/demo-county.md, "The Longnan prefecture") into a scratch
 * database, pushes one day of about 30,000 parcels over them (the demo's day generator, shipments in
 * proportion to each county's villages; inbound parcels scanned in at the hubs), then for each worker
 * count starts that many worker processes (`npm run worker`, one solver thread each) on the same
 * Redis and PostgreSQL and requests every county's plan at once, with the default time budget
 * (baseline included). It reports the wall time from the requests to the last county's plan, plans per
 * minute, and each county's cost per parcel. Develop with `--counties 2 --parcels 3000 --workers 1,2`.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { integerBetween } from '../../src/cli/option-parsers';
import { buildLongnanPrefecture } from '../../src/demo/county/longnan-prefecture';
import { seedBuiltCounty } from '../../src/demo/seed-demo-county';
import { runMigrations } from '../../src/infra/database/migrate';
import { QueueName } from '../../src/infra/queue/queue-names';
import { DEFAULT_TIME_LIMIT_S, PlanRequestsService } from '../../src/planning/plan-requests.service';
import { Plan } from '../../src/planning/plan.entity';
import { benchCommand, runBench } from './bench-command';
import { pushDay, villagesOf } from './bench-day';
import { createBenchDeployment, stopChild, spawnWorker } from './bench-server';

const SERVICE_DATE = '2026-11-30';
/** A day's shipments carry 1.14 parcels on average (15 % of inbound ones two, pickups one): how many shipments make the parcels asked for. */
const PARCELS_PER_SHIPMENT = 1.14;

const workerCounts = (raw: string): number[] => {
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.length === 0 || counts.some((count) => !Number.isInteger(count) || count < 1 || count > 16))
    throw new Error(`--workers wants counts from 1 to 16, e.g. 1,2,4; got ${raw}`);
  return counts;
};

const options = benchCommand('bench:prefecture', 'plan every county of Longnan with 1, 2 and 4 worker processes on one Redis and one PostgreSQL')
  .option('--counties <n>', 'the first N of the nine counties', integerBetween(1, 9), 9)
  .option('--parcels <n>', 'parcels of the day over all the counties', integerBetween(1), 30_000)
  .option('--workers <list>', 'worker process counts to run, comma-separated', workerCounts, [1, 2, 4])
  .option('--seed <n>', 'seed of the counties and the shipments', integerBetween(0), 1)
  .parse()
  .opts<{ counties: number; parcels: number; workers: number[]; seed: number }>();

const started = Date.now();
const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  ${line}`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

interface RoundResult {
  workers: number;
  wallS: number;
  plansPerMinute: number;
  plans: Plan[];
}

/** One round: `workers` processes, every county's plan requested at once; the wall time runs from the requests to the last plan finished. */
async function planRound(app: INestApplicationContext, countyIds: string[], workers: number, env: NodeJS.ProcessEnv): Promise<RoundResult> {
  const plans = app.get(DataSource).getRepository(Plan);
  const queue = app.get<Queue>(getQueueToken(QueueName.planning));
  // The previous round's plans and jobs go: the same day is planned again from the same shipments.
  await plans.delete({ countyId: In(countyIds) });
  await queue.obliterate({ force: true });
  const children = Array.from({ length: workers }, () => spawnWorker(env));
  try {
    // Started (booted and listening on the queue) before the clock starts: the wall time is the plans'.
    for (let waited = 0; (await queue.getWorkers()).length < workers; waited += 200) {
      if (waited > 120_000) throw new Error(`${workers} workers did not connect within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    log(`${workers} worker(s) up (load ${load()}); requesting ${countyIds.length} plans, default budget ${DEFAULT_TIME_LIMIT_S} s each`);
    const requestedAt = Date.now();
    const ids: string[] = [];
    for (const countyId of countyIds) ids.push((await app.get(PlanRequestsService).request(countyId, { serviceDate: SERVICE_DATE, wave: 1 })).id);
    const done = new Set<string>();
    for (;;) {
      const rows = await plans.findBy({ id: In(ids) });
      for (const row of rows.filter((plan) => (plan.status === 'computed' || plan.status === 'failed') && !done.has(plan.id))) {
        done.add(row.id);
        log(`  ${done.size}/${ids.length} plan ${row.status} (${((row.finishedAt!.getTime() - requestedAt) / 1000).toFixed(1)} s after the requests)`);
      }
      if (done.size === ids.length) {
        const last = Math.max(...rows.map((plan) => plan.finishedAt!.getTime()));
        const wallS = (last - requestedAt) / 1000;
        return { workers, wallS, plansPerMinute: (ids.length * 60) / wallS, plans: rows };
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await Promise.all(children.map((child) => stopChild(child)));
  }
}

async function main(): Promise<void> {
  const { database, config, env, release } = await createBenchDeployment('prefecture', process.env.LOG_LEVEL ?? 'error');
  let app: INestApplicationContext | undefined;
  try {
    log(`machine: ${cpus().length} cores, load ${load()}`);
    await runMigrations(database.url);
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
    const counties = buildLongnanPrefecture({ seed: options.seed }).slice(0, options.counties);
    const villageTotal = counties.reduce((sum, county) => sum + county.summary.villagePoints, 0);
    const seeded: Array<{ id: string; name: string; adminCode: string; parcels: number }> = [];
    for (const [index, county] of counties.entries()) {
      const { county: row } = await seedBuiltCounty(app, county);
      const villages = villagesOf(county);
      const share = Math.round((options.parcels * villages.length) / villageTotal / PARCELS_PER_SHIPMENT);
      const pushed = await pushDay(app, row.id, villages, { date: SERVICE_DATE, shipments: share, seed: options.seed * 100 + index });
      seeded.push({ id: row.id, name: `${county.county.name} ${county.county.nameEn}`, adminCode: county.county.adminCode, parcels: pushed.parcels });
      log(
        `${county.county.adminCode} ${county.county.name}: ${county.summary.townshipStations} townships, ${county.summary.villagePoints} villages, ${county.summary.vehicles} vehicles; ${pushed.shipments} shipments, ${pushed.parcels} parcels`,
      );
    }
    const parcels = seeded.reduce((sum, county) => sum + county.parcels, 0);
    log(`the day: ${parcels} parcels over ${seeded.length} counties`);
    const rounds: RoundResult[] = [];
    for (const workers of options.workers) {
      const round = await planRound(
        app,
        seeded.map((county) => county.id),
        workers,
        env,
      );
      rounds.push(round);
      log(`${workers} worker(s): ${round.wallS.toFixed(1)} s to the last county's plan, ${round.plansPerMinute.toFixed(2)} plans a minute (load ${load()})`);
    }
    console.log(
      `\nprefecture: ${seeded.length} counties, ${parcels} parcels, default budget ${DEFAULT_TIME_LIMIT_S} s a plan (and its baseline), one solver thread a worker, ${cpus().length} cores`,
    );
    console.log(`workers  wall s  plans/min`);
    for (const round of rounds) console.log(`${String(round.workers).padStart(7)}  ${round.wallS.toFixed(1).padStart(6)}  ${round.plansPerMinute.toFixed(2).padStart(9)}`);
    console.log(`\ncost per parcel (¥) and plan time (s, from its start to its end) per county, by worker count`);
    console.log(`${'county'.padEnd(28)} parcels  ${rounds.map((round) => `${round.workers}w ¥/parcel  time`.padStart(20)).join('')}`);
    for (const county of seeded) {
      const cells = rounds.map((round) => {
        const plan = round.plans.find((row) => row.countyId === county.id)!;
        const cost = plan.status === 'computed' && plan.costPerParcelFen !== null ? (plan.costPerParcelFen / 100).toFixed(2) : plan.status;
        return `${cost.padStart(12)} ${((plan.finishedAt!.getTime() - plan.startedAt!.getTime()) / 1000).toFixed(1).padStart(6)}`.padStart(20);
      });
      console.log(`${county.name.padEnd(28)} ${String(county.parcels).padStart(7)}  ${cells.join('')}`);
    }
  } finally {
    await app?.close();
    await release();
  }
}

runBench(main);
