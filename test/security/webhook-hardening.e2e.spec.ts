import { randomBytes } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../src/counties/counties.service';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { PlatformMessagesService } from '../../src/shipments/platform-messages.service';
import { REMEMBER_WEBHOOK_ID_S, signedHeaders } from '../../src/integrations/webhook-signature';
import { createCounty, CountyWithKey } from '../support/factories';
import { startTestApp, TestApp, useTestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { createVillages, TestVillage } from '../shipments/support/village-factory';

/** Issue 12, item 6, the inbound side and the subscriptions: replays, private targets, credentials in URLs, secrets at rest. */
describe('webhook hardening', () => {
  const oldKey = randomBytes(32);
  // As in production: private targets refused (the test config allows them for the delivery tests).
  const testApp = useTestApp({ allowPrivateWebhookTargets: false, secretKeys: [oldKey] });
  let county: CountyWithKey;
  let platform: TestPlatform;
  let villages: TestVillage[];
  let db: DataSource;

  beforeAll(async () => {
    db = testApp.app.get(DataSource);
    county = await createCounty(testApp.app);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
  });

  /** One signed shipment to `village`, through another API process on the same database. */
  const pushThrough = (app: TestApp, webhookId: string, village: TestVillage) => {
    const body = JSON.stringify({ shipments: [shipmentInput({ destination: { villageCode: village.adminCode } })] });
    return request(app.baseUrl)
      .post(`/v1/webhooks/${platform.id}/shipments`)
      .set(signedHeaders(platform.secret, webhookId, body))
      .send(body);
  };

  const send = (headers: Record<string, string>, body: string) => request(testApp.baseUrl).post(`/v1/webhooks/${platform.id}/shipments`).set(headers).send(body);

  it('refuses a replayed webhook-id within the signature window, so an old update cannot roll a shipment back', async () => {
    const shipment = shipmentInput({ destination: { villageCode: villages[0]!.adminCode } });
    expect((await platform.push({ shipments: [shipment] })).status).toBe(200);
    const update = (name: string) => JSON.stringify({ type: 'update', shipment: { ...shipment, contact: { name, phone: '13800138000' } } });
    const first = update('李四');
    const firstHeaders = signedHeaders(platform.secret, 'msg_update_1', first);
    expect((await send(firstHeaders, first)).status).toBe(200);
    const second = update('张三');
    expect((await send(signedHeaders(platform.secret, 'msg_update_2', second), second)).status).toBe(200);
    // The captured first request, byte for byte, a minute later: still validly signed, and refused.
    const replay = await send(firstHeaders, first);
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ code: 'conflict', reason: 'replayed_webhook_id' });
    const [{ contact_name }] = await db.query(`SELECT contact_name FROM shipment WHERE platform_id = $1 AND platform_shipment_id = $2`, [platform.id, shipment.id]);
    expect(contact_name).toBe('张三');
  });

  it('releases the webhook-id of a request that failed, so the retry is processed', async () => {
    const broken = JSON.stringify({ shipments: [shipmentInput({ destination: { villageCode: 'x' } })] });
    expect((await send(signedHeaders(platform.secret, 'msg_retry', broken), broken)).status).toBe(400);
    const fixed = JSON.stringify({ shipments: [shipmentInput({ destination: { villageCode: villages[1]!.adminCode } })] });
    expect((await send(signedHeaders(platform.secret, 'msg_retry', fixed), fixed)).status).toBe(200);
  });

  const remembered = async (webhookId: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM platform_message WHERE platform_id = $1 AND webhook_id = $2`, [platform.id, webhookId]))[0].n;

  it('accepts one of two concurrent deliveries of a message through two API processes, and refuses the other as a replay', async () => {
    const other = await startTestApp({ ...testApp.config, port: 0 });
    try {
      const shipment = shipmentInput({ destination: { villageCode: villages[0]!.adminCode } });
      const body = JSON.stringify({ type: 'create', shipment });
      const headers = signedHeaders(platform.secret, 'msg_twice_at_once', body);
      const answers = await Promise.all([testApp, other].map((app) => request(app.baseUrl).post(`/v1/webhooks/${platform.id}/shipments`).set(headers).send(body)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)!.body).toMatchObject({ code: 'conflict', reason: 'replayed_webhook_id' });
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM shipment WHERE platform_id = $1 AND platform_shipment_id = $2`, [platform.id, shipment.id]);
      expect(n).toBe(1);
      expect(await remembered('msg_twice_at_once')).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses a replayed cancel, and releases the webhook-id of a single shipment refused for other content', async () => {
    const shipment = shipmentInput({ destination: { villageCode: villages[1]!.adminCode } });
    expect((await platform.push({ shipments: [shipment] })).status).toBe(200);
    const cancel = JSON.stringify({ type: 'cancel', shipment: { id: shipment.id } });
    const cancelHeaders = signedHeaders(platform.secret, 'msg_cancel', cancel);
    expect((await send(cancelHeaders, cancel)).status).toBe(200);
    expect((await send(cancelHeaders, cancel)).body).toMatchObject({ code: 'conflict', reason: 'replayed_webhook_id' });
    // The same shipment id with other content: a plain conflict, and the id is free again for a corrected message.
    const changed = JSON.stringify({ type: 'create', shipment: { ...shipment, contact: { name: '赵六', phone: '13800138000' } } });
    const changedHeaders = signedHeaders(platform.secret, 'msg_other_content', changed);
    const refused = await send(changedHeaders, changed);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBeUndefined();
    expect(refused.body.conflictingIds).toEqual([shipment.id]);
    expect(await remembered('msg_other_content')).toBe(0);
  });

  it('forgets webhook-ids once their signatures have expired, and keeps the fresh ones', async () => {
    await db.query(`INSERT INTO platform_message (platform_id, webhook_id, received_at) VALUES ($1, 'msg_expired', now() - make_interval(secs => $2))`, [
      platform.id,
      REMEMBER_WEBHOOK_ID_S + 1,
    ]);
    await db.query(`INSERT INTO platform_message (platform_id, webhook_id) VALUES ($1, 'msg_fresh')`, [platform.id]);
    expect(await testApp.app.get(PlatformMessagesService).forgetOlderThan(REMEMBER_WEBHOOK_ID_S)).toBeGreaterThanOrEqual(1);
    expect(await remembered('msg_expired')).toBe(0);
    expect(await remembered('msg_fresh')).toBe(1);
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://[::7f00:1]/hook',
    'https://[::ffff:0:7f00:1]/hook',
    'https://[2002:7f00:1::]/hook',
    'https://[64:ff9b::7f00:1]/hook',
    'https://[100::1]/hook',
    'https://192.0.2.10/hook',
    'https://198.51.100.10/hook',
    'https://203.0.113.10/hook',
    'https://198.18.0.10/hook',
    'https://10.0.0.8/hook',
    'https://localhost/hook',
  ])('refuses to subscribe %s', async (url) => {
    const response = await request(testApp.baseUrl)
      .post(`/v1/counties/${county.county.id}/platforms/${platform.id}/subscriptions`)
      .set('Authorization', county.authorization)
      .send({ url, eventTypes: ['shipment.created'] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });

  it('shows the credentials of a subscription URL to admins only', async () => {
    const url = 'https://hook-user:hook-pass@8.8.8.8/hooks/rd?token=abc123&v=2';
    const subscriptions = `/v1/counties/${county.county.id}/platforms/${platform.id}/subscriptions`;
    await request(testApp.baseUrl)
      .post(subscriptions)
      .set('Authorization', county.authorization)
      .send({ url, eventTypes: ['shipment.created'] })
      .expect(201);
    const { secret } = await testApp.app.get(CountiesService).createApiKey(county.county.id, 'a viewer', 'viewer');
    const seen = await request(testApp.baseUrl).get(subscriptions).set('Authorization', `Bearer ${secret}`).expect(200);
    const shown = JSON.stringify(seen.body);
    expect(shown).not.toMatch(/hook-user|hook-pass|abc123/);
    expect(seen.body.at(-1).url).toBe('https://***:***@8.8.8.8/hooks/rd?token=***&v=***');
    const admin = await request(testApp.baseUrl).get(subscriptions).set('Authorization', county.authorization).expect(200);
    expect(admin.body.at(-1).url).toBe(url);
  });

  it('stores webhook secrets sealed, and a key rotation re-seals them without a gap', async () => {
    const [row] = await db.query(`SELECT sealed_webhook_secret FROM platform WHERE id = $1`, [platform.id]);
    expect(row.sealed_webhook_secret).toMatch(/^sealed:v1:[0-9a-f]{8}:/);
    expect(row.sealed_webhook_secret).not.toContain(platform.secret.slice(6));
    // Step 1 of the rotation: a new key seals, the old one still opens (a second API process with both).
    const newKey = randomBytes(32);
    const rotating = await startTestApp({ ...testApp.config, port: 0, secretKeys: [newKey, oldKey] });
    try {
      expect((await pushThrough(rotating, 'msg_rotating', villages[2]!)).status).toBe(200);
      // Step 2: reseal; then the old key can go.
      expect(await rotating.app.get(PlatformsService).resealSecrets()).toMatchObject({ resealed: expect.any(Number) });
    } finally {
      await rotating.close();
    }
    const [resealed] = await db.query(`SELECT sealed_webhook_secret FROM platform WHERE id = $1`, [platform.id]);
    expect(resealed.sealed_webhook_secret).not.toBe(row.sealed_webhook_secret);
    const rotated = await startTestApp({ ...testApp.config, port: 0, secretKeys: [newKey] });
    try {
      expect((await pushThrough(rotated, 'msg_rotated', villages[3]!)).status).toBe(200);
    } finally {
      await rotated.close();
    }
  });
});
