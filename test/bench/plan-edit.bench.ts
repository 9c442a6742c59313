/**
 * Stop-move edit latency on the demo county. Run: `npm run bench:edit [-- --moves 60 --seed 1
 * --time-limit 10 --draft --json]`. On a scratch database and queue prefix of its own it does what
 * `npm run demo` does (seed Xihe, push its shipments through the signed webhook, scan them in, plan
 * wave 1 with an in-process worker, publish), then sends `--moves` stop moves over HTTP to the API in
 * this process, one after the other, each with the plan's current `expectedRevision`: a random stop of
 * a random planned route goes to a random place on a route from the same depot (another route when
 * the depot has one, 3 times in 4). The time is from sending the request to the whole answer, as the
 * dispatcher's console sees it; refused moves (409: capacity, time window, shift ...) are answers too
 * and are reported apart. The first move is reported apart as well: it builds the county's road graph
 * in the API process (the worker built its own). Also the process's CPU time per move (the API runs in
 * this process), a figure that a loaded machine does not inflate as it does wall time.
 */
import 'reflect-metadata';
import { performance } from 'perf_hooks';
import { createHttpApp } from '../../src/app-setup';
import { integerBetween } from '../../src/cli/option-parsers';
import { scanInEverythingReceived } from '../../src/demo/demo-hub-arrival';
import { planDemoWave } from '../../src/demo/demo-plan';
import { startInProcessWorker } from '../../src/demo/in-process-worker';
import { pushDemoShipments } from '../../src/demo/push-demo-shipments';
import { seedDemoCounty } from '../../src/demo/seed-demo-county';
import { Random } from '@rural-dispatch/routing';
import { withScratchConfig } from '../support/scratch-app';
import { benchCommand, runBench } from './bench-command';

const options = benchCommand('bench:edit', 'time stop moves over HTTP on the planned demo county')
  .option('--moves <n>', 'stop moves to time (at least 50 for the p95)', integerBetween(1), 60)
  .option('--seed <n>', 'seed of the moves and of the plan', integerBetween(0), 1)
  .option('--time-limit <s>', 'solver seconds for the plan', integerBetween(1), 10)
  .option('--draft', 'edit the computed draft instead of the published plan (no ETAs to announce)')
  .option('--json', 'print the figures as JSON')
  .parse()
  .opts<{ moves: number; seed: number; timeLimit: number; draft?: boolean; json?: boolean }>();

const SERVICE_DATE = '2026-11-30';

interface Route {
  id: string;
  startNodeId: string;
  status: string;
  locked: boolean;
  stops: Array<{ id: string }>;
}

/** One JSON request to the API, as a client sends it. */
async function call(baseUrl: string, authorization: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

function percentile(sortedMs: number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1)]!;
}

function summary(timesMs: number[]): { count: number; p50Ms: number; p95Ms: number; maxMs: number } | null {
  if (timesMs.length === 0) return null;
  const sorted = [...timesMs].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { count: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)), maxMs: round(sorted[sorted.length - 1]!) };
}

