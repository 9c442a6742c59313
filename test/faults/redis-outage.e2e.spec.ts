import request from 'supertest';
import { DataSource } from 'typeorm';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { QueueErrorListeners } from '../../src/infra/queue/queue-error-listeners';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { Plan } from '../../src/planning/plan.entity';
import { eventually, TestReceiver } from '../integrations/support/receiver';
import { receiveAtHub } from '../planning/support/planning-county';
import { PlanningE2e, startPlanningE2e, waitForComputedPlan } from '../planning/support/planning-e2e';
import { startThrowawayRedis, ThrowawayService } from '../support/throwaway-services';

/** BullMQ's default drainDelay (the worker's blocking wait for a job) is 5 s: the outage outlasts it. */
const OUTAGE_MS = 7_000;
const SERVICE_DATE = '2026-12-01';

/**
 * Fault: Redis goes away for longer than BullMQ's drainDelay while plans and webhook events flow, then
 * comes back (with its data: a restart, not a flush). The API and the worker (both in this process: an
 * 'error' event nobody listens to would fail the suite) survive, the workers resume by themselves, and
 * PostgreSQL's plans and events all come through, each once.
 */
describe('fault: a Redis outage while jobs flow', () => {
  let redis: ThrowawayService;
  let setup: PlanningE2e;
  const receiver = new TestReceiver();

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    setup = await startPlanningE2e({ redisUrl: redis.url });
  }, 120_000);

  afterAll(async () => {
    await setup?.close();
    await receiver.stop();
    await redis?.destroy();
  });

  it('loses no plan and no webhook event; the workers resume within 5 s of Redis coming back', async () => {
    const { api, worker, owner, county } = setup;
    const countyId = owner.county.id;
    // Every queue of the API and every queue and worker of the worker process has its listener.
    expect(api.app.get(QueueErrorListeners).count()).toBeGreaterThanOrEqual(3);
    expect(worker.get(QueueErrorListeners).count()).toBeGreaterThanOrEqual(6);

    const { platform } = await api.app.get(PlatformsService).ensure(countyId, 'planning-test-platform');
    await request(api.baseUrl)
      .post(`/v1/counties/${countyId}/platforms/${platform.id}/subscriptions`)
      .set('Authorization', owner.authorization)
      .send({ url: await receiver.start(), eventTypes: ['shipment.created'] })
      .expect(201);
    const villages = county.villages.slice(0, 2).map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [1_000] }));
    const before = await receiveAtHub(api.app, countyId, villages);
    const plans = api.app.get(PlanRequestsService);
    const first = await plans.request(countyId, { serviceDate: SERVICE_DATE, wave: 1 });
    expect((await waitForComputedPlan(api, owner, first.id)).status).toBe('computed');

    await redis.kill();
    // While Redis is down: the intake still stores shipments (PostgreSQL is the truth, the outbox
    // holds their events), a plan is requested (its job waits in the client's offline queue), and the API answers.
    const during = await receiveAtHub(api.app, countyId, villages);
    const second = plans.request(countyId, { serviceDate: SERVICE_DATE, wave: 2 });
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await request(api.baseUrl)
      .get('/health')
      .expect((response) => expect(response.status).toBeLessThan(600));
    await redis.start();
    const backAtMs = Date.now();

    const secondPlan = await second;
    const db = api.app.get(DataSource);
    await eventually(async () => (await db.getRepository(Plan).findOneByOrFail({ id: secondPlan.id })).attempts >= 1, 30_000, 50);
    const resumedMs = Date.now() - backAtMs;
    expect((await waitForComputedPlan(api, owner, secondPlan.id)).status).toBe('computed');
    const shipmentIds = [...before, ...during];
    const deliveredIds = () => receiver.received.map((received) => (JSON.parse(received.body) as { data: { shipmentId: string } }).data.shipmentId);
    await eventually(async () => shipmentIds.every((id) => deliveredIds().includes(id)), 30_000);
    const eventsDeliveredMs = Date.now() - backAtMs;
    console.log('fault redis-outage:', JSON.stringify({ outageMs: OUTAGE_MS, resumedMs, eventsDeliveredMs, plansLost: 0, eventsLost: 0 }));

    expect(resumedMs).toBeLessThanOrEqual(5_000);
    // Each plan computed once.
    const stored = await db.getRepository(Plan).find({ where: { countyId } });
    expect(stored.map((plan) => [plan.wave, plan.status, plan.attempts]).sort()).toEqual([
      [1, 'computed', 1],
      [2, 'computed', 1],
    ]);
    // At least once, as webhooks are: one event per shipment, however often it was sent.
    expect(new Set(deliveredIds())).toEqual(new Set(shipmentIds));
    expect(new Set(receiver.received.map((received) => received.headers['webhook-id'])).size).toBe(shipmentIds.length);
  }, 120_000);
});
