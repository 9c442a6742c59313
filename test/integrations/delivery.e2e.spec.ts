import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { verifyWebhook } from '../../src/integrations/webhook-signature';
import { redisConnectionOptions } from '../../src/infra/queue/redis-connection';
import { CountyWithKey } from '../support/factories';
import { TestApp } from '../support/test-app';
import { shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { createVillages, TestVillage } from '../shipments/support/village-factory';
import { useDeliveryHarness } from './support/delivery-harness';
import { eventually, TestReceiver } from './support/receiver';

describe('outbound status webhooks', () => {
  // Milliseconds instead of minutes, so retries and reconciliation happen within the test.
  const harness = useDeliveryHarness({
    WEBHOOK_RETRY_BASE_DELAY_MS: '100',
    WEBHOOK_RETRY_MAX_DELAY_MS: '800',
    WEBHOOK_RELAY_INTERVAL_MS: '50',
    WEBHOOK_RECONCILE_INTERVAL_MS: '300',
  });
  let testApp: TestApp;
  let county: CountyWithKey;
  let platform: TestPlatform;
  let receiver: TestReceiver;
  let hookUrl: string;
  let villages: TestVillage[];
  let db: DataSource;

  beforeAll(async () => {
    ({ testApp, county, platform, receiver, hookUrl } = harness);
    db = testApp.app.get(DataSource);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode, 2);
    await harness.subscribe(['shipment.created', 'shipment.status_changed']);
  });

  const input = () => shipmentInput({ destination: { villageCode: villages[0]!.adminCode } });

  it('retries a failing receiver with backoff, delivers signed on the 4th attempt, and logs 4 attempts', async () => {
    receiver.received.length = 0;
    receiver.respond = (_request, index) => (index < 3 ? 500 : 204);
    const shipment = input();
    await platform.push({ shipments: [shipment] }).expect(200);
    await eventually(async () => (await db.query(`SELECT 1 FROM webhook_delivery WHERE status = 'delivered'`)).length === 1);

    expect(receiver.received).toHaveLength(4);
    const last = receiver.received[3]!;
    const check = verifyWebhook(
      [platform.secret],
      { id: last.headers['webhook-id'] as string, timestamp: last.headers['webhook-timestamp'] as string, signature: last.headers['webhook-signature'] as string },
      Buffer.from(last.body),
    );
    expect(check).toBe('ok');
    const envelope = JSON.parse(last.body);
    expect(envelope).toMatchObject({ type: 'shipment.created', countyId: county.county.id, data: { platformShipmentId: shipment.id, status: 'received' } });
    expect(envelope.id).toMatch(/^evt_\d+$/);
    expect(new Set(receiver.received.map((received) => received.headers['webhook-id']))).toEqual(new Set([envelope.id]));

    const log = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/webhook-deliveries`).set('Authorization', county.authorization).expect(200);
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({ status: 'delivered', attemptCount: 4, eventId: envelope.id });
    expect(log.body[0].attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 500, 500, 204]);
    expect(log.body[0].attempts[0].error).toBe('HTTP 500');
  }, 30_000);

  it('loses no event when the Redis keys are flushed mid-run', async () => {
    receiver.received.length = 0;
    receiver.respond = () => 503;
    const shipments = Array.from({ length: 120 }, () => input());
    for (let start = 0; start < shipments.length; start += 40) {
      await platform.push({ shipments: shipments.slice(start, start + 40) }).expect(200);
    }
    // Wait until deliveries are being retried (jobs delayed in Redis), then delete every key of this test.
    await eventually(async () => receiver.received.length >= 60);
    const redis = new Redis(redisConnectionOptions(testApp.config.redisUrl));
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${testApp.config.queuePrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    receiver.respond = () => 200;

    await eventually(async () => {
      const [{ pending }] = await db.query(`SELECT count(*) FILTER (WHERE status <> 'delivered')::int AS pending FROM webhook_delivery`);
      return pending === 0;
    }, 60_000);
    const deliveredIds = new Set(
      receiver.received.filter((received) => received.body.includes('"shipment.created"')).map((received) => JSON.parse(received.body).data.platformShipmentId),
    );
    for (const shipment of shipments) expect(deliveredIds.has(shipment.id)).toBe(true);
    const [{ deliveries }] = await db.query(`SELECT count(*)::int AS deliveries FROM webhook_delivery`);
    expect(deliveries).toBe(121);
  }, 90_000);

  it('refuses private targets when the configuration does not allow them, at connect time, without naming the address', async () => {
    const { safePost } = await import('../../src/integrations/safe-http');
    await expect(safePost(hookUrl, {}, '{}', { timeoutMs: 1000, allowPrivate: false })).rejects.toThrow('the target is not a public unicast address');
    // A name that resolves to loopback: refused inside the connection's own lookup; the error does not say what it resolved to.
    const refusal = safePost(hookUrl.replace('127.0.0.1', 'localhost'), {}, '{}', { timeoutMs: 1000, allowPrivate: false });
    await expect(refusal).rejects.toThrow('the target is not a public unicast address');
    await expect(refusal).rejects.not.toThrow(/127\.0\.0\.1|::1/);
  });
});
