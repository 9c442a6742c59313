import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { signedHeaders } from '../../src/integrations/webhook-signature';
import { createCounty } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { createPlatform, shipmentInput } from '../shipments/support/platform-client';
import { createVillages } from '../shipments/support/village-factory';
import { eventually } from '../integrations/support/receiver';
import { freePort } from '../support/throwaway-services';

const ROOT = join(__dirname, '../..');

/**
 * Issue 12, item 1: PostgreSQL dropping the connection of an intake in flight ended the API process
 * (a raw pg client with no 'error' listener). The API runs here as its own OS process, as in
 * production, so that losing it is seen as an exit rather than as a crash of the test runner.
 */
describe('PostgreSQL terminating the connections of an intake in flight', () => {
  let helper: TestApp;
  let api: ChildProcess | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/build-if-stale.sh')], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
    // An in-process app on the same database, for the county, the villages and the platform.
    helper = await startTestApp(await createTestConfig());
  }, 320_000);

  afterAll(async () => {
    if (api && api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    await helper.close();
    await cleanupTestConfig(helper.config);
  });

  it('leaves the process serving, answers the cut request, and writes all of the batch or none of it', async () => {
    const { county } = await createCounty(helper.app);
    const villages = await createVillages(helper.app, county.id, county.adminCode);
    const platform = await createPlatform(helper.app, helper.baseUrl, county.id);
    const port = await freePort();
    api = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: helper.config.databaseUrl, QUEUE_PREFIX: helper.config.queuePrefix, PORT: String(port), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', process.env.TEST_API_STDERR ? 'inherit' : 'ignore'],
    });
    api.once('exit', (code, signal) => (exit = { code, signal }));
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 60_000, 200);

    // The reproduction: a signed batch of 500 shipments × 50 parcels (about 3 MB).
    const shipments = Array.from({ length: 500 }, (_, index) =>
      shipmentInput({
        id: `CUT-${index}`,
        destination: { villageCode: villages[index % villages.length]!.adminCode },
        parcels: Array.from({ length: 50 }, (_, parcel) => ({ barcode: `CUT-${index}-${parcel}`, weightG: 300, dimensions: { length: 20, width: 10, height: 5, unit: 'cm' } })),
      }),
    );
    const body = JSON.stringify({ shipments });
    const push = fetch(`${base}/v1/webhooks/${platform.id}/shipments`, { method: 'POST', headers: signedHeaders(platform.secret, 'msg_cut_1', body), body });
    const db = helper.app.get(DataSource);
    const database = new URL(helper.config.databaseUrl).pathname.slice(1);
    // The issue cut 0.5 s in; on a loaded machine the batch reaches its insert later, so wait for the
    // insert to be running and cut then: the busy connections of the database, less this test's own.
    let terminated: Array<{ pid: number }> = [];
    await eventually(
      async () => {
        terminated = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle' AND query LIKE '%INSERT INTO shipment%'`, [
          database,
        ]);
        return terminated.length > 0;
      },
      60_000,
      20,
    );
    for (const { pid } of terminated) await db.query('SELECT pg_terminate_backend($1)', [pid]);
    const answer = await push;
    console.log('intake connection loss:', JSON.stringify({ terminated: terminated.length, status: answer.status }));

    // Cut in the middle it is a 503 the platform retries; had the batch committed first, a 200.
    expect([200, 503]).toContain(answer.status);
    // The process lives on and serves: health and a second push.
    await eventually(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 20_000, 200);
    expect(exit).toBeNull();
    const [{ stored, parcels }] = await db.query(
      `SELECT count(DISTINCT s.id)::int AS stored, count(p.id)::int AS parcels FROM shipment s LEFT JOIN shipment_parcel p ON p.shipment_id = s.id WHERE s.county_id = $1`,
      [county.id],
    );
    // One transaction: all 500 with their 25,000 parcels, or nothing.
    expect([0, 500]).toContain(stored);
    expect(parcels).toBe(stored * 50);
    // The platform's retry (a new message id) completes the batch.
    const retry = await fetch(`${base}/v1/webhooks/${platform.id}/shipments`, { method: 'POST', headers: signedHeaders(platform.secret, 'msg_cut_2', body), body });
    expect(retry.status).toBe(200);
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM shipment_parcel WHERE county_id = $1`, [county.id]);
    expect(total).toBe(25_000);
    expect(exit).toBeNull();
  }, 180_000);
});
