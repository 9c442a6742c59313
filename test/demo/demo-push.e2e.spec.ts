import { DataSource } from 'typeorm';
import { pushDemoShipments } from '../../src/demo/push-demo-shipments';
import { createCounty } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { createVillages } from '../shipments/support/village-factory';

describe('pushDemoShipments', () => {
  const testApp = useTestApp();

  it('pushes a seeded mix through the signed webhook, and a re-run duplicates nothing', async () => {
    const { county } = await createCounty(testApp.app);
    await createVillages(testApp.app, county.id, county.adminCode, 6);
    const first = await pushDemoShipments(testApp.baseUrl, county.id, testApp.app, { date: '2026-11-29', count: 250 });
    expect(first).toMatchObject({ total: 250, accepted: 250, duplicates: 0 });
    const again = await pushDemoShipments(testApp.baseUrl, county.id, testApp.app, { date: '2026-11-29', count: 250 });
    expect(again).toMatchObject({ platformIds: first.platformIds, accepted: 0, duplicates: 250, needsAttention: first.needsAttention });
    expect(first.platformIds).toHaveLength(5);

    const db = testApp.app.get(DataSource);
    const mix: Array<{ direction: string; resolved_by: string | null; n: number }> = await db.query(
      'SELECT direction, resolved_by, count(*)::int AS n FROM shipment WHERE county_id = $1 GROUP BY 1, 2',
      [county.id],
    );
    const total = (predicate: (row: { direction: string; resolved_by: string | null }) => boolean) => mix.filter(predicate).reduce((sum, row) => sum + row.n, 0);
    expect(total(() => true)).toBe(250);
    const perPlatform: Array<{ n: number }> = await db.query('SELECT count(*)::int AS n FROM shipment WHERE county_id = $1 GROUP BY platform_id', [county.id]);
    expect(perPlatform.map((row) => row.n)).toEqual([50, 50, 50, 50, 50]);
    expect(total((row) => row.direction === 'outbound_pickup')).toBeGreaterThan(0);
    for (const method of ['admin_code', 'coordinate', 'name']) expect(total((row) => row.resolved_by === method)).toBeGreaterThan(0);
  }, 60_000);
});
