import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedHeaders } from '../../src/integrations/webhook-signature';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from './support/platform-client';
import { createVillages, TestVillage } from './support/village-factory';

/**
 * Single-shipment pushes that arrive together share one statement (IntakeCoalescer). Each must still
 * get the answer it would get alone, and the database must hold exactly what was accepted.
 */
describe('coalesced single-shipment pushes', () => {
  let testApp: TestApp;
  let county: CountyWithKey;
  let villages: TestVillage[];
  let platform: TestPlatform;
  let otherPlatform: TestPlatform;
  let db: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp(await createTestConfig());
    db = testApp.app.get(DataSource);
    county = await createCounty(testApp.app);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
    otherPlatform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
  });

  afterAll(async () => {
    await testApp.close();
    await cleanupTestConfig(testApp.config);
  });

  const shipment = (id: string, overrides: Record<string, unknown> = {}) => shipmentInput({ id, destination: { villageCode: villages[0]!.adminCode }, ...overrides });
  const send = (to: TestPlatform, body: unknown, webhookId = `msg_${randomUUID()}`) => {
    const text = JSON.stringify(body);
    return request(testApp.baseUrl)
      .post(`/v1/webhooks/${to.id}/shipments`)
      .set(signedHeaders(to.secret, webhookId, text))
      .send(text);
  };

  it('answers each push as if it came alone, and stores each accepted shipment once', async () => {
    const run = randomUUID().slice(0, 6);
    const earlier = [1, 2, 3].map((n) => ({ body: { type: 'create', shipment: shipment(`${run}-A${n}`) }, webhookId: `msg_${run}_A${n}` }));
    for (const push of earlier) expect((await send(platform, push.body, push.webhookId)).status).toBe(200);

    const fresh = Array.from({ length: 40 }, (_, n) => `${run}-N${n}`);
    const sharedBarcode = `${run}-SHARED`;
    const barcodeParcel = { barcode: sharedBarcode, weightG: 900, dimensions: { length: 10, width: 10, height: 10, unit: 'cm' } };
    const pushes: Array<{ kind: string; answer: Promise<request.Response>; webhookId: string }> = [];
    const push = (kind: string, to: TestPlatform, body: unknown, webhookId = `msg_${randomUUID()}`) => pushes.push({ kind, answer: send(to, body, webhookId), webhookId });
    for (const id of fresh) push('new', platform, { type: 'create', shipment: shipment(id) });
    // The same ids on another platform are other shipments (barcodes are unique in the county).
    for (const id of fresh.slice(0, 10)) {
      push('new', otherPlatform, {
        type: 'create',
        shipment: shipment(id, { parcels: [{ barcode: `${id}-other`, weightG: 700, dimensions: { length: 9, width: 9, height: 9, unit: 'cm' } }] }),
      });
    }
    for (const earlierPush of earlier) push('repeat', platform, earlierPush.body);
    for (const n of [1, 2]) push('other content', platform, { type: 'create', shipment: shipment(`${run}-A${n}`, { contact: { name: '李四', phone: '13900139000' } }) });
    push('replay', platform, { type: 'create', shipment: shipment(`${run}-R1`) }, earlier[2]!.webhookId);
    for (const n of [1, 2]) push('shared barcode', platform, { type: 'create', shipment: shipment(`${run}-X${n}`, { parcels: [barcodeParcel] }) });
    const twice = { type: 'create', shipment: shipment(`${run}-D1`) };
    push('twice', platform, twice);
    push('twice', platform, twice);

    const answers = await Promise.all(pushes.map(async (entry) => ({ ...entry, response: await entry.answer })));
    const of = (kind: string) => answers.filter((entry) => entry.kind === kind);
    for (const entry of of('new')) expect(entry.response.body).toMatchObject({ accepted: 1, duplicates: 0 });
    for (const entry of of('repeat')) expect(entry.response.body).toMatchObject({ accepted: 0, duplicates: 1 });
    for (const entry of of('other content')) expect(entry.response.status).toBe(409);
    expect(of('replay')[0]!.response.body).toMatchObject({ code: 'conflict', reason: 'replayed_webhook_id' });
    expect(
      of('shared barcode')
        .map((entry) => entry.response.status)
        .sort(),
    ).toEqual([200, 409]);
    expect(
      of('twice')
        .map((entry) => entry.response.body.results[0].duplicate)
        .sort(),
    ).toEqual([false, true]);

    const stored = await db.query(
      `SELECT s.platform_id, s.platform_shipment_id,
              (SELECT count(*)::int FROM shipment_parcel p WHERE p.shipment_id = s.id) AS parcels,
              (SELECT count(*)::int FROM shipment_event e JOIN shipment_outbox o ON o.event_id = e.id WHERE e.shipment_id = s.id AND e.type = 'shipment.created') AS created
         FROM shipment s WHERE s.platform_shipment_id LIKE $1`,
      [`${run}-%`],
    );
    const expected = [
      ...[1, 2, 3].map((n) => `${platform.id} ${run}-A${n}`),
      ...fresh.map((id) => `${platform.id} ${id}`),
      ...fresh.slice(0, 10).map((id) => `${otherPlatform.id} ${id}`),
      `${platform.id} ${run}-D1`,
    ];
    const acceptedBarcodeId = of('shared barcode').find((entry) => entry.response.status === 200)!.response.body.results[0].id;
    expected.push(`${platform.id} ${acceptedBarcodeId}`);
    expect(stored.map((row: { platform_id: string; platform_shipment_id: string }) => `${row.platform_id} ${row.platform_shipment_id}`).sort()).toEqual(expected.sort());
    for (const row of stored) expect(row).toMatchObject({ parcels: 1, created: 1 });

    // Accepted messages are remembered, refused ones are not (the replayed id stays claimed by its first message).
    const remembered = new Set((await db.query(`SELECT webhook_id FROM platform_message`)).map((row: { webhook_id: string }) => row.webhook_id));
    for (const entry of answers) expect(remembered.has(entry.webhookId)).toBe(entry.response.status === 200 || entry.kind === 'replay');

    // The pushes did share statements: the events of one statement carry one transaction id.
    const [{ largest }] = await db.query(
      `SELECT max(n)::int AS largest FROM (SELECT count(*) AS n FROM shipment_event WHERE type = 'shipment.created' AND payload->>'platformShipmentId' LIKE $1 GROUP BY tx_id) AS per_statement`,
      [`${run}-N%`],
    );
    expect(largest).toBeGreaterThan(1);
  });
});
