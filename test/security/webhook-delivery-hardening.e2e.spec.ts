import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/infra/config/app-config';
import { WebhookSubscription } from '../../src/integrations/webhook-subscription.entity';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { eventually, TestReceiver } from '../integrations/support/receiver';

/** Retries in milliseconds, so that a test sees several. */
const FAST_RETRIES = { WEBHOOK_RETRY_BASE_DELAY_MS: '200', WEBHOOK_RETRY_MAX_DELAY_MS: '400', WEBHOOK_RELAY_INTERVAL_MS: '50', WEBHOOK_RECONCILE_INTERVAL_MS: '60000' };

/** Issue 12, item 6, the outbound side: deactivation stops retries; a refused target's error names no address. */
describe('webhook delivery hardening', () => {
  const receiver = new TestReceiver();
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let county: CountyWithKey;
  let platform: TestPlatform;
  let hookUrl: string;
  let db: DataSource;

  beforeAll(async () => {
    const { webhookDelivery } = loadAppConfig({ ...process.env, ...FAST_RETRIES });
    // Production's rule in the worker (no private targets); the receiver below is reached only while allowed.
    testApp = await startTestApp(await createTestConfig({ webhookDelivery }));
    worker = await startTestWorker(testApp.config);
    db = testApp.app.get(DataSource);
    county = await createCounty(testApp.app);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
    hookUrl = await receiver.start();
  });

  afterAll(async () => {
    await worker.close();
    await testApp.close();
    await receiver.stop();
    await cleanupTestConfig(testApp.config);
  });

  const subscribe = async (url: string) =>
    (
      await request(testApp.baseUrl)
        .post(`/v1/counties/${county.county.id}/platforms/${platform.id}/subscriptions`)
        .set('Authorization', county.authorization)
        .send({ url, eventTypes: ['shipment.created'] })
        .expect(201)
    ).body.id as string;

  const deliveryOf = async (subscriptionId: string) => {
    const rows: Array<{ status: string; attempt_count: number; last_error: string | null }> = await db.query(
      `SELECT status, attempt_count, last_error FROM webhook_delivery WHERE subscription_id = $1`,
      [subscriptionId],
    );
    return rows[0];
  };

  it('stops retrying the deliveries of a deactivated subscription', async () => {
    receiver.respond = () => 500;
    const subscriptionId = await subscribe(hookUrl);
    expect((await platform.push({ shipments: [shipmentInput()] })).status).toBe(200);
    await eventually(async () => ((await deliveryOf(subscriptionId))?.attempt_count ?? 0) >= 2);
    await request(testApp.baseUrl)
      .delete(`/v1/counties/${county.county.id}/platforms/${platform.id}/subscriptions/${subscriptionId}`)
      .set('Authorization', county.authorization)
      .expect(204);
    const stopped = (await deliveryOf(subscriptionId))!;
    expect(stopped).toMatchObject({ status: 'failed', last_error: 'subscription deactivated' });
    // Several retry delays later, still no new attempt.
    const attempts = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(receiver.received.length).toBe(attempts);
    expect((await deliveryOf(subscriptionId))!.attempt_count).toBe(stopped.attempt_count);
  });

  it('records a refused target without what its name resolved to', async () => {
    // A subscription made while private targets were allowed, delivered by a worker that refuses them.
    const strictWorker = await startTestWorker({ ...testApp.config, allowPrivateWebhookTargets: false });
    await worker.close();
    try {
      const { id: subscriptionId } = await db.getRepository(WebhookSubscription).save({
        countyId: county.county.id,
        platformId: platform.id,
        url: hookUrl.replace('127.0.0.1', 'localhost'),
        eventTypes: ['shipment.created'],
        active: true,
        failingSince: null,
      });
      expect((await platform.push({ shipments: [shipmentInput()] })).status).toBe(200);
      await eventually(async () => ((await deliveryOf(subscriptionId))?.attempt_count ?? 0) >= 1);
      const delivery = (await deliveryOf(subscriptionId))!;
      expect(delivery.last_error).toBe('the target is not a public unicast address');
      const listed = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/webhook-deliveries`).set('Authorization', county.authorization).expect(200);
      expect(JSON.stringify(listed.body)).not.toMatch(/127\.0\.0\.1|::1|localhost/);
    } finally {
      await strictWorker.close();
      worker = await startTestWorker(testApp.config);
    }
  });
});
