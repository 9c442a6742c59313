import gcoord from 'gcoord';
import { DataSource } from 'typeorm';
import { haversineM } from '@rural-dispatch/routing';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from './support/platform-client';
import { createVillages, TestVillage } from './support/village-factory';

const BODY_LIMIT_BYTES = 64 * 1024;

describe('platform webhook intake', () => {
  let testApp: TestApp;
  let county: CountyWithKey;
  let platform: TestPlatform;
  let villages: TestVillage[];
  let db: DataSource;
  const count = async (table: string) => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    testApp = await startTestApp(await createTestConfig({ bodyLimitBytes: BODY_LIMIT_BYTES }));
    db = testApp.app.get(DataSource);
    county = await createCounty(testApp.app);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
  });

  afterAll(async () => {
    await testApp.close();
    await cleanupTestConfig(testApp.config);
  });

  const toVillage = (overrides: Record<string, unknown> = {}) => shipmentInput({ destination: { villageCode: villages[0]!.adminCode }, ...overrides });

  describe('rejects bad requests with problem+json and writes nothing', () => {
    const cases: Array<{ name: string; status: number; code: string; send: () => Promise<import('supertest').Response> }> = [
      {
        name: 'bad signature',
        status: 401,
        code: 'unauthenticated',
        send: () => platform.push({ shipments: [toVillage()] }, { secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64') }),
      },
      {
        name: 'stale timestamp',
        status: 401,
        code: 'unauthenticated',
        send: () => platform.push({ shipments: [toVillage()] }, { timestampS: Math.floor(Date.now() / 1000) - 301 }),
      },
      { name: 'unknown platform', status: 404, code: 'not_found', send: () => platform.push({ shipments: [toVillage()] }, { platformId: '00000000-0000-4000-8000-000000000000' }) },
      {
        name: 'body over the size limit',
        status: 413,
        code: 'payload_too_large',
        send: () => platform.push({ shipments: [toVillage({ contact: { name: 'x'.repeat(BODY_LIMIT_BYTES), phone: '13800138000' } })] }),
      },
      { name: 'malformed JSON', status: 400, code: 'malformed_body', send: () => platform.push('{"shipments": [') },
      {
        name: 'negative weight',
        status: 400,
        code: 'validation_failed',
        send: () => platform.push({ shipments: [toVillage({ parcels: [{ barcode: 'NEG-1', weightG: -5, dimensions: { length: 1, width: 1, height: 1, unit: 'cm' } }] })] }),
      },
      {
        name: 'coordinate out of range',
        status: 400,
        code: 'validation_failed',
        send: () => platform.push({ shipments: [toVillage({ destination: { coordinate: [105.3, 95] } })] }),
      },
      {
        name: 'malformed village code',
        status: 400,
        code: 'validation_failed',
        send: () => platform.push({ shipments: [toVillage({ destination: { villageCode: '62122510020' } })] }),
      },
      { name: 'empty batch', status: 400, code: 'validation_failed', send: () => platform.push({ shipments: [] }) },
    ];

    it.each(cases)('$name ⇒ $status $code', async ({ status, code, send }) => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ status, code });
      expect(typeof response.body.detail).toBe('string');
      expect(await count('shipment')).toBe(0);
      expect(await count('shipment_outbox')).toBe(0);
    });

    it('a platform signing with another platform’s secret is refused', async () => {
      const other = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
      const response = await platform.push({ shipments: [toVillage()] }, { secret: other.secret });
      expect(response.status).toBe(401);
      expect(await count('shipment')).toBe(0);
    });
  });

  it('accepts a well-formed code that matches no village and flags it for operators', async () => {
    const input = toVillage({ destination: { villageCode: '999999999999' } });
    const response = await platform.push({ shipments: [input] });
    expect(response.status).toBe(200);
    expect(response.body.results[0]).toMatchObject({ id: input.id, needsAttention: true, duplicate: false });
    expect(response.body.results[0].attentionReason).toMatch(/999999999999/);
    const listed = await import('supertest').then((st) =>
      st.default(testApp.baseUrl).get(`/v1/counties/${county.county.id}/shipments/needs-attention`).set('Authorization', county.authorization).expect(200),
    );
    expect(listed.body.items.map((item: { platformShipmentId: string }) => item.platformShipmentId)).toContain(input.id);
    expect(listed.body.items[0].contact.phone).toBe('**********8000');
  });

  it('stores the phone in E.164 however the platform writes it, and names bad fields', async () => {
    const spaced = toVillage({ contact: { name: '李四', phone: '+86 139-0013-9000' } });
    const prefixed = toVillage({ contact: { name: '张三', phone: '0086 13900139000' } });
    await platform.push({ shipments: [spaced, prefixed] }).expect(200);
    const rows: Array<{ contact_phone: string }> = await db.query('SELECT contact_phone FROM shipment WHERE platform_shipment_id = ANY($1)', [[spaced.id, prefixed.id]]);
    expect(rows.map((row) => row.contact_phone)).toEqual(['+8613900139000', '+8613900139000']);
    const refused = await platform.push({ shipments: [toVillage({ contact: { name: '王五', phone: '12345' } }), toVillage({ parcels: [] })] }).expect(400);
    expect(refused.body.errors.map((problem: { field: string }) => problem.field)).toEqual(['shipments[0].contact.phone', 'shipments[1].parcels']);
  });

  it('resolves by code, by nearest coordinate and by village name', async () => {
    const [first, second, third] = villages as [TestVillage, TestVillage, TestVillage];
    const byCode = toVillage({ destination: { villageCode: first.adminCode } });
    const byCoordinate = toVillage({ destination: { coordinate: [second.lon + 0.001, second.lat] } });
    const byName = toVillage({ destination: { address: { township: '长道', village: third.name } } });
    const response = await platform.push({ shipments: [byCode, byCoordinate, byName] }).expect(200);
    expect(response.body).toMatchObject({ accepted: 3, duplicates: 0, needsAttention: 0 });
    const rows: Array<{ platform_shipment_id: string; village_node_id: string; resolved_by: string }> = await db.query(
      'SELECT platform_shipment_id, village_node_id, resolved_by FROM shipment WHERE platform_shipment_id = ANY($1)',
      [[byCode.id, byCoordinate.id, byName.id]],
    );
    const byId = new Map(rows.map((row) => [row.platform_shipment_id, row]));
    expect(byId.get(byCode.id as string)).toMatchObject({ village_node_id: first.id, resolved_by: 'admin_code' });
    expect(byId.get(byCoordinate.id as string)).toMatchObject({ village_node_id: second.id, resolved_by: 'coordinate' });
    expect(byId.get(byName.id as string)).toMatchObject({ village_node_id: third.id, resolved_by: 'name' });
  });

  it('takes GCJ-02 coordinates (AMap, Tencent), matches and stores them in WGS 84', async () => {
    const village = villages[1]!;
    // The village's point as AMap shows it: several hundred metres off in Gansu.
    const [gcjLon, gcjLat] = gcoord.transform([village.lon, village.lat], gcoord.WGS84, gcoord.GCJ02);
    expect(haversineM(village.lon, village.lat, gcjLon, gcjLat)).toBeGreaterThan(300);
    const input = toVillage({ destination: { coordinate: [gcjLon, gcjLat], coordinateSystem: 'gcj02' } });
    await platform.push({ shipments: [input] }).expect(200);
    const [row] = await db.query('SELECT village_node_id, resolved_by, destination FROM shipment WHERE platform_shipment_id = $1', [input.id]);
    expect(row).toMatchObject({ village_node_id: village.id, resolved_by: 'coordinate' });
    expect(row.destination.coordinate[0]).toBeCloseTo(village.lon, 5);
    expect(row.destination.coordinate[1]).toBeCloseTo(village.lat, 5);
    expect(row.destination.coordinateSystem).toBeUndefined();
    const bad = await platform.push({ shipments: [toVillage({ destination: { coordinate: [gcjLon, gcjLat], coordinateSystem: 'bd09' } })] });
    expect(bad.status).toBe(400);
  });

  it('answers a repeat as the first time, and refuses the same id with other content', async () => {
    const input = toVillage();
    const first = await platform.push({ type: 'create', shipment: input }).expect(200);
    const again = await platform.push({ type: 'create', shipment: input }).expect(200);
    expect(again.body.results[0]).toEqual({ ...first.body.results[0], duplicate: true });
    const changed = await platform.push({ type: 'create', shipment: { ...input, serviceLevel: 'express' } });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('conflict');
    const rows = await db.query('SELECT service_level FROM shipment WHERE platform_shipment_id = $1', [input.id]);
    expect(rows).toEqual([{ service_level: 'standard' }]);
  });

  it('300 distinct shipments pushed 750 times, the copies of each racing each other ⇒ 300 rows and one outbox row each', async () => {
    const before = { shipments: await count('shipment'), outbox: await count('shipment_outbox') };
    const inputs = Array.from({ length: 300 }, (_, index) => toVillage({ id: `DUP-${index}` }));
    // Every id twice, one in two three times. An id's copies sit side by side, so that neighbouring
    // workers send them at the same moment: each id races on the unique key (a shuffled list of
    // 5,000 pushes raced only a few dozen ids; the rest arrived after the first had committed).
    const pushes = inputs.flatMap((input, index) => Array.from({ length: index % 2 === 0 ? 3 : 2 }, () => input));
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < pushes.length) {
          const input = pushes[next++]!;
          statuses.push((await platform.push({ type: 'create', shipment: input })).status);
        }
      }),
    );
    expect(statuses).toHaveLength(750);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((await count('shipment')) - before.shipments).toBe(300);
    expect((await count('shipment_outbox')) - before.outbox).toBe(300);
    const perShipment = await db.query(
      `SELECT count(*)::int AS n FROM shipment s JOIN shipment_event e ON e.shipment_id = s.id JOIN shipment_outbox o ON o.event_id = e.id
        WHERE s.platform_shipment_id LIKE 'DUP-%' GROUP BY s.id HAVING count(*) <> 1`,
    );
    expect(perShipment).toEqual([]);
  }, 180_000);
});
