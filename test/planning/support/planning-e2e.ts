import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { AppConfig } from '../../../src/infra/config/app-config';
import { createCounty, CountyWithKey } from '../../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../../support/test-app';
import { createPlanningCounty, PlanningCounty } from './planning-county';

/** An API and a worker on one test configuration, with a planning county and its admin key. */
export interface PlanningE2e {
  config: AppConfig;
  api: TestApp;
  worker: INestApplicationContext;
  owner: CountyWithKey;
  county: PlanningCounty;
  close(): Promise<void>;
}

export async function startPlanningE2e(overrides: Partial<AppConfig> = {}): Promise<PlanningE2e> {
  const config = await createTestConfig(overrides);
  const api = await startTestApp(config);
  const worker = await startTestWorker(config);
  const countyCode = String(100000 + Math.floor(Math.random() * 800000));
  const owner = await createCounty(api.app, { adminCode: countyCode });
  const county = await createPlanningCounty(api.app, owner.county.id, countyCode);
  return {
    config,
    api,
    worker,
    owner,
    county,
    async close() {
      await worker.close();
      await api.close();
      await cleanupTestConfig(config);
    },
  };
}

/** Polls the plan over the API until the worker has finished computing it (computed or failed). */
export async function waitForComputedPlan(api: TestApp, owner: CountyWithKey, planId: string): Promise<any> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await request(api.baseUrl).get(`/v1/counties/${owner.county.id}/plans/${planId}`).set('Authorization', owner.authorization).expect(200);
    if (response.body.status === 'computed' || response.body.status === 'failed') return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`plan ${planId} did not finish`);
}
