import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadPlanningJobConfig } from '../../src/infra/config/app-config';
import { QueueName } from '../../src/infra/queue/queue-names';
import { redisConnectionOptions } from '../../src/infra/queue/redis-connection';
import { PlanReconcilerService } from '../../src/planning/plan-reconciler.service';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { Plan } from '../../src/planning/plan.entity';
import { WaveSchedulesService } from '../../src/planning/wave-schedules.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { startThrowawayRedis, ThrowawayService } from '../support/throwaway-services';
import { eventually } from '../integrations/support/receiver';
import { createPlanningCounty, PlanningCounty, receiveAtHub } from '../planning/support/planning-county';

/** 00:30 UTC is 08:30 in Asia/Shanghai: the county's today is 2026-12-05. */
const CLOCK_START = new Date('2026-12-05T00:30:00Z');
const TODAY = '2026-12-05';

/**
 * Fault: Redis loses every key (FLUSHALL on a throwaway redis-server; a failover to an empty replica
 * looks the same). PostgreSQL still holds the plans and the wave schedules; the worker's reconciler
 * (at start, then periodically) queues the lost planning jobs again and re-creates the job schedulers.
 */
describe('fault: FLUSHALL of Redis', () => {
  let redis: ThrowawayService;
  let config: AppConfig;
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  let owner: CountyWithKey;
  let county: PlanningCounty;

  const flushAll = async () => {
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
  };
  const plans = () => api.app.get(DataSource).getRepository(Plan);

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    // The periodic pass is an hour away: the test runs passes when it wants them (the start pass included).
    const planningJob = { ...loadPlanningJobConfig(process.env), reconcileIntervalMs: 3_600_000 };
    config = await createTestConfig({ redisUrl: redis.url, clockStart: CLOCK_START, planningJob });
    api = await startTestApp(config);
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    owner = await createCounty(api.app, { adminCode: countyCode });
    county = await createPlanningCounty(api.app, owner.county.id, countyCode);
    await receiveAtHub(
      api.app,
      owner.county.id,
      county.villages.slice(0, 2).map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [1_000] })),
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (config) await cleanupTestConfig(config);
    await redis?.destroy();
  });

  it('re-queues a queued plan whose job was lost: the next worker computes it, once (lost: nothing)', async () => {
    // No worker yet: the plan's job waits in Redis, and is flushed away.
    const plan = await api.app.get(PlanRequestsService).request(owner.county.id, { serviceDate: TODAY, wave: 1 });
    await flushAll();
    const flushedAtMs = Date.now();
    worker = await startTestWorker(config);
    await eventually(async () => (await plans().findOneByOrFail({ id: plan.id })).status === 'computed', 60_000, 100);
    const recoveredMs = Date.now() - flushedAtMs;
    console.log('fault flushall (queued plan):', JSON.stringify({ recoveredMs, plansLost: 0 }));
    expect(await plans().findOneByOrFail({ id: plan.id })).toMatchObject({ status: 'computed', attempts: 1 });
  }, 120_000);

  it('marks failed, with the reason, a plan whose job BullMQ gave up on (its worker kept dying), instead of leaving it running', async () => {
    await worker!.close();
    worker = undefined;
    const plan = await api.app.get(PlanRequestsService).request(owner.county.id, { serviceDate: TODAY, wave: 3 });
    // What BullMQ does after maxStalledCount: the job fails for good while the row still says running.
    const manual = new Worker(QueueName.planning, null, { connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix });
    const active = await manual.getNextJob('manual');
    expect(active?.data).toMatchObject({ planId: plan.id });
    await plans().update({ id: plan.id }, { status: 'running', attempts: 1 });
    active!.discard();
    await active!.moveToFailed(new Error('job stalled more than allowable limit'), 'manual', false);
    await manual.close();
    worker = await startTestWorker(config);
    await worker.get(PlanReconcilerService).reconcileOnce();
    expect(await plans().findOneByOrFail({ id: plan.id })).toMatchObject({ status: 'failed', error: 'abandoned: job stalled more than allowable limit' });
  }, 120_000);

  it("re-creates the county's wave schedulers, and the next scheduled wave still fires", async () => {
    await request(api.baseUrl)
      .put(`/v1/counties/${owner.county.id}/wave-schedule`)
      .set('Authorization', owner.authorization)
      .send({ waves: [{ wave: 2, cutoff: '12:30' }], autoPublish: false })
      .expect(200);
    const schedules = api.app.get(WaveSchedulesService);
    await flushAll();
    expect(await schedules.schedulers(owner.county.id)).toEqual([]);
    const flushedAtMs = Date.now();

    expect((await worker!.get(PlanReconcilerService).reconcileOnce()).schedulesRepaired).toBe(1);
    expect(await schedules.schedulers(owner.county.id)).toEqual([{ id: `wave-${owner.county.id}-2`, pattern: '30 12 * * *', tz: 'Asia/Shanghai' }]);
    // The scheduler's next firing is a delayed job: bring it forward, and the wave's plan is requested and computed.
    const waveQueue = api.app.get<Queue>(getQueueToken(QueueName.waveSchedule));
    const [next] = await waveQueue.getDelayed();
    expect(next?.repeatJobKey).toBe(`wave-${owner.county.id}-2`);
    await next!.promote();
    await eventually(async () => (await plans().findOneBy({ countyId: owner.county.id, serviceDate: TODAY, wave: 2 }))?.status === 'computed', 60_000, 100);
    console.log('fault flushall (wave schedulers):', JSON.stringify({ recoveredAndFiredMs: Date.now() - flushedAtMs, schedulersLost: 0 }));
  }, 120_000);
});
