import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../src/infra/config/app-config';
import { QueueName } from '../../src/infra/queue/queue-names';
import { planDemoWave } from '../../src/demo/demo-plan';
import { PlanComputationService } from '../../src/planning/plan-computation.service';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { createCounty } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { createPlanningCounty, receiveAtHub } from './support/planning-county';

describe('planning worker: demo wave in-process, bad input, stale jobs', () => {
  let config: AppConfig;
  let api: TestApp;

  beforeAll(async () => {
    config = await createTestConfig();
    api = await startTestApp(config);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    if (config) await cleanupTestConfig(config);
  });

  it('planDemoWave starts a worker in this process, reports progress and returns the summary', async () => {
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    const { county } = await createCounty(api.app, { adminCode: countyCode });
    const planning = await createPlanningCounty(api.app, county.id, countyCode);
    await receiveAtHub(
      api.app,
      county.id,
      planning.villages.map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [2_000, 3_000] })),
    );
    const lines: string[] = [];
    const summary = await planDemoWave(api.app, county.id, '2026-12-01', { startWorker: () => startTestWorker(config), timeLimitS: 120, log: (line) => lines.push(line) });
    expect(summary).toMatchObject({
      status: 'computed',
      error: null,
      routesByEchelon: { trunk: 1, lastMile: 1 },
      parcels: 12,
      vehiclesUsed: 2,
      unassigned: 0,
    });
    expect(summary.costFen).toBeGreaterThan(0);
    expect(summary.costPerParcelFen).toBe(Math.round(summary.costFen / 12));
    expect(summary.distanceKm).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/queued as job plan-/);
  }, 120_000);

  describe('with a worker', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      worker = await startTestWorker(config);
    });
    afterAll(async () => {
      await worker?.close();
    });

    it('fails a plan for good when the county cannot be planned (no hub): plan failed with the reason, job not retried', async () => {
      const { county } = await createCounty(api.app);
      const plans = api.app.get(PlanRequestsService);
      const plan = await plans.request(county.id, { serviceDate: '2026-12-01', wave: 1 });
      const queue = api.app.get<Queue>(getQueueToken(QueueName.planning));
      let state = '';
      for (let attempt = 0; attempt < 300 && state !== 'failed'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = (await (await queue.getJob(plans.jobId(plan)))?.getState()) ?? '';
      }
      const job = (await queue.getJob(plans.jobId(plan)))!;
      expect(state).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      const stored = await plans.get(county.id, plan.id);
      expect(stored.status).toBe('failed');
      expect(stored.error).toMatch(/exactly one county hub/);
    }, 60_000);

    it('treats a job for a plan that is no longer queued as stale', async () => {
      const { county } = await createCounty(api.app);
      const plans = api.app.get(PlanRequestsService);
      const plan = await plans.request(county.id, { serviceDate: '2026-12-02', wave: 1 });
      for (let attempt = 0; attempt < 300 && (await plans.get(county.id, plan.id)).status !== 'failed'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await worker.get(PlanComputationService).runPlan(plan.id)).toBe('stale');
      expect((await plans.get(county.id, plan.id)).attempts).toBe(1);
    }, 60_000);
  });
});
