import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from './support/platform-client';
import { createVillages, TestVillage } from './support/village-factory';

describe('shipment lifecycle, scans and county isolation', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  let otherCounty: CountyWithKey;
  let platform: TestPlatform;
  let villages: TestVillage[];
  let db: DataSource;
  const api = () => request(testApp.baseUrl);

  beforeAll(async () => {
    db = testApp.app.get(DataSource);
    county = await createCounty(testApp.app);
    otherCounty = await createCounty(testApp.app);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode, 2);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
  });

  async function pushOne(overrides: Record<string, unknown> = {}) {
    const input = shipmentInput({ destination: { villageCode: villages[0]!.adminCode }, ...overrides });
    const response = await platform.push({ shipments: [input] }).expect(200);
    return { input, shipmentId: response.body.results[0].shipmentId as string };
  }

  const transition = (shipmentId: string, to: string, authorization = county.authorization, countyId = county.county.id) =>
    api().post(`/v1/counties/${countyId}/shipments/${shipmentId}/transitions`).set('Authorization', authorization).send({ to });

  it('walks the inbound path, one event per change, and refuses an illegal jump with 409 illegal_transition', async () => {
    const { input, shipmentId } = await pushOne();
    const scan = await api()
      .post(`/v1/counties/${county.county.id}/scans`)
      .set('Authorization', county.authorization)
      .send({ barcodes: [`${input.id}-1`, 'NO-SUCH-1'] })
      .expect(200);
    expect(scan.body.results).toEqual([
      { barcode: `${input.id}-1`, outcome: 'scanned', shipmentId, status: 'at_hub' },
      { barcode: 'NO-SUCH-1', outcome: 'unknown_barcode', shipmentId: null, status: null },
    ]);
    const rescan = await api()
      .post(`/v1/counties/${county.county.id}/scans`)
      .set('Authorization', county.authorization)
      .send({ barcodes: [`${input.id}-1`] })
      .expect(200);
    expect(rescan.body.results[0].outcome).toBe('already_scanned');

    const illegal = await transition(shipmentId, 'delivered');
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'illegal_transition', from: 'at_hub', to: 'delivered' });

    for (const to of ['planned', 'in_transit', 'at_township', 'out_for_delivery', 'failed', 'returned']) {
      await transition(shipmentId, to).expect(200);
    }
    const history = await api().get(`/v1/counties/${county.county.id}/shipments/${shipmentId}/events`).set('Authorization', county.authorization).expect(200);
    expect(history.body.map((event: { data: { status: string } }) => event.data.status)).toEqual([
      'received',
      'at_hub',
      'planned',
      'in_transit',
      'at_township',
      'out_for_delivery',
      'failed',
      'returned',
    ]);
    const [{ outbox }] = await db.query('SELECT count(*)::int AS outbox FROM shipment_outbox o JOIN shipment_event e ON e.id = o.event_id WHERE e.shipment_id = $1', [shipmentId]);
    expect(outbox).toBe(8);
    expect((await transition(shipmentId, 'out_for_delivery')).status).toBe(409);
  });

  it('follows the pickup path for outbound produce', async () => {
    const { shipmentId } = await pushOne({ direction: 'outbound_pickup' });
    expect((await transition(shipmentId, 'at_hub')).status).toBe(409);
    for (const to of ['picked_up', 'at_township', 'at_hub']) await transition(shipmentId, to).expect(200);
  });

  it('applies platform update and cancel events, and refuses to cancel after the parcel left', async () => {
    const { input, shipmentId } = await pushOne();
    const updated = await platform.push({ type: 'update', shipment: { ...input, serviceLevel: 'express' } }).expect(200);
    expect(updated.body).toMatchObject({ shipmentId, changed: true });
    const again = await platform.push({ type: 'update', shipment: { ...input, serviceLevel: 'express' } }).expect(200);
    expect(again.body.changed).toBe(false);
    const cancelled = await platform.push({ type: 'cancel', shipment: { id: input.id, reason: 'buyer cancelled' } }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', previousStatus: 'received' });

    const moving = await pushOne();
    for (const to of ['at_hub', 'planned', 'in_transit']) await transition(moving.shipmentId, to).expect(200);
    const late = await platform.push({ type: 'cancel', shipment: { id: moving.input.id } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('illegal_transition');
  });

  it('lets an operator settle a needs_attention shipment by naming its village', async () => {
    const { shipmentId } = await pushOne({ destination: { villageCode: '999999999998' } });
    const path = `/v1/counties/${county.county.id}/shipments/${shipmentId}/destination`;
    const [township] = await db.query(`SELECT id FROM network_node WHERE county_id = $1 AND tier = 'township_station'`, [county.county.id]);
    await api().post(path).set('Authorization', county.authorization).send({ villageNodeId: township.id }).expect(400);
    const settled = await api().post(path).set('Authorization', county.authorization).send({ villageNodeId: villages[1]!.id }).expect(200);
    expect(settled.body).toMatchObject({ villageNodeId: villages[1]!.id, needsAttention: false, attentionReason: null });
    const listed = await api().get(`/v1/counties/${county.county.id}/shipments/needs-attention`).set('Authorization', county.authorization).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(shipmentId);
    const history = await api().get(`/v1/counties/${county.county.id}/shipments/${shipmentId}/events`).set('Authorization', county.authorization).expect(200);
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['shipment.created', 'shipment.updated']);
  });

  it("answers 409 problem+json, not 500, when the destination of a cancelled shipment is changed (issue 12: a domain error's extra `status` once overwrote the HTTP status)", async () => {
    const { shipmentId, input } = await pushOne({ destination: { villageCode: '999999999997' } });
    await platform.push({ type: 'cancel', shipment: { id: input.id, reason: 'buyer cancelled' } }).expect(200);
    const path = `/v1/counties/${county.county.id}/shipments/${shipmentId}/destination`;
    const refused = await api().post(path).set('Authorization', county.authorization).send({ villageNodeId: villages[1]!.id }).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'illegal_transition', currentStatus: 'cancelled' });
  });

  it("keeps one county's key out of another county's shipments", async () => {
    const { shipmentId } = await pushOne();
    const base = `/v1/counties/${county.county.id}/shipments`;
    await api().get(base).set('Authorization', otherCounty.authorization).expect(403);
    await api().get(`${base}/${shipmentId}`).set('Authorization', otherCounty.authorization).expect(403);
    expect((await transition(shipmentId, 'at_hub', otherCounty.authorization)).status).toBe(403);
    // Its own county path with a foreign shipment id finds nothing.
    const foreign = await api().get(`/v1/counties/${otherCounty.county.id}/shipments/${shipmentId}`).set('Authorization', otherCounty.authorization);
    expect(foreign.status).toBe(404);
    expect((await transition(shipmentId, 'at_hub', otherCounty.authorization, otherCounty.county.id)).status).toBe(404);
    const own = await api().get(`/v1/counties/${otherCounty.county.id}/shipments`).set('Authorization', otherCounty.authorization).expect(200);
    expect(own.body.items).toEqual([]);
    const scan = await api()
      .post(`/v1/counties/${otherCounty.county.id}/scans`)
      .set('Authorization', otherCounty.authorization)
      .send({ barcodes: [`x`] })
      .expect(200);
    expect(scan.body.results[0].outcome).toBe('unknown_barcode');
    const [{ status }] = await db.query('SELECT status FROM shipment WHERE id = $1', [shipmentId]);
    expect(status).toBe('received');
  });

  it('lets viewers read but not change', async () => {
    const viewer = await api().post(`/v1/counties/${county.county.id}/api-keys`).set('Authorization', county.authorization).send({ name: 'viewer', role: 'viewer' }).expect(201);
    const { shipmentId } = await pushOne();
    await api().get(`/v1/counties/${county.county.id}/shipments/${shipmentId}`).set('Authorization', `Bearer ${viewer.body.secret}`).expect(200);
    expect((await transition(shipmentId, 'at_hub', `Bearer ${viewer.body.secret}`)).status).toBe(403);
  });
});
