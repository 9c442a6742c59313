import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../../src/infra/queue/queue-names';
import { signedHeaders } from '../../src/integrations/webhook-signature';
import { Plan } from '../../src/planning/plan.entity';
import { WaveSchedulesService } from '../../src/planning/wave-schedules.service';
import { eventually, TestReceiver } from '../integrations/support/receiver';
import { createPlanningCounty, PlanningCounty, receiveAtHub } from '../planning/support/planning-county';
import { createPlatform, shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { createCounty, CountyWithKey } from '../support/factories';
import { buildIfStale, spawnApi, spawnWorker, stopProcess } from '../support/service-processes';
import { cleanupTestConfig, createTestConfig, startTestApp, TEST_CLOCK_START, TestApp } from '../support/test-app';
import { freePort } from '../support/throwaway-services';

const SERVICE_DATE = '2026-12-01';
/** Small enough for a test to exhaust through one API and check on the other; the other budgets stay out of the way. */
const PER_KEY_PER_MINUTE = 40;
const SHARED_ENV = {
  RATE_LIMIT_PER_KEY_PER_MINUTE: String(PER_KEY_PER_MINUTE),
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_PLATFORM_PER_MINUTE: '1000000',
  CLOCK_START: TEST_CLOCK_START.toISOString(),
  ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
};

/**
 * Deployed as two API processes (different ports, as behind a load balancer) and two workers, all on
 * one PostgreSQL and one Redis: whichever process a request or a job reaches, the county sees one
 * service. Budgets and idempotency live in Redis and PostgreSQL, not in a process; a plan, a scheduled
 * wave and a webhook delivery are each taken by one worker.
 */
describe('two API processes and two workers on one Redis and one PostgreSQL', () => {
  let helper: TestApp;
  const processes: ChildProcess[] = [];
  let apiA: string;
  let apiB: string;
  let owner: CountyWithKey;
  let county: PlanningCounty;
  let platform: TestPlatform;
  const receiver = new TestReceiver();

  beforeAll(async () => {
    buildIfStale();
    // In this process: the seeding and the checks on the database and the queues; it serves no request of the test.
    helper = await startTestApp(await createTestConfig());
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    owner = await createCounty(helper.app, { adminCode: countyCode });
    county = await createPlanningCounty(helper.app, owner.county.id, countyCode);
    platform = await createPlatform(helper.app, helper.baseUrl, owner.county.id);
    // Shipments at the hub, so that the plans have routes to solve.
    await receiveAtHub(
      helper.app,
      owner.county.id,
      county.villages.slice(0, 3).map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [1_000, 2_000] })),
    );
    const [portA, portB] = [await freePort(), await freePort()];
    processes.push(spawnWorker(helper.config, SHARED_ENV), spawnWorker(helper.config, SHARED_ENV));
    processes.push(await spawnApi(helper.config, portA, SHARED_ENV), await spawnApi(helper.config, portB, SHARED_ENV));
    [apiA, apiB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  }, 360_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => stopProcess(child)));
    await receiver.stop();
    await helper?.close();
    if (helper) await cleanupTestConfig(helper.config);
  });

  const call = (base: string, method: string, path: string, key: CountyWithKey, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { Authorization: key.authorization, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const plans = () => helper.app.get(DataSource).getRepository(Plan);

  it('shares the per-key budget: spent through API A, it is spent on API B', async () => {
    // A county of its own, so that its key's budget is this case's alone.
    const other = await createCounty(helper.app);
    for (let index = 0; index < PER_KEY_PER_MINUTE; index++) {
      expect((await call(apiA, 'GET', `/v1/counties/${other.county.id}/plans`, other)).status).toBe(200);
    }
    const onB = await call(apiB, 'GET', `/v1/counties/${other.county.id}/plans`, other);
    expect(onB.status).toBe(429);
    expect(onB.headers.get('retry-after')).toBeTruthy();
  });

  it('shares idempotency: the same key through API B answers what API A answered', async () => {
    const body = { serviceDate: SERVICE_DATE, wave: 3, timeLimitS: 2 };
    const key = { 'Idempotency-Key': randomUUID() };
    const first = await call(apiA, 'POST', `/v1/counties/${owner.county.id}/plans`, owner, body, key);
    expect(first.status).toBe(202);
    const again = await call(apiB, 'POST', `/v1/counties/${owner.county.id}/plans`, owner, body, key);
    expect(again.status).toBe(202);
    const [firstPlan, againPlan] = [(await first.json()) as { id: string }, (await again.json()) as { id: string }];
    expect(againPlan.id).toBe(firstPlan.id);
    expect(await plans().countBy({ countyId: owner.county.id, serviceDate: SERVICE_DATE, wave: 3 })).toBe(1);
  });

  it('computes a plan requested through API A once, on one of the workers, and shows it through API B', async () => {
    const requested = await call(apiA, 'POST', `/v1/counties/${owner.county.id}/plans`, owner, { serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 2 });
    expect(requested.status).toBe(202);
    const { id } = (await requested.json()) as { id: string };
    await eventually(async () => (await plans().findOneByOrFail({ id })).status === 'computed', 90_000, 200);
    expect(await plans().findOneByOrFail({ id })).toMatchObject({ attempts: 1, status: 'computed' });
    expect((await plans().findOneByOrFail({ id })).parcels).toBeGreaterThan(0);
    const computedEvents: unknown[] = await helper.app.get(DataSource).query(`SELECT 1 FROM plan_event WHERE plan_id = $1 AND type = 'plan.computed'`, [id]);
    expect(computedEvents).toHaveLength(1);
    const onB = await call(apiB, 'GET', `/v1/counties/${owner.county.id}/plans/${id}`, owner);
    expect(onB.status).toBe(200);
    expect(await onB.json()).toMatchObject({ id, status: 'computed' });
  }, 120_000);

  it('fires a scheduled wave once, not once per worker', async () => {
    const set = await call(apiA, 'PUT', `/v1/counties/${owner.county.id}/wave-schedule`, owner, { waves: [{ wave: 2, cutoff: '12:30' }], autoPublish: false });
    expect(set.status).toBe(200);
    // Both workers reconcile schedulers at start and periodically: still one scheduler, one next firing.
    expect(await helper.app.get(WaveSchedulesService).schedulers(owner.county.id)).toHaveLength(1);
    const waveQueue = helper.app.get<Queue>(getQueueToken(QueueName.waveSchedule));
    const firings = (await waveQueue.getDelayed()).filter((job) => job.repeatJobKey === `wave-${owner.county.id}-2`);
    expect(firings).toHaveLength(1);
    // Bring the firing forward: one of the two workers takes it.
    await firings[0]!.promote();
    await eventually(async () => (await plans().findOneBy({ countyId: owner.county.id, wave: 2 }))?.status === 'computed', 90_000, 200);
    const wavePlans = await plans().findBy({ countyId: owner.county.id, wave: 2 });
    expect(wavePlans).toHaveLength(1);
    expect(wavePlans[0]!.attempts).toBe(1);
  }, 120_000);

  it('delivers each webhook event once, whichever API took the shipment and whichever worker relayed it', async () => {
    const subscribed = await call(apiB, 'POST', `/v1/counties/${owner.county.id}/platforms/${platform.id}/subscriptions`, owner, {
      url: await receiver.start(),
      eventTypes: ['shipment.created'],
    });
    expect(subscribed.status).toBe(201);
    const shipmentIds: string[] = [];
    for (const [index, base] of [apiA, apiB, apiA, apiB, apiA, apiB].entries()) {
      const body = JSON.stringify({ shipments: [shipmentInput({ destination: { villageCode: county.villages[index % county.villages.length]!.adminCode } })] });
      const pushed = await fetch(`${base}/v1/webhooks/${platform.id}/shipments`, { method: 'POST', headers: signedHeaders(platform.secret, `msg_${randomUUID()}`, body), body });
      expect(pushed.status).toBe(200);
      shipmentIds.push(...((await pushed.json()) as { results: Array<{ shipmentId: string }> }).results.map((result) => result.shipmentId));
    }
    const deliveredIds = () => receiver.received.map((received) => (JSON.parse(received.body) as { data: { shipmentId: string } }).data.shipmentId);
    await eventually(async () => shipmentIds.every((id) => deliveredIds().includes(id)), 60_000, 200);
    // One delivery per event, each sent once: had both workers relayed an event or run its job, there would be a second row or attempt.
    const subscriptionId = ((await subscribed.json()) as { id: string }).id;
    const attempts = async (): Promise<number[]> =>
      (
        await helper.app
          .get(DataSource)
          .query(`SELECT (SELECT count(*)::int FROM webhook_delivery_attempt a WHERE a.delivery_id = d.id) AS n FROM webhook_delivery d WHERE d.subscription_id = $1`, [
            subscriptionId,
          ])
      ).map((row: { n: number }) => row.n);
    // An attempt's row is written once its answer is in, just after the receiver saw it.
    await eventually(async () => (await attempts()).every((n) => n >= 1), 20_000, 100);
    expect(await attempts()).toEqual(shipmentIds.map(() => 1));
    expect(deliveredIds().sort()).toEqual([...shipmentIds].sort());
  }, 120_000);

  // Operator sessions and live updates (the console issue) are shared the same way: their cases go here.
});
