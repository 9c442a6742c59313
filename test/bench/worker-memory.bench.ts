/**
 * Worker memory, plan after plan. Run:
 *   npm run bench:worker-memory -- [--plans 20] [--time-limit S] [--pushes-per-second 0] [--snapshots 2,20 --snapshot-dir DIR]
 * Seeds Xihe and one day at its hub (2,600 shipments, as the soak) in a scratch database and queue
 * prefix, starts ONE real worker process (dist/src/worker.js, at nice 19, `--expose-gc` and the probe
 * of worker-memory-probe.preload.ts) and replans wave 1 `--plans` times through the queue, one after the
 * other. After each plan the worker collects its garbage and reports its memory: RSS (anonymous and
 * file-backed), and per isolate (the main thread and the solver thread) the heap used after the
 * collection, external memory and array buffers. A leak shows as a heap after GC that climbs plan
 * after plan; warm-up as a heap that stays flat while RSS rises to a plateau. `--pushes-per-second`
 * adds single-shipment pushes through the intake service (in this process), which the worker's outbox
 * relay then handles, as in the soak. `--snapshots` writes heap snapshots of both isolates after those
 * plans. WORKER_NODE_ARGS adds flags to the worker (e.g. "--max-semi-space-size=4"); the worker
 * inherits this process's environment (e.g. MALLOC_ARENA_MAX).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { integerBetween } from '../../src/cli/option-parsers';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { Plan } from '../../src/planning/plan.entity';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { ShipmentInputDto } from '../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../src/shipments/shipment-intake.service';
import { benchCommand, runBench } from './bench-command';
import { machineLine, oneParcelShipment, seedXiheDay } from './bench-day';
import { createBenchDeployment, stopChild } from './bench-server';
import type { IsolateMemory, ProcessMemorySample } from './worker-memory-probe.preload';

const SERVICE_DATE = '2026-11-30';

const options = benchCommand('bench:worker-memory', "one worker's memory plan after plan: RSS, and heap after GC per isolate")
  .option('--plans <n>', 'plans computed one after the other', integerBetween(2, 500), 20)
  .option('--time-limit <s>', "each plan's solver budget in seconds (default: the plan's default)", integerBetween(1, 600))
  .option('--pushes-per-second <n>', 'single-shipment pushes a second through the intake (for the outbox relay)', integerBetween(0, 1_000), 0)
  .option('--snapshots <plans>', 'heap snapshots after these plans, e.g. 2,20', (value: string) => value.split(',').map(Number), [] as number[])
  .option('--snapshot-dir <dir>', 'where the snapshots go', '/tmp/worker-memory-snapshots')
  .option('--worker-log <file>', "the worker's log lines at level info (each matrix computed, each plan's phases) into this file")
  .parse()
  .opts<{ plans: number; timeLimit?: number; pushesPerSecond: number; snapshots: number[]; snapshotDir: string; workerLog?: string }>();

const started = Date.now();
const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The real worker at nice 19 with the probe preloaded and an IPC channel to it. */
function spawnProbedWorker(env: NodeJS.ProcessEnv, logFile?: string): ChildProcess {
  const nodeArgs = (process.env.WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const preload = path.join(__dirname, 'worker-memory-probe.preload.js');
  const worker = path.join(__dirname, '..', '..', 'src', 'worker.js');
  return spawn('nice', ['-n', '19', process.execPath, '--expose-gc', ...nodeArgs, '-r', preload, worker], {
    env: { ...process.env, ...env, ...(logFile ? { LOG_LEVEL: 'info' } : {}) },
    stdio: ['ignore', logFile ? openSync(logFile, 'w') : 'ignore', 'inherit', 'ipc'],
  });
}

/** Asks the probe in `worker` and waits for its answer. */
function ask<T>(worker: ChildProcess, message: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) => reject(new Error(`the worker exited (${signal ?? code}) before the probe answered`));
    const onMessage = (reply: { probe: string } & T) => {
      if (reply.probe !== message.probe) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(reply);
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.send(message, (error) => error && reject(error));
  });
}

