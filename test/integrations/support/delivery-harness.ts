import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { createCounty, CountyWithKey } from '../../support/factories';
import { loadAppConfig } from '../../../src/infra/config/app-config';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../../support/test-app';
import { createPlatform, TestPlatform } from '../../shipments/support/platform-client';
import { TestReceiver } from './receiver';

/** An API, a worker, a county with a platform and a local webhook receiver; filled in by `beforeAll`. */
export interface DeliveryHarness {
  testApp: TestApp;
  worker: INestApplicationContext;
  county: CountyWithKey;
  platform: TestPlatform;
  receiver: TestReceiver;
  /** The receiver's URL. */
  hookUrl: string;
  /** Subscribes the receiver to `eventTypes`; returns the subscription id. */
  subscribe(eventTypes: string[]): Promise<string>;
}

/**
 * Registers the hooks that start everything outbound-delivery tests need, with `env` (delivery
 * timings in milliseconds, and ALLOW_PRIVATE_WEBHOOK_TARGETS, as the environment would give them) in
 * the app's config, and stop it all afterwards.
 */
export function useDeliveryHarness(env: Record<string, string>): DeliveryHarness {
  const harness = {
    receiver: new TestReceiver(),
    async subscribe(eventTypes: string[]): Promise<string> {
      const { county, platform } = harness;
      const response = await request(harness.testApp.baseUrl)
        .post(`/v1/counties/${county.county.id}/platforms/${platform.id}/subscriptions`)
        .set('Authorization', county.authorization)
        .send({ url: harness.hookUrl, eventTypes })
        .expect(201);
      return response.body.id as string;
    },
  } as DeliveryHarness;

  beforeAll(async () => {
    const loaded = loadAppConfig({ ...process.env, ...env });
    // Test configurations allow private targets (the receiver is on 127.0.0.1) unless `env` says otherwise.
    const targets = 'ALLOW_PRIVATE_WEBHOOK_TARGETS' in env ? { allowPrivateWebhookTargets: loaded.allowPrivateWebhookTargets } : {};
    harness.testApp = await startTestApp(await createTestConfig({ webhookDelivery: loaded.webhookDelivery, ...targets }));
    harness.worker = await startTestWorker(harness.testApp.config);
    harness.county = await createCounty(harness.testApp.app);
    harness.platform = await createPlatform(harness.testApp.app, harness.testApp.baseUrl, harness.county.county.id);
    harness.hookUrl = await harness.receiver.start();
  });

  afterAll(async () => {
    await harness.worker.close();
    await harness.testApp.close();
    await harness.receiver.stop();
    await cleanupTestConfig(harness.testApp.config);
  });

  return harness;
}