async function main(): Promise<void> {
  // The bench's service date is the county's today: the process clock starts that morning (unless CLOCK_START says otherwise).
  const clockStart = process.env.CLOCK_START ? undefined : new Date(`${SERVICE_DATE}T06:00:00+08:00`);
  await withScratchConfig(
    `rd_bench_edit_${process.pid}`,
    async (config) => {
      const app = await createHttpApp(config);
      await app.listen(0, '127.0.0.1');
      try {
        const seeded = await seedDemoCounty(app, 1, undefined);
        const countyId = seeded.county.id;
        const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
        await pushDemoShipments(baseUrl, countyId, app, { date: SERVICE_DATE });
        await scanInEverythingReceived(app, countyId);
        const planned = await planDemoWave(app, countyId, SERVICE_DATE, {
          startWorker: () => startInProcessWorker(config),
          timeLimitS: options.timeLimit,
          seed: options.seed,
          log: () => {},
        });
        const plansUrl = `/v1/counties/${countyId}/plans`;
        const api = (method: string, path: string, body?: unknown) => call(baseUrl, `Bearer ${seeded.apiKey}`, method, path, body);
        if (!options.draft) {
          const published = await api('POST', `${plansUrl}/${planned.planId}/publish`, {});
          if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
        }
        const plan = (await api('GET', `${plansUrl}/${planned.planId}`)).body;
        const routes = new Map<string, Route>(plan.routes.map((route: Route) => [route.id, route]));
        let revision: number = plan.revision;

        const random = new Random(options.seed);
        const timesMs: { accepted: number[]; refused: number[] } = { accepted: [], refused: [] };
        const refusedByRule = new Map<string, number>();
        let firstMs = 0;
        // The API runs in this process: its CPU time per move (plus the client's small share) does not grow with the machine's load as wall time does.
        const cpuMs: number[] = [];
        for (let move = 0; move < options.moves; move++) {
          const editable = [...routes.values()].filter((route) => route.status === 'planned' && !route.locked && route.stops.length > 0);
          const from = editable[random.nextInt(editable.length)]!;
          const stop = from.stops[random.nextInt(from.stops.length)]!;
          const siblings = [...routes.values()].filter((route) => route.startNodeId === from.startNodeId && route.id !== from.id && route.status === 'planned' && !route.locked);
          const to = siblings.length > 0 && random.nextFloat() < 0.75 ? siblings[random.nextInt(siblings.length)]! : from;
          const places = to === from ? from.stops.length : to.stops.length + 1;
          const cpuBefore = process.cpuUsage();
          const startedAt = performance.now();
          const response = await api('POST', `${plansUrl}/${plan.id}/routes/${from.id}/stops/${stop.id}/move`, {
            toRouteId: to.id,
            position: 1 + random.nextInt(places),
            expectedRevision: revision,
          });
          const elapsedMs = performance.now() - startedAt;
          const cpu = process.cpuUsage(cpuBefore);
          if (move > 0) cpuMs.push((cpu.user + cpu.system) / 1000);
          if (move === 0) firstMs = elapsedMs;
          else if (response.status === 200) timesMs.accepted.push(elapsedMs);
          else timesMs.refused.push(elapsedMs);
          if (response.status === 200) {
            revision = response.body.plan.revision;
            for (const route of response.body.routes as Route[]) routes.set(route.id, route);
            for (const id of response.body.removedRouteIds as string[]) routes.delete(id);
          } else if (response.status === 409 && Array.isArray(response.body.violations)) {
            const rule = response.body.violations[0].rule as string;
            refusedByRule.set(rule, (refusedByRule.get(rule) ?? 0) + 1);
          } else {
            throw new Error(`move ${move + 1} answered ${response.status}: ${JSON.stringify(response.body)}`);
          }
        }
        const figures = {
          county: `${seeded.county.name} (${seeded.county.adminCode})`,
          plan: { lifecycle: options.draft ? 'draft' : 'published', routes: plan.routes.length, parcels: plan.parcels, vehicles: plan.vehiclesUsed },
          moves: options.moves,
          firstMoveMs: Math.round(firstMs),
          all: summary([...timesMs.accepted, ...timesMs.refused]),
          accepted: summary(timesMs.accepted),
          refused: summary(timesMs.refused),
          refusedByRule: Object.fromEntries(refusedByRule),
          cpuPerMove: summary(cpuMs),
        };
        if (options.json) console.log(JSON.stringify(figures, null, 2));
        else {
          console.log(`${figures.county}: ${figures.plan.lifecycle} plan of ${figures.plan.routes} routes, ${figures.plan.parcels} parcels, ${figures.plan.vehicles} vehicles`);
          console.log(`first move (builds the road graph in the API process): ${figures.firstMoveMs} ms`);
          for (const [name, stats] of [
            ['all moves after the first', figures.all],
            ['accepted', figures.accepted],
            ['refused (409)', figures.refused],
          ] as const) {
            if (stats) console.log(`${name.padEnd(26)} n=${String(stats.count).padStart(3)}  p50 ${stats.p50Ms} ms  p95 ${stats.p95Ms} ms  max ${stats.maxMs} ms`);
          }
          console.log(`refused by first rule: ${JSON.stringify(figures.refusedByRule)}`);
          const cpu = figures.cpuPerMove!;
          console.log(`CPU time of this process per move (API and client): p50 ${cpu.p50Ms} ms  p95 ${cpu.p95Ms} ms  max ${cpu.maxMs} ms`);
        }
      } finally {
        await app.close();
      }
    },
    { ...(clockStart ? { clockStart } : {}), logLevel: 'error' },
  );
}

runBench(main);
