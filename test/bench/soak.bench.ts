/**
 * Soak: the real API and workers on the loopback for a while, under steady load. Run:
 *   npm run bench:soak -- [--minutes 10] [--push-rate 300] [--read-rate 300] [--plan-every 30] [--kill-every 120] [--workers 2]
 * Seeds Xihe (the demo county) and one day at its hub in a scratch database, starts one API and
 * `--workers` worker processes, computes a first plan, then for `--minutes`: signed single-shipment
 * pushes at `--push-rate` a second, route manifest reads (json) at `--read-rate` a second, a replan
 * every `--plan-every` seconds, and one worker killed (SIGKILL) and replaced every `--kill-every`
 * seconds. It reports the errors per endpoint (and those within 30 s of a kill), p50/p99 per endpoint,
 * each process's RSS growth after warm-up (a worker's also as RSS after each of its plans), and
 * shipments lost (accepted but not stored) or duplicated. Nothing is asserted: the figures are the result.
 */
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import { cpus, loadavg } from 'node:os';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { integerBetween } from '../../src/cli/option-parsers';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { signedHeaders } from '../../src/integrations/webhook-signature';
import { benchCommand, runBench } from './bench-command';
import { machineLine, oneParcelShipment, seedXiheDay } from './bench-day';
import { createBenchDeployment, DatabaseBackendsCpu, freePort, startApi, stopChild, spawnWorker, processCpuMs } from './bench-server';

const SERVICE_DATE = '2026-11-30';
/**
 * Keep-alive connections to the API, as a load balancer or a platform's client pool would hold; more
 * requests queue in the agent (their wait counts in the latency). Past MAX_IN_FLIGHT waiting requests
 * per endpoint a due request is not sent and is counted as shed: the API is not keeping up.
 */
const AGENT = new Agent({ keepAlive: true, maxSockets: 64 });
const MAX_IN_FLIGHT = 300;

interface Answer {
  ok: boolean;
  status: number;
  body: string;
}

/** One HTTP request over the agent's pool; the whole body is read. */
function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, agent: AGENT, timeout: 120_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const status = incoming.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, body: Buffer.concat(chunks).toString('utf8') });
      });
      incoming.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
/** Errors this close after a kill are reported apart. */
const KILL_WINDOW_MS = 30_000;

const options = benchCommand('bench:soak', 'the API and workers under steady intake, manifest reads, plans and worker kills')
  .option('--minutes <n>', 'how long the load runs', integerBetween(1, 600), 10)
  .option('--push-rate <n>', 'signed single-shipment pushes a second', integerBetween(0, 10_000), 300)
  .option('--read-rate <n>', 'route manifest reads a second', integerBetween(0, 10_000), 300)
  .option('--plan-every <s>', 'seconds between plan requests', integerBetween(5), 30)
  .option('--kill-every <s>', 'seconds between worker kills', integerBetween(10), 120)
  .option('--workers <n>', 'worker processes', integerBetween(1, 8), 2)
  .parse()
  .opts<{ minutes: number; pushRate: number; readRate: number; planEvery: number; killEvery: number; workers: number }>();

const started = Date.now();
const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One endpoint's outcome: latencies of the answered requests, errors by kind and when. */
class EndpointStats {
  readonly latenciesMs: number[] = [];
  readonly errorsAt: number[] = [];
  readonly errorKinds = new Map<string, number>();
  shed = 0;
  inFlight = 0;

  constructor(readonly name: string) {}

  async measure(request: () => Promise<Answer>): Promise<Answer | null> {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.shed += 1;
      return null;
    }
    this.inFlight += 1;
    const at = performance.now();
    try {
      const answer = await request();
      this.latenciesMs.push(performance.now() - at);
      if (!answer.ok) this.error(`HTTP ${answer.status}`);
      return answer;
    } catch (error) {
      this.error((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      return null;
    } finally {
      this.inFlight -= 1;
    }
  }

  private error(kind: string): void {
    this.errorsAt.push(Date.now());
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
  }

  percentile(p: number): number {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
  }
}

/** Resident set size of a process, kB (Linux); null once it is gone. */
function rssKb(pid: number | undefined): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((row) => row.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) : null;
  } catch {
    return null;
  }
}

