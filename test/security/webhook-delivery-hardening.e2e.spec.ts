import request from 'supertest';
import { DataSource } from 'typeorm';
import { WebhookSubscription } from '../../src/integrations/webhook-subscription.entity';
import { eventually } from '../integrations/support/receiver';
import { DeliveryHarness, useDeliveryHarness } from '../integrations/support/delivery-harness';
import { shipmentInput } from '../shipments/support/platform-client';

/** Retries in milliseconds, so that a test sees several. */
const FAST_RETRIES = { WEBHOOK_RETRY_BASE_DELAY_MS: '200', WEBHOOK_RETRY_MAX_DELAY_MS: '400', WEBHOOK_RELAY_INTERVAL_MS: '50', WEBHOOK_RECONCILE_INTERVAL_MS: '60000' };

async function deliveryOf(harness: DeliveryHarness, subscriptionId: string) {
  const rows: Array<{ status: string; attempt_count: number; last_error: string | null }> = await harness.testApp.app
    .get(DataSource)
    .query(`SELECT status, attempt_count, last_error FROM webhook_delivery WHERE subscription_id = $1`, [subscriptionId]);
  return rows[0];
}

/** Issue 12, item 6, the outbound side. */
describe('a deactivated subscription', () => {
  const harness = useDeliveryHarness(FAST_RETRIES);

  it('stops retrying its deliveries', async () => {
    const { testApp, county, platform, receiver } = harness;
    receiver.respond = () => 500;
    const subscriptionId = await harness.subscribe(['shipment.created']);
    expect((await platform.push({ shipments: [shipmentInput()] })).status).toBe(200);
    await eventually(async () => ((await deliveryOf(harness, subscriptionId))?.attempt_count ?? 0) >= 2);
    await request(testApp.baseUrl)
      .delete(`/v1/counties/${county.county.id}/platforms/${platform.id}/subscriptions/${subscriptionId}`)
      .set('Authorization', county.authorization)
      .expect(204);
    expect((await deliveryOf(harness, subscriptionId))!).toMatchObject({ status: 'failed', last_error: 'subscription deactivated' });
    // An attempt already on the wire when the subscription went may still be recorded; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const stopped = (await deliveryOf(harness, subscriptionId))!;
    // Several retry delays later, still no new attempt, and the delivery stays failed.
    const attempts = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(receiver.received.length).toBe(attempts);
    expect((await deliveryOf(harness, subscriptionId))!).toMatchObject({ status: 'failed', attempt_count: stopped.attempt_count });
  });
});

describe('a delivery to a refused target', () => {
  // Production's rule in the API and the worker: no private targets.
  const harness = useDeliveryHarness({ ...FAST_RETRIES, ALLOW_PRIVATE_WEBHOOK_TARGETS: 'false' });

  it('records why without what the name resolved to', async () => {
    const { testApp, county, platform, hookUrl } = harness;
    // Written directly: subscribing refuses the name now, but DNS may point a name there later.
    const { id: subscriptionId } = await testApp.app
      .get(DataSource)
      .getRepository(WebhookSubscription)
      .save({
        countyId: county.county.id,
        platformId: platform.id,
        url: hookUrl.replace('127.0.0.1', 'localhost'),
        eventTypes: ['shipment.created'],
        active: true,
        failingSince: null,
      });
    expect((await platform.push({ shipments: [shipmentInput()] })).status).toBe(200);
    await eventually(async () => ((await deliveryOf(harness, subscriptionId))?.attempt_count ?? 0) >= 1);
    expect((await deliveryOf(harness, subscriptionId))!.last_error).toBe('the target is not a public unicast address');
    const listed = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/webhook-deliveries`).set('Authorization', county.authorization).expect(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/127\.0\.0\.1|::1|localhost/);
  });
});
