import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { Plan } from '../../src/planning/plan.entity';
import { eventually } from '../integrations/support/receiver';
import { waitForComputedPlan } from '../planning/support/planning-e2e';
import { receiveAtHub } from '../planning/support/planning-county';
import { PlanningOnThrowawayPostgres, startPlanningOnThrowawayPostgres } from './support/planning-on-throwaway-postgres';

const SERVICE_DATE = '2026-12-01';

/**
 * Fault: PostgreSQL terminates the worker's connection in the middle of the plan's write (routes,
 * stops, baseline and deferrals inserted, the closing plan event not yet). The cut is placed there on
 * purpose rather than by timing: the test holds an EXCLUSIVE lock on plan_event (reads still pass), so
 * the write's last insert waits on it, and the test terminates exactly that backend. The worker
 * survives, the transaction leaves nothing behind, and the job's retry writes the whole plan once.
 */
describe('fault: PostgreSQL terminating the connection of a plan write', () => {
  let fault: PlanningOnThrowawayPostgres;

  beforeAll(async () => {
    fault = await startPlanningOnThrowawayPostgres();
  }, 120_000);

  afterAll(async () => {
    await fault?.close();
  });

  it('writes the plan all or nothing, and the retry computes it once', async () => {
    const { api, owner, county } = fault.setup;
    const countyId = owner.county.id;
    const shipmentIds = await receiveAtHub(
      api.app,
      countyId,
      county.villages.slice(0, 3).map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [1_000, 2_000] })),
    );
    const db = api.app.get(DataSource);
    const plan = await api.app.get(PlanRequestsService).request(countyId, { serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 2 });
    // Taken as soon as the request is stored, while the worker is still loading or solving (at least 2 s of solver time with the baseline).
    const blocker = new Client({ connectionString: fault.setup.config.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE plan_event IN EXCLUSIVE MODE');
    const startedMs = Date.now();
    let writer: { pid: number } | undefined;
    await eventually(
      async () => {
        [writer] = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO "plan_event"%'`);
        return writer !== undefined;
      },
      50_000,
      50,
    );
    // Mid-write: its routes are inserted in its open transaction.
    const [{ terminated }] = await db.query('SELECT pg_terminate_backend($1) AS terminated', [writer!.pid]);
    expect(terminated).toBe(true);
    await blocker.query('ROLLBACK');
    await blocker.end();
    const cutMs = Date.now();

    // Nothing of the cut attempt is visible: no route without its plan event, and the plan is not computed by it.
    const routesAfterCut = async () => (await db.query('SELECT count(*)::int AS n FROM plan_route WHERE plan_id = $1', [plan.id]))[0].n as number;
    const statusAfterCut = (await db.getRepository(Plan).findOneByOrFail({ id: plan.id })).status;
    if (statusAfterCut !== 'computed') expect(await routesAfterCut()).toBe(0);

    const computed = await waitForComputedPlan(api, owner, plan.id);
    const recoveredMs = Date.now() - cutMs;
    expect(computed.status).toBe('computed');
    const stored = await db.getRepository(Plan).findOneByOrFail({ id: plan.id });
    // The cut attempt and the retry that wrote it.
    expect(stored.attempts).toBe(2);
    const events: Array<{ data: { routes: number } }> = await db.query(`SELECT data FROM plan_event WHERE plan_id = $1 AND type = 'plan.computed'`, [plan.id]);
    expect(events).toHaveLength(1);
    // The retry's routes only, no leftover of the cut attempt: as many as the plan event counts.
    expect(await routesAfterCut()).toBe(events[0]!.data.routes);
    // Each routed shipment stops once per tier at most (the trunk to its township, the last mile to its village).
    const placed: Array<{ shipment_id: string; stops: number }> = await db.query(
      `SELECT s.shipment_id, count(*)::int AS stops FROM plan_stop ps JOIN plan_route r ON r.id = ps.route_id, unnest(ps.shipment_ids) AS s(shipment_id)
        WHERE r.plan_id = $1 GROUP BY s.shipment_id`,
      [plan.id],
    );
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.every((row) => shipmentIds.includes(row.shipment_id) && row.stops <= 2)).toBe(true);
    console.log(
      'fault postgres-plan-write:',
      JSON.stringify({ cutAfterMs: cutMs - startedMs, statusAfterCut, recoveredMs, attempts: stored.attempts, plansLost: 0, halfWritten: 0 }),
    );
  }, 90_000);
});
