import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/infra/config/app-config';
import { Plan } from '../../src/planning/plan.entity';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { createCounty } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { eventually } from '../integrations/support/receiver';
import { createLongSolveCounty, waitForSolveStart } from './support/long-solve-county';

const ROOT = join(__dirname, '../..');
// Short, so the test is quick: a dead worker's lock expires after 4 s, and live workers look every second.
const WORKER_ENV = { PLANNING_LOCK_DURATION_MS: '4000', PLANNING_STALLED_INTERVAL_MS: '1000' };

/** `npm run worker` as its own OS process (the compiled build), on the test's database and queue prefix. */
function spawnWorker(config: AppConfig): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist/src/worker.js')], {
    cwd: ROOT,
    env: { ...process.env, ...WORKER_ENV, DATABASE_URL: config.databaseUrl, QUEUE_PREFIX: config.queuePrefix, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

describe('a worker killed in the middle of a plan', () => {
  let config: AppConfig;
  let api: TestApp;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // The spawned workers run the compiled build: build it when a source is newer.
    execFileSync('bash', [join(ROOT, 'scripts/build-if-stale.sh')], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
    config = await createTestConfig();
    api = await startTestApp(config);
  }, 320_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await api?.close();
    if (config) await cleanupTestConfig(config);
  });

  it('is replaced by another worker that finishes the plan, writing exactly one plan version', async () => {
    const { county } = await createCounty(api.app);
    await createLongSolveCounty(api.app, county.id, county.adminCode, 100);
    const first = spawnWorker(config);
    workers.push(first);
    const plan = await api.app.get(PlanRequestsService).request(county.id, { serviceDate: '2026-12-01', wave: 1, timeLimitS: 8 });
    await waitForSolveStart(api.app, plan, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    const killedAtMs = Date.now();
    workers.push(spawnWorker(config));

    const db = api.app.get(DataSource);
    const stored = () => db.getRepository(Plan).findOneByOrFail({ id: plan.id });
    await eventually(async () => (await stored()).attempts >= 2, 60_000, 100);
    const takenOverMs = Date.now() - killedAtMs;
    // The replacement solves the wave (8 s), then its unconsolidated baseline with the same budget.
    await eventually(async () => (await stored()).status === 'computed', 120_000, 200);
    const completed = await stored();
    console.log('worker crash:', JSON.stringify({ takenOverMs, completedMs: completed.finishedAt!.getTime() - killedAtMs }));

    // Claimed twice (the killed worker, then its replacement), written once.
    expect(completed.attempts).toBe(2);
    // Lock expiry + a stalled check + the new worker's boot (seconds on a loaded machine), not the old 11-minute lock.
    expect(takenOverMs).toBeLessThanOrEqual(30_000);
    const [{ plans }] = await db.query(`SELECT count(*)::int AS plans FROM plan WHERE county_id = $1`, [county.id]);
    expect(plans).toBe(1);
    const routes: Array<{ plan_id: string }> = await db.query(`SELECT r.plan_id FROM plan_route r JOIN plan p ON p.id = r.plan_id WHERE p.county_id = $1`, [county.id]);
    expect(routes.length).toBeGreaterThan(0);
    expect(new Set(routes.map((route) => route.plan_id))).toEqual(new Set([plan.id]));
    const stopped: Array<{ shipment_id: string; stops: number }> = await db.query(
      `SELECT shipment_id, count(*)::int AS stops FROM plan_stop s JOIN plan_route r ON r.id = s.route_id, unnest(s.shipment_ids) AS shipment_id
        WHERE r.plan_id = $1 GROUP BY shipment_id`,
      [plan.id],
    );
    // A computed plan is a draft: its shipments stay at the hub until it is published.
    const [{ planned }] = await db.query(`SELECT count(*)::int AS planned FROM shipment WHERE county_id = $1 AND status = 'at_hub'`, [county.id]);
    expect(stopped.every((row) => row.stops === 1)).toBe(true);
    expect(planned).toBeGreaterThan(0);
    expect(stopped.length).toBeLessThanOrEqual(planned);
  }, 200_000);
});
