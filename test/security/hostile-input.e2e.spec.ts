import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { createVillages, TestVillage } from '../shipments/support/village-factory';

/** A JSON array nested `depth` deep, as text (JSON.stringify of such a value would itself overflow). */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('hostile input (issue 12, items 2, 3 and 7)', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  let platform: TestPlatform;
  let villages: TestVillage[];
  let db: DataSource;
  const shipmentCount = async () => Number((await db.query(`SELECT count(*)::int AS n FROM shipment WHERE county_id = $1`, [county.county.id]))[0].n);

  beforeAll(async () => {
    db = testApp.app.get(DataSource);
    county = await createCounty(testApp.app);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
  });

  const toVillage = (overrides: Record<string, unknown> = {}) => shipmentInput({ destination: { villageCode: villages[0]!.adminCode }, ...overrides });

  describe('values PostgreSQL cannot store are a 400 naming the field, and nothing is written', () => {
    const cases: Array<{ name: string; body: () => string; field: RegExp }> = [
      // Written as JSON text: the escapes must reach the server as sent.
      { name: 'U+0000 in a name', body: () => JSON.stringify({ shipments: [toVillage()] }).replace('王小明', 'Wang\\u0000'), field: /^shipments\[0\]\.contact\.name$/ },
      { name: 'a lone surrogate', body: () => JSON.stringify({ shipments: [toVillage()] }).replace('王小明', 'Wang\\ud800'), field: /^shipments\[0\]\.contact\.name$/ },
      {
        name: 'a lone surrogate in a property name',
        body: () => JSON.stringify({ shipments: [toVillage()] }).replace('"serviceLevel"', '"service\\udc00Level"'),
        field: /^shipments\[0\]\.service\udc00Level$/,
      },
      {
        name: 'sides of 100,000 cm (the total volume overflows an integer)',
        body: () =>
          JSON.stringify({
            shipments: [toVillage({ parcels: [{ barcode: 'HUGE-1', weightG: 1000, dimensions: { length: 100_000, width: 100_000, height: 100_000, unit: 'cm' } }] })],
          }),
        field: /^shipments\[0\]\.parcels$/,
      },
      { name: 'promisedBy in year 0', body: () => JSON.stringify({ shipments: [toVillage({ promisedBy: '0000-01-01T00:00:00Z' })] }), field: /^shipments\[0\]\.promisedBy$/ },
    ];

    it.each(cases)('$name', async ({ body, field }) => {
      const response = await platform.push(body());
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((problem: { field: string }) => problem.field)).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
      expect(await shipmentCount()).toBe(0);
    });

    it('checks query strings with the same rule', async () => {
      const response = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/shipments?cursor=%00`).set('Authorization', county.authorization).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
    });
  });

  describe('a 100,000-deep body is a 400, not a stack overflow', () => {
    it('on an operator route', async () => {
      const response = await request(testApp.baseUrl)
        .post(`/v1/counties/${county.county.id}/vehicles`)
        .set('Authorization', county.authorization)
        .set('Content-Type', 'application/json')
        .send(nested(100_000))
        .expect(400);
      expect(response.body).toMatchObject({ code: 'malformed_body', detail: expect.stringContaining('deeper than 64') });
    });

    it('on the signed webhook', async () => {
      const response = await platform.push(`{"shipments":${nested(100_000)}}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('malformed_body');
    });
  });

  describe('the body is read only after authentication, within the route limit', () => {
    it('an operator route without a key answers 401 before the body is parsed', async () => {
      // Parsed first (as before), this malformed body would have been a 400.
      const response = await request(testApp.baseUrl).post(`/v1/counties/${county.county.id}/vehicles`).set('Content-Type', 'application/json').send('{"code": ').expect(401);
      expect(response.body.code).toBe('unauthenticated');
    });

    it('the webhook checks the signature over the raw bytes before parsing them', async () => {
      const malformed = '{"shipments": [';
      const forged = await platform.push(malformed, { secret: 'whsec_' + Buffer.alloc(32, 9).toString('base64') });
      expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
      const stale = await platform.push(malformed, { timestampS: Math.floor(Date.now() / 1000) - 600 });
      expect(stale.body.reason).toBe('stale_timestamp');
      // Signed correctly: only then is it parsed, and found malformed.
      expect((await platform.push(malformed)).body.code).toBe('malformed_body');
    });

    it('the webhook refuses an unsigned content type instead of skipping the check', async () => {
      const response = await request(testApp.baseUrl)
        .post(`/v1/webhooks/${platform.id}/shipments`)
        .set({ 'webhook-id': 'msg_text', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' })
        .set('Content-Type', 'text/plain')
        .send('hello');
      expect(response.status).toBe(400);
      expect(await shipmentCount()).toBe(0);
    });

    it('keeps each route to its own limit: 300 KB is too much for a vehicle, not for a network import', async () => {
      const padding = 'x'.repeat(300 * 1024);
      const vehicle = await request(testApp.baseUrl)
        .post(`/v1/counties/${county.county.id}/vehicles`)
        .set('Authorization', county.authorization)
        .send({ code: padding })
        .expect(413);
      expect(vehicle.body.code).toBe('payload_too_large');
      const network = await request(testApp.baseUrl)
        .post(`/v1/counties/${county.county.id}/network/import`)
        .set('Authorization', county.authorization)
        .send({ type: 'FeatureCollection', features: [], padding });
      expect(network.status).not.toBe(413);
    });
  });

  it('a barcode conflict names the barcode, not PostgreSQL’s key text', async () => {
    const first = toVillage();
    expect((await platform.push({ shipments: [first] })).status).toBe(200);
    const barcode = (first.parcels as Array<{ barcode: string }>)[0]!.barcode;
    const second = toVillage({ parcels: [{ barcode, weightG: 500, dimensions: { length: 10, width: 10, height: 10, unit: 'cm' } }] });
    const response = await platform.push({ shipments: [second] });
    expect(response.status).toBe(409);
    expect(response.body.detail).toContain(barcode);
    expect(JSON.stringify(response.body)).not.toMatch(/Key \(|county_id|=\(/);
    expect(response.body.barcodes).toEqual([barcode]);
  });

  it('sends helmet headers without X-Powered-By, and Swagger UI still loads under its CSP', async () => {
    const health = await request(testApp.baseUrl).get('/health').expect(200);
    expect(health.headers['x-powered-by']).toBeUndefined();
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("script-src 'self'");
    expect(health.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const page = await request(testApp.baseUrl).get('/docs/').expect(200);
    // Every script of the page is a same-origin file the policy allows, and each is served.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline!.trim()).toBe('');
      const source = /src="\.?\/?([^"]+)"/.exec(attributes!)![1]!;
      expect(source).not.toMatch(/^https?:/);
      await request(testApp.baseUrl).get(`/docs/${source}`).expect(200);
    }
  });
});
