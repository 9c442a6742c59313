import gcoord from 'gcoord';
import type { FeatureCollection, LineString, Point } from 'geojson';
import request from 'supertest';
import { createCounty } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { nodeFeature, roadFeature } from './network-fixtures';

describe('network import in GCJ-02 (AMap, Tencent coordinates)', () => {
  const testApp = useTestApp();
  const toGcj02 = (position: [number, number]) => gcoord.transform(position, gcoord.WGS84, gcoord.GCJ02) as [number, number];

  it('converts every position to WGS 84 before storing it, and refuses an unknown system', async () => {
    const { county, authorization } = await createCounty(testApp.app);
    const hubWgs84: [number, number] = [105.3, 34.01];
    const roadWgs84: Array<[number, number]> = [
      [105.3, 34.01],
      [105.31, 34.02],
    ];
    const network: FeatureCollection = {
      type: 'FeatureCollection',
      features: [nodeFeature('HUB', 'county_hub', toGcj02(hubWgs84)), roadFeature('R1', 'a', 'b', roadWgs84.map(toGcj02))],
    };
    const url = `/v1/counties/${county.id}/network/import`;
    const unknown = await request(testApp.baseUrl).post(`${url}?coordinateSystem=bd09`).set('Authorization', authorization).send(network);
    expect(unknown.status).toBe(400);
    await request(testApp.baseUrl).post(`${url}?coordinateSystem=gcj02`).set('Authorization', authorization).send(network).expect(200);

    const exported: FeatureCollection = (await request(testApp.baseUrl).get(`/v1/counties/${county.id}/network`).set('Authorization', authorization).expect(200)).body;
    const hub = (exported.features[0]!.geometry as Point).coordinates;
    const road = (exported.features[1]!.geometry as LineString).coordinates;
    [[hub, hubWgs84], ...road.map((position, index) => [position, roadWgs84[index]!])].forEach(([stored, expected]) => {
      expect(stored![0]).toBeCloseTo(expected![0]!, 5);
      expect(stored![1]).toBeCloseTo(expected![1]!, 5);
    });
  });
});