/** A process's RSS after warm-up and at the end, the samples between, and whether it lived through the whole measured span. */
interface RssTrack {
  name: string;
  child: ChildProcess;
  startedAt: number;
  warmKb: number | null;
  lastKb: number | null;
  /** Every sample from warm-up on, every 5 s: what tells growth from the collector's sawtooth. */
  samplesKb: number[];
  killed?: boolean;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Growth judged on the trend rather than on two samples: the median RSS of the last minute's samples
 * against the first minute's after warm-up. A process's RSS rises and falls with each collection by
 * tens of megabytes, so two single samples can land anywhere on that sawtooth.
 */
function rssTrend(samplesKb: number[]): string {
  const perMinute = 12;
  if (samplesKb.length < 2 * perMinute) return 'too short for a trend';
  const first = median(samplesKb.slice(0, perMinute));
  const last = median(samplesKb.slice(-perMinute));
  const growth = ((last - first) / first) * 100;
  const mb = (kb: number) => (kb / 1024).toFixed(0);
  return `trend ${mb(first)} → ${mb(last)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, medians of the first and last minute), range ${mb(Math.min(...samplesKb))}–${mb(Math.max(...samplesKb))} MB`;
}

/** Each worker's RSS (kB) read as it logged each computed plan, in order: the same point of its cycle every time. */
const rssAfterPlans = new Map<ChildProcess, number[]>();

/**
 * A worker whose log (at level info, on a pipe) is watched for its `plan completed` lines. Before its
 * first plan a worker has loaded no road network, built no graph or matrix and compiled no solver
 * code, so RSS measured from its start counts that warm-up as growth (a worker started late in the
 * run went from 124 MB before its first solve to 250 MB after it: +96-102 %). And a worker's 5-s
 * samples swing with its solves (235-326 MB in one 4-minute run), so the medians of two minutes compare
 * a minute it solved in with one it may have spent idle; its RSS is therefore also read each time it
 * finishes a plan, a series that compares like with like.
 */
function spawnWatchedWorker(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnWorker({ ...env, LOG_LEVEL: 'info' }, 'pipe');
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (!line.includes('"msg":"plan completed"')) return;
    const kb = rssKb(child.pid);
    if (kb === null) return;
    const series = rssAfterPlans.get(child) ?? [];
    series.push(kb);
    rssAfterPlans.set(child, series);
  });
  return child;
}

/**
 * A worker's RSS after each of its plans, judged from its second plan on (the first loads the road
 * network, builds graphs and matrices and compiles the solver): the median of the first half of that
 * series against the median of the second half, so that one late collection does not decide it.
 */
function afterPlansReport(child: ChildProcess): string {
  const series = rssAfterPlans.get(child) ?? [];
  const shown = `RSS after each of its ${series.length} plan(s): ${series.map((kb) => (kb / 1024).toFixed(0)).join(' ') || '-'} MB`;
  const judged = series.slice(1);
  if (judged.length < 4) return `${shown}; too few plans after the first for a trend`;
  const half = Math.floor(judged.length / 2);
  const first = median(judged.slice(0, half));
  const last = median(judged.slice(-half));
  const growth = ((last - first) / first) * 100;
  return `${shown}; from its second plan on, medians of the first and last ${half}: ${(first / 1024).toFixed(0)} → ${(last / 1024).toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)`;
}

/** Sends `rate` requests a second, paced by the clock (what a late timer missed is sent at once), until `until`. */
async function paced(rate: number, until: number, send: (index: number) => void): Promise<void> {
  if (rate === 0) return;
  const begin = Date.now();
  let sent = 0;
  while (Date.now() < until) {
    const due = Math.floor(((Date.now() - begin) * rate) / 1000);
    for (; sent < due; sent++) send(sent);
    await sleep(10);
  }
}

