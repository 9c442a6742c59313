import request from 'supertest';
import { DataSource } from 'typeorm';
import { CountyWithKey } from '../support/factories';
import { TestApp } from '../support/test-app';
import { shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { useDeliveryHarness } from './support/delivery-harness';
import { eventually, TestReceiver } from './support/receiver';

describe('a subscription that keeps failing', () => {
  // A retry window of one second stands in for the production 25 hours.
  const harness = useDeliveryHarness({ WEBHOOK_RETRY_BASE_DELAY_MS: '100', WEBHOOK_RETRY_MAX_DELAY_MS: '200', WEBHOOK_RETRY_WINDOW_S: '1', WEBHOOK_RELAY_INTERVAL_MS: '50' });
  let testApp: TestApp;
  let county: CountyWithKey;
  let platform: TestPlatform;
  let receiver: TestReceiver;
  let subscriptionId: string;

  beforeAll(async () => {
    ({ testApp, county, platform, receiver } = harness);
    subscriptionId = await harness.subscribe(['shipment.created']);
  });

  it('gives up after the retry window, flags the subscription, lists the failure and redelivers on request', async () => {
    receiver.respond = () => 500;
    await platform.push({ shipments: [shipmentInput()] }).expect(200);
    const api = () => request(testApp.baseUrl);
    const base = `/v1/counties/${county.county.id}`;
    let failed: Array<{ id: string; attemptCount: number; attempts: unknown[] }> = [];
    await eventually(async () => {
      failed = (await api().get(`${base}/webhook-deliveries?status=failed`).set('Authorization', county.authorization)).body;
      return failed.length === 1;
    });
    expect(failed[0]!.attemptCount).toBeGreaterThanOrEqual(2);
    expect(failed[0]!.attempts).toHaveLength(failed[0]!.attemptCount);
    const subscriptions = await api().get(`${base}/platforms/${platform.id}/subscriptions`).set('Authorization', county.authorization).expect(200);
    expect(subscriptions.body.find((subscription: { id: string }) => subscription.id === subscriptionId).failingSince).not.toBeNull();

    receiver.respond = () => 200;
    const before = receiver.received.length;
    await api().post(`${base}/webhook-deliveries/${failed[0]!.id}/redeliver`).set('Authorization', county.authorization).expect(200);
    const db = testApp.app.get(DataSource);
    await eventually(async () => (await db.query(`SELECT 1 FROM webhook_delivery WHERE status = 'delivered'`)).length === 1);
    expect(receiver.received.length).toBe(before + 1);
    const after = await api().get(`${base}/platforms/${platform.id}/subscriptions`).set('Authorization', county.authorization).expect(200);
    expect(after.body[0].failingSince).toBeNull();
  }, 30_000);
});
