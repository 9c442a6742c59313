import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from './support/platform-client';
import { createVillages, TestVillage } from './support/village-factory';

describe('shipment search (q, status, platform, dates; paged)', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  let otherCounty: CountyWithKey;
  let platform: TestPlatform;
  let otherPlatform: TestPlatform;
  let villages: TestVillage[];
  const ids: Record<string, string> = {};
  const api = () => request(testApp.baseUrl);
  const search = (query: Record<string, string | number>, target: CountyWithKey = county) =>
    api().get(`/v1/counties/${target.county.id}/shipments`).query(query).set('Authorization', target.authorization);
  const platformIdsOf = (body: { items: Array<{ platformShipmentId: string }> }) => body.items.map((item) => item.platformShipmentId).sort();

  beforeAll(async () => {
    county = await createCounty(testApp.app);
    otherCounty = await createCounty(testApp.app);
    villages = await createVillages(testApp.app, county.county.id, county.county.adminCode, 2);
    platform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
    otherPlatform = await createPlatform(testApp.app, testApp.baseUrl, county.county.id);
    const inputs = [
      {
        key: 'wang',
        client: platform,
        input: shipmentInput({ id: 'JD-SEARCH-1', contact: { name: '王小明', phone: '13800138000' }, destination: { villageCode: villages[0]!.adminCode } }),
      },
      {
        key: 'li',
        client: platform,
        input: shipmentInput({ id: 'JD-SEARCH-2', contact: { name: '李四', phone: '13900139000' }, destination: { villageCode: villages[1]!.adminCode } }),
      },
      {
        key: 'zhao',
        client: otherPlatform,
        input: shipmentInput({ id: 'PDD-SEARCH-3', contact: { name: '赵%六', phone: '13700137000' }, destination: { villageCode: villages[1]!.adminCode } }),
      },
    ];
    for (const { key, client, input } of inputs) {
      const response = await client.push({ shipments: [input] }).expect(200);
      ids[key] = response.body.results[0].shipmentId as string;
    }
    // One shipment created three days ago (local date), for the date filters.
    await testApp.app.get(DataSource).query(`UPDATE shipment SET created_at = now() - interval '3 days' WHERE id = $1`, [ids.zhao]);
    await api()
      .post(`/v1/counties/${county.county.id}/scans`)
      .set('Authorization', county.authorization)
      .send({ barcodes: ['JD-SEARCH-2-1'] })
      .expect(200);
  });

  it('finds by barcode, platform shipment id prefix, recipient name or phone prefix, village name prefix or code', async () => {
    expect(platformIdsOf((await search({ q: 'JD-SEARCH-2-1' }).expect(200)).body)).toEqual(['JD-SEARCH-2']);
    expect(platformIdsOf((await search({ q: 'JD-SEARCH' }).expect(200)).body)).toEqual(['JD-SEARCH-1', 'JD-SEARCH-2']);
    expect(platformIdsOf((await search({ q: '王小' }).expect(200)).body)).toEqual(['JD-SEARCH-1']);
    expect(platformIdsOf((await search({ q: '1390013' }).expect(200)).body)).toEqual(['JD-SEARCH-2']);
    expect(platformIdsOf((await search({ q: '0086 139-0013' }).expect(200)).body)).toEqual(['JD-SEARCH-2']);
    expect(platformIdsOf((await search({ q: villages[1]!.name.slice(0, 3) }).expect(200)).body)).toEqual(['JD-SEARCH-2', 'PDD-SEARCH-3']);
    expect(platformIdsOf((await search({ q: villages[0]!.adminCode }).expect(200)).body)).toEqual(['JD-SEARCH-1']);
    // A % in the text is a literal character, not a wildcard.
    expect(platformIdsOf((await search({ q: '赵%' }).expect(200)).body)).toEqual(['PDD-SEARCH-3']);
    expect(platformIdsOf((await search({ q: '%' }).expect(200)).body)).toEqual([]);
    expect(platformIdsOf((await search({ q: '小明' }).expect(200)).body)).toEqual([]);
  });

  it('filters by status, platform and local creation date, and pages', async () => {
    expect(platformIdsOf((await search({ status: 'at_hub' }).expect(200)).body)).toEqual(['JD-SEARCH-2']);
    expect(platformIdsOf((await search({ platformId: otherPlatform.id }).expect(200)).body)).toEqual(['PDD-SEARCH-3']);
    expect(platformIdsOf((await search({ q: villages[1]!.adminCode, platformId: platform.id }).expect(200)).body)).toEqual(['JD-SEARCH-2']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: county.county.timeZone }).format(new Date());
    expect(platformIdsOf((await search({ from: today, to: today }).expect(200)).body)).toEqual(['JD-SEARCH-1', 'JD-SEARCH-2']);
    expect(
      platformIdsOf((await search({ to: new Intl.DateTimeFormat('en-CA', { timeZone: county.county.timeZone }).format(Date.now() - 2 * 86_400_000) }).expect(200)).body),
    ).toEqual(['PDD-SEARCH-3']);

    const first = await search({ q: 'JD-SEARCH', limit: 1 }).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await search({ q: 'JD-SEARCH', limit: 1, cursor: first.body.nextCursor }).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0].platformShipmentId, second.body.items[0].platformShipmentId].sort()).toEqual(['JD-SEARCH-1', 'JD-SEARCH-2']);
  });

  it('sees nothing of another county', async () => {
    expect((await search({ q: 'JD-SEARCH' }, otherCounty).expect(200)).body.items).toEqual([]);
  });

  it.each([
    [{ q: '' }, 'q'],
    [{ q: 'x'.repeat(101) }, 'q'],
    [{ platformId: 'jd' }, 'platformId'],
    [{ from: '2026-02-30' }, 'from'],
    [{ to: '30/11/2026' }, 'to'],
    [{ from: '2026-11-30', to: '2026-11-01' }, 'from'],
    [{ status: 'lost' }, 'status'],
    [{ limit: 0 }, 'limit'],
  ])('refuses %j with a 400 problem naming %s', async (query, field) => {
    const response = await search(query).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});