async function main(): Promise<void> {
  const { database, config, env, release } = await createBenchDeployment('soak', 'error');
  let app: INestApplicationContext | undefined;
  let api: ChildProcess | undefined;
  const workers: ChildProcess[] = [];
  try {
    log(machineLine());
    const seeded = await seedXiheDay(database.url, config, SERVICE_DATE, 2_600);
    app = seeded.app;
    const { countyId, day } = seeded;
    const { platform, webhookSecret } = await seeded.app.get(PlatformsService).ensure(countyId, 'soak platform');
    const villageCodes = seeded.villages.map((village) => village.adminCode!);
    log(`Xihe seeded; the day at the hub: ${day.shipments} shipments, ${day.parcels} parcels`);

    const port = await freePort();
    api = await startApi(database.url, port, env);
    const baseUrl = `http://127.0.0.1:${port}`;
    for (let index = 0; index < options.workers; index++) workers.push(spawnWatchedWorker(env));
    const operator = { Authorization: `Bearer ${seeded.apiKey}`, 'Content-Type': 'application/json' };
    const plansUrl = `${baseUrl}/v1/counties/${countyId}/plans`;
    const waitForPlan = async (id: string): Promise<{ status: string; routes: Array<{ id: string }> }> => {
      for (;;) {
        const plan = (await (await fetch(`${plansUrl}/${id}`, { headers: operator })).json()) as { status: string; routes: Array<{ id: string }> };
        if (plan.status === 'computed' || plan.status === 'failed') return plan;
        await sleep(1_000);
      }
    };
    // The first plan (wave 1) gives the routes whose manifests are read; the soak's plans replan wave 2.
    const first = (await (await fetch(plansUrl, { method: 'POST', headers: operator, body: JSON.stringify({ serviceDate: SERVICE_DATE, wave: 1 }) })).json()) as { id: string };
    const firstPlan = await waitForPlan(first.id);
    if (firstPlan.status !== 'computed' || firstPlan.routes.length === 0) throw new Error(`the first plan is ${firstPlan.status} with ${firstPlan.routes.length} routes`);
    log(`first plan computed: ${firstPlan.routes.length} routes; load for ${options.minutes} min`);

    const push = new EndpointStats('POST /v1/webhooks/:platform/shipments');
    const read = new EndpointStats('GET /v1/counties/:county/plans/:plan/routes/:route/manifest');
    const planRequests = new EndpointStats('POST /v1/counties/:county/plans');
    const accepted = new Set<string>();
    const killsAt: number[] = [];
    const plans: Array<{ id: string; status?: string }> = [];
    let plansSkipped = 0;
    const track = (name: string, child: ChildProcess): RssTrack => ({ name, child, startedAt: Date.now(), warmKb: null, lastKb: null, samplesKb: [] });
    const tracks: RssTrack[] = [track('api', api), ...workers.map((child, index) => track(`worker ${index + 1}`, child))];
    const loadStart = Date.now();
    const apiCpuAtStart = processCpuMs(api.pid);
    const databaseCpu = new DatabaseBackendsCpu(new URL(database.url).pathname.slice(1));
    const until = loadStart + options.minutes * 60_000;
    // RSS is compared from a process's warm-up on: its first minute (a third of a short run) fills caches, pools and JIT code.
    const warmUpMs = Math.min(60_000, (options.minutes * 60_000) / 3);

    const pushing = paced(options.pushRate, until, (index) => {
      const id = `SOAK-${index}`;
      const body = JSON.stringify({ shipments: [oneParcelShipment(id, villageCodes[index % villageCodes.length])] });
      void push
        .measure(() => send('POST', `${baseUrl}/v1/webhooks/${platform.id}/shipments`, signedHeaders(webhookSecret, `msg_${randomUUID()}`, body), body))
        .then((answer) => answer?.ok && accepted.add(id));
    });
    const reading = paced(options.readRate, until, (index) => {
      const route = firstPlan.routes[index % firstPlan.routes.length]!;
      void read.measure(() => send('GET', `${plansUrl}/${first.id}/routes/${route.id}/manifest?format=json`, operator));
    });
    const planning = (async () => {
      for (let next = Date.now(); next < until; next += options.planEvery * 1_000) {
        await sleep(Math.max(0, next - Date.now()));
        const previous = plans.at(-1);
        if (previous && !['computed', 'failed'].includes(previous.status ?? '')) {
          const answer = await fetch(`${plansUrl}/${previous.id}`, { headers: operator }).then((response) => response.json() as Promise<{ status: string }>);
          previous.status = answer.status;
          if (!['computed', 'failed'].includes(answer.status)) {
            plansSkipped += 1;
            continue;
          }
        }
        const answer = await planRequests.measure(() => send('POST', plansUrl, operator, JSON.stringify({ serviceDate: SERVICE_DATE, wave: 2, replan: plans.length > 0 })));
        if (answer?.ok) plans.push({ id: (JSON.parse(answer.body) as { id: string }).id });
      }
    })();
    const killing = (async () => {
      for (let next = loadStart + options.killEvery * 1_000; next < until; next += options.killEvery * 1_000) {
        await sleep(Math.max(0, next - Date.now()));
        const victim = workers.shift()!;
        const exited = new Promise((resolve) => victim.once('exit', resolve));
        victim.kill('SIGKILL');
        await exited;
        killsAt.push(Date.now());
        const replacement = spawnWatchedWorker(env);
        workers.push(replacement);
        tracks.find((candidate) => candidate.child === victim)!.killed = true;
        tracks.push(track(`worker ${tracks.length}`, replacement));
        log(`worker ${victim.pid} killed, ${replacement.pid} started`);
      }
    })();
    const sampling = (async () => {
      while (Date.now() < until) {
        await sleep(5_000);
        databaseCpu.sample();
        for (const process of tracks.filter((candidate) => !candidate.killed)) {
          const kb = rssKb(process.child.pid);
          if (kb === null) continue;
          // A worker also waits for its first plan (see spawnWatchedWorker): what came before it is warm-up.
          const warm = Date.now() >= Math.max(loadStart, process.startedAt) + warmUpMs && (process.name === 'api' || rssAfterPlans.has(process.child));
          if (warm && process.warmKb === null) process.warmKb = kb;
          if (process.warmKb !== null) process.samplesKb.push(kb);
          process.lastKb = kb;
        }
        log(
          `pushes ${push.latenciesMs.length} (${push.errorsAt.length} errors, ${push.inFlight} waiting), reads ${read.latenciesMs.length} (${read.errorsAt.length} errors), plans ${plans.length}`,
        );
      }
    })();
    await Promise.all([pushing, reading, planning, killing, sampling]);
    const loadEnd = Date.now();
    for (let waited = 0; (push.inFlight > 0 || read.inFlight > 0) && waited < 60_000; waited += 100) await sleep(100);
    // CPU time the API spent, per request it answered: what a request costs whatever the machine's load.
    const apiCpuMs = (processCpuMs(api.pid) ?? NaN) - (apiCpuAtStart ?? NaN);
    const databaseCpuMs = databaseCpu.totalMs();
    const answeredRequests = push.latenciesMs.length + read.latenciesMs.length + planRequests.latenciesMs.length;
    // The last plan settles (computed, or failed for good) before the count.
    const lastPlans = await Promise.all(plans.map((plan) => waitForPlan(plan.id)));

    const db = seeded.app.get(DataSource);
    const stored: Array<{ id: string; copies: number }> = await db.query(
      `SELECT platform_shipment_id AS id, count(*)::int AS copies FROM shipment WHERE platform_id = $1 GROUP BY platform_shipment_id`,
      [platform.id],
    );
    const storedIds = new Set(stored.map((row) => row.id));
    const lost = [...accepted].filter((id) => !storedIds.has(id)).length;
    const duplicated = stored.filter((row) => row.copies > 1).length;
    const seconds = (loadEnd - loadStart) / 1000;
    const nearKill = (at: number) => killsAt.some((kill) => at >= kill && at - kill <= KILL_WINDOW_MS);

    console.log(
      `\nsoak: ${seconds.toFixed(0)} s, ${options.workers} workers (${killsAt.length} killed and replaced), ${cpus().length} cores, load at the end ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log(`endpoint                                                      sent/s  answered   errors (near a kill)  shed     p50 ms   p99 ms`);
    for (const stats of [push, read, planRequests]) {
      const kinds = [...stats.errorKinds].map(([kind, count]) => `${kind} ×${count}`).join(', ');
      console.log(
        `${stats.name.padEnd(60)} ${((stats.latenciesMs.length + stats.shed) / seconds).toFixed(1).padStart(7)} ${String(stats.latenciesMs.length).padStart(9)} ${String(stats.errorsAt.length).padStart(8)} (${stats.errorsAt.filter(nearKill).length})`.padEnd(
          110,
        ) + `${String(stats.shed).padStart(5)} ${stats.percentile(50).toFixed(1).padStart(9)} ${stats.percentile(99).toFixed(1).padStart(8)}${kinds ? `   ${kinds}` : ''}`,
      );
    }
    console.log(
      `plans requested ${plans.length} (skipped ${plansSkipped}: the previous one still running): ${lastPlans.filter((plan) => plan.status === 'computed').length} computed, ${lastPlans.filter((plan) => plan.status === 'failed').length} failed`,
    );
    console.log(
      `api CPU over the load and its drain: ${(apiCpuMs / 1000).toFixed(1)} s for ${answeredRequests} answered requests, ${(apiCpuMs / answeredRequests).toFixed(2)} ms each (incl. the plan request's and any background work)`,
    );
    console.log(
      `PostgreSQL backends of this database over the same span: ${(databaseCpuMs / 1000).toFixed(1)} s, ${(databaseCpuMs / answeredRequests).toFixed(2)} ms per answered request (incl. the workers' queries)`,
    );
    console.log(`shipments accepted ${accepted.size}, stored ${storedIds.size}: lost ${lost}, duplicated ${duplicated}`);
    console.log(
      `RSS ${(warmUpMs / 1000).toFixed(0)} s after a process's start (or the load's), and for a worker after its first plan too → at the end, or at its kill; a process younger than that, or a worker that computed no plan, is not measured`,
    );
    for (const process of tracks.filter((candidate) => candidate.warmKb !== null && candidate.lastKb !== null)) {
      const growth = ((process.lastKb! - process.warmKb!) / process.warmKb!) * 100;
      console.log(
        `  ${process.name.padEnd(10)} ${(process.warmKb! / 1024).toFixed(0).padStart(5)} MB → ${(process.lastKb! / 1024).toFixed(0).padStart(5)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)${process.killed ? ', killed' : ''}; ${rssTrend(process.samplesKb)}`,
      );
    }
    // The workers' judgement: RSS at the same point of each plan cycle, from their first plan on.
    for (const process of tracks.filter((candidate) => candidate.name !== 'api')) {
      console.log(`  ${process.name.padEnd(10)} ${afterPlansReport(process.child)}${process.killed ? ', killed' : ''}`);
    }
  } finally {
    await Promise.all(workers.map((child) => stopChild(child)));
    await stopChild(api);
    await app?.close();
    await release();
  }
}

runBench(main);