/** Least-squares slope of `values` against their index. */
function slope(values: number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((value, index) => {
    num += (index - meanX) * (value - meanY);
    den += (index - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

const solverThread = (sample: ProcessMemorySample): IsolateMemory | undefined => sample.threads[0];

async function main(): Promise<void> {
  const { database, config, env, release } = await createBenchDeployment('wmem', 'error');
  let app: INestApplicationContext | undefined;
  let worker: ChildProcess | undefined;
  let pushing: NodeJS.Timeout | undefined;
  try {
    log(machineLine());
    const seeded = await seedXiheDay(database.url, config, SERVICE_DATE, 2_600);
    app = seeded.app;
    const { countyId, day } = seeded;
    log(`Xihe seeded; the day at the hub: ${day.shipments} shipments, ${day.parcels} parcels`);

    worker = spawnProbedWorker(env, options.workerLog);
    const before = (await ask<{ memory: ProcessMemorySample }>(worker, { probe: 'sample' })).memory;
    log(`worker ${worker.pid} started: RSS ${mb(before.rss)} MB, main heap after GC ${mb(before.main.heapUsed)} MB`);

    if (options.pushesPerSecond > 0) {
      const { platform } = await seeded.app.get(PlatformsService).ensure(countyId, 'memory probe platform');
      const intake = seeded.app.get(ShipmentIntakeService);
      const villageCodes = seeded.villages.map((village) => village.adminCode!);
      let next = 0;
      pushing = setInterval(() => {
        for (let k = 0; k < options.pushesPerSecond; k++) {
          const id = `WMEM-${next++}`;
          const shipment = oneParcelShipment(id, villageCodes[next % villageCodes.length]) as unknown as ShipmentInputDto;
          void intake.create({ countyId, platformId: platform.id }, [shipment]).catch((error: unknown) => log(`push failed: ${String(error)}`));
        }
      }, 1_000);
    }

    const plans = seeded.app.get(PlanRequestsService);
    const repository = seeded.app.get(DataSource).getRepository(Plan);
    const samples: ProcessMemorySample[] = [];
    console.log(
      `\n plan    wall s   status     RSS MB  anon MB  file MB | main: heap MB  ext MB  buf MB  malloc MB | solver thread: heap MB  ext MB  buf MB  malloc MB | threads alive/started`,
    );
    for (let index = 1; index <= options.plans; index++) {
      const at = Date.now();
      const requested = await plans.request(countyId, { serviceDate: SERVICE_DATE, wave: 1, timeLimitS: options.timeLimit, replan: true });
      let status = requested.status;
      while (status !== 'computed' && status !== 'failed') {
        await sleep(500);
        status = (await repository.findOneByOrFail({ id: requested.id })).status;
      }
      const wallS = (Date.now() - at) / 1000;
      const memory = (await ask<{ memory: ProcessMemorySample }>(worker, { probe: 'sample' })).memory;
      samples.push(memory);
      const thread = solverThread(memory);
      const isolate = (of: IsolateMemory | undefined) =>
        of
          ? `${mb(of.heapUsed).padStart(8)} ${mb(of.external).padStart(7)} ${mb(of.arrayBuffers).padStart(7)} ${mb(of.mallocedMemory).padStart(10)}`
          : '   (busy: no answer)           ';
      console.log(
        `${String(index).padStart(5)} ${wallS.toFixed(1).padStart(9)}   ${status.padEnd(9)} ${mb(memory.rss).padStart(7)} ${mb(memory.rssAnon).padStart(8)} ${mb(memory.rssFile).padStart(8)} |     ${isolate(memory.main)} |              ${isolate(thread)} | ${memory.threadsAlive}/${memory.threadsStarted}${memory.threadsUnprobed ? ` (${memory.threadsUnprobed} unprobed)` : ''}`,
      );
      if (options.snapshots.includes(index)) {
        mkdirSync(options.snapshotDir, { recursive: true });
        await ask(worker, { probe: 'snapshot', path: path.join(options.snapshotDir, `after-plan-${index}.heapsnapshot`) });
        log(`heap snapshots after plan ${index} in ${options.snapshotDir}`);
      }
    }

    // From the second plan on: the first one loads the road network, builds the graphs and the matrices, compiles the solver.
    const settled = samples.slice(1);
    const first = settled[0]!;
    const last = settled.at(-1)!;
    const growth = (from: number, to: number) => `${mb(from)} → ${mb(to)} MB (${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %)`;
    const perPlan = (values: number[]) => `${(slope(values) / 1024).toFixed(0)} kB/plan`;
    console.log(
      `\nworker-memory: ${options.plans} plans${options.timeLimit ? ` of ${options.timeLimit} s` : ' at the default budget'}, ${options.pushesPerSecond} pushes/s; from after plan 2 to after plan ${options.plans}:`,
    );
    console.log(`  RSS              ${growth(first.rss, last.rss)}; slope ${perPlan(settled.map((sample) => sample.rss))}`);
    console.log(`    anonymous      ${growth(first.rssAnon, last.rssAnon)}; file-backed ${growth(first.rssFile, last.rssFile)}`);
    console.log(`  main heap after GC ${growth(first.main.heapUsed, last.main.heapUsed)}; slope ${perPlan(settled.map((sample) => sample.main.heapUsed))}`);
    console.log(`  main external    ${growth(first.main.external, last.main.external)}; array buffers ${growth(first.main.arrayBuffers, last.main.arrayBuffers)}`);
    const threadSamples = settled.map(solverThread).filter((sample): sample is IsolateMemory => sample !== undefined);
    if (threadSamples.length >= 2) {
      console.log(
        `  solver thread heap after GC ${growth(threadSamples[0]!.heapUsed, threadSamples.at(-1)!.heapUsed)}; slope ${perPlan(threadSamples.map((sample) => sample.heapUsed))}`,
      );
    }
    console.log(`  threads alive at the end ${last.threadsAlive}, started ${last.threadsStarted}`);
  } finally {
    if (pushing) clearInterval(pushing);
    await stopChild(worker);
    await app?.close();
    await release();
  }
}

runBench(main);
