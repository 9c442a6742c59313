import request from 'supertest';
import { DataSource } from 'typeorm';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { Plan } from '../../src/planning/plan.entity';
import { eventually, TestReceiver } from '../integrations/support/receiver';
import { waitForComputedPlan } from '../planning/support/planning-e2e';
import { receiveAtHub } from '../planning/support/planning-county';
import { createPlatform, shipmentInput } from '../shipments/support/platform-client';
import { PlanningOnThrowawayPostgres, startPlanningOnThrowawayPostgres } from './support/planning-on-throwaway-postgres';

const SERVICE_DATE = '2026-12-01';
/** How long PostgreSQL stays down: about as long as the plan in flight still solves, so that its write or its progress may meet the outage. */
const OUTAGE_MS = 4_000;

/**
 * Fault: PostgreSQL restarted (a clean stop, then a start, as an operator's restart or a managed
 * failover does) while a plan is being computed and webhook events are on their way. While it is down
 * the API answers 503 `unavailable` (platforms and operators retry it), never 500; afterwards the
 * processes recover by themselves (pg's pool drops the dead connections and opens new ones), the plan
 * in flight is retried to `computed`, and every event comes through.
 */
describe('fault: a PostgreSQL restart while jobs flow', () => {
  let fault: PlanningOnThrowawayPostgres;
  const receiver = new TestReceiver();

  beforeAll(async () => {
    fault = await startPlanningOnThrowawayPostgres();
  }, 120_000);

  afterAll(async () => {
    await fault?.close();
    await receiver.stop();
  });

  it('answers 503 while it is down, recovers by itself, and loses nothing', async () => {
    const { api, owner, county } = fault.setup;
    const countyId = owner.county.id;
    const db = api.app.get(DataSource);
    const platform = await createPlatform(api.app, api.baseUrl, countyId, 'planning-test-platform');
    await request(api.baseUrl)
      .post(`/v1/counties/${countyId}/platforms/${platform.id}/subscriptions`)
      .set('Authorization', owner.authorization)
      .send({ url: await receiver.start(), eventTypes: ['shipment.created'] })
      .expect(201);
    const villages = county.villages.slice(0, 3).map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [1_000] }));
    const before = await receiveAtHub(api.app, countyId, villages);
    const plans = api.app.get(PlanRequestsService);
    const inFlight = await plans.request(countyId, { serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 2 });
    await eventually(async () => (await db.getRepository(Plan).findOneByOrFail({ id: inFlight.id })).status === 'running', 30_000, 50);

    await fault.postgres.stop();
    const downAtMs = Date.now();
    // While it is down: reads, the intake and a plan request are each a 503 with the problem code, not a 500.
    const planRead = await request(api.baseUrl).get(`/v1/counties/${countyId}/plans/${inFlight.id}`).set('Authorization', owner.authorization);
    const push = await platform.push({ shipments: [shipmentInput({ destination: { villageCode: villages[0]!.villageCode } })] });
    const planRequest = await request(api.baseUrl)
      .post(`/v1/counties/${countyId}/plans`)
      .set('Authorization', owner.authorization)
      .send({ serviceDate: SERVICE_DATE, wave: 2, timeLimitS: 2 });
    const health = await request(api.baseUrl).get('/health');
    expect([planRead.status, push.status, planRequest.status, health.status]).toEqual([503, 503, 503, 503]);
    expect([planRead.body.code, push.body.code, planRequest.body.code]).toEqual(['unavailable', 'unavailable', 'unavailable']);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAtMs))));

    await fault.postgres.start();
    const upAtMs = Date.now();
    // Recovery: the first request answered again, with no restart of the API or the worker.
    await eventually(
      async () => (await request(api.baseUrl).get(`/v1/counties/${countyId}/plans/${inFlight.id}`).set('Authorization', owner.authorization)).status === 200,
      30_000,
      50,
    );
    const apiRecoveredMs = Date.now() - upAtMs;
    // The platform and the operator retry what was refused.
    const retried = await platform.push({ shipments: [shipmentInput({ destination: { villageCode: villages[0]!.villageCode } })] }).expect(200);
    const second = await request(api.baseUrl)
      .post(`/v1/counties/${countyId}/plans`)
      .set('Authorization', owner.authorization)
      .send({ serviceDate: SERVICE_DATE, wave: 2, timeLimitS: 2 })
      .expect(202);
    expect((await waitForComputedPlan(api, owner, inFlight.id)).status).toBe('computed');
    const inFlightComputedMs = Date.now() - upAtMs;
    expect((await waitForComputedPlan(api, owner, second.body.id)).status).toBe('computed');

    const shipmentIds = [...before, ...(retried.body.results as Array<{ shipmentId: string }>).map((result) => result.shipmentId)];
    const deliveredIds = () => receiver.received.map((received) => (JSON.parse(received.body) as { data: { shipmentId: string } }).data.shipmentId);
    await eventually(async () => shipmentIds.every((id) => deliveredIds().includes(id)), 30_000);
    const eventsDeliveredMs = Date.now() - upAtMs;
    // Each plan computed, each wave once; one event per shipment stored.
    const stored = await db.getRepository(Plan).find({ where: { countyId } });
    const inFlightAttempts = stored.find((plan) => plan.id === inFlight.id)?.attempts;
    console.log(
      'fault postgres-restart:',
      JSON.stringify({ downMs: upAtMs - downAtMs, apiRecoveredMs, inFlightComputedMs, inFlightAttempts, eventsDeliveredMs, plansLost: 0, eventsLost: 0, shipmentsLost: 0 }),
    );
    expect(stored.map((plan) => [plan.wave, plan.status]).sort()).toEqual([
      [1, 'computed'],
      [2, 'computed'],
    ]);
    expect(new Set(deliveredIds())).toEqual(new Set(shipmentIds));
  }, 90_000);
});
