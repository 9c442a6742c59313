import request from 'supertest';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { TravelMatrixService } from '../../src/network/matrix/travel-matrix.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { nodeFeature, roadFeature, smallNetwork } from './network-fixtures';

/** Great-circle metres, written out here so the test does not reuse the code it checks. */
function greatCircleM(lonA: number, latA: number, lonB: number, latB: number): number {
  const radians = Math.PI / 180;
  const a = Math.sin(((latB - latA) * radians) / 2) ** 2 + Math.cos(latA * radians) * Math.cos(latB * radians) * Math.sin(((lonB - lonA) * radians) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('travel matrices', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;

  const matrix = (who: CountyWithKey, body: Record<string, unknown>) =>
    request(testApp.baseUrl).post(`/v1/counties/${who.county.id}/network/matrix`).set('Authorization', who.authorization).send(body);

  beforeAll(async () => {
    // A viewer key: matrices are reads. The network is written through the service, as seeding does.
    county = await createCounty(testApp.app, { role: 'viewer' });
    const network = smallNetwork();
    // A shortcut HUB -> V11 (2,500 m tertiary) that is closed for July 2026.
    network.features.push(
      roadFeature(
        'R6',
        'a',
        'c',
        [
          [105.0, 34.0],
          [105.015, 33.995],
          [105.03, 34.0],
        ],
        {
          lengthM: 2500,
          closures: [{ start: '2026-07-01T00:00:00+08:00', end: '2026-08-01T00:00:00+08:00', reason: 'landslide' }],
        },
      ),
    );
    await testApp.app.get(NetworkImportService).importFeatureCollection(county.county.id, network);
  });

  it('computes shortest paths with the travel-time model (checked by hand)', async () => {
    const response = await matrix(county, { nodeCodes: ['HUB', 'T1', 'V11'], vehicleClass: 'van', at: '2026-07-15T09:00:00+08:00' }).expect(200);
    expect(response.body.method).toBe('road_network');
    expect(response.body.nodes.map((node: { code: string }) => node.code)).toEqual(['HUB', 'T1', 'V11']);
    // Van on paved tertiary, flat: 42 km/h. R1 2,000 m -> 171.4 s -> 171; R2 1,000 m -> 85.7 s -> 86.
    expect(response.body.durationS[0]).toEqual([0, 171, 257]);
    expect(response.body.distanceM[0]).toEqual([0, 2000, 3000]);
    expect(response.body.durationS[2][0]).toBe(257);
    expect(response.body.unreachable).toEqual([]);
    expect(response.body.closedSegmentCount).toBe(1);
  });

  it('uses a road whose closure does not cover the departure time, and avoids it when it does', async () => {
    const open = await matrix(county, { nodeCodes: ['HUB', 'V11'], vehicleClass: 'van', at: '2026-09-01T09:00:00+08:00' }).expect(200);
    // R6: 2,500 m at 42 km/h = 214.3 s -> 214, shorter in time than R1 + R2 (257 s).
    expect(open.body.durationS[0][1]).toBe(214);
    expect(open.body.distanceM[0][1]).toBe(2500);
    const closed = await matrix(county, { nodeCodes: ['HUB', 'V11'], vehicleClass: 'van', at: '2026-07-02T09:00:00+08:00' }).expect(200);
    expect(closed.body.durationS[0][1]).toBe(257);
    expect(closed.body.distanceM[0][1]).toBe(3000);
  });

  it('differs by vehicle class and caches per network version', async () => {
    const at = '2026-07-15T09:00:00+08:00';
    const truck = await matrix(county, { nodeCodes: ['HUB', 'T1'], vehicleClass: 'truck', at }).expect(200);
    // Truck on paved tertiary: 35 km/h -> 2,000 m in 205.7 s -> 206.
    expect(truck.body.durationS[0][1]).toBe(206);
    const again = await matrix(county, { nodeCodes: ['HUB', 'T1'], vehicleClass: 'truck', at }).expect(200);
    expect(again.body.cached).toBe(true);
    expect(again.body.durationS).toEqual(truck.body.durationS);

    const service = testApp.app.get(TravelMatrixService);
    const direct = await service.computeMatrix(county.county.id, ['HUB', 'T1'], 'truck', new Date(at));
    expect(Array.from(direct.durationS)).toEqual([0, 206, 206, 0]);
  });

  it('defaults to every node, hub first', async () => {
    const response = await matrix(county, { vehicleClass: 'motorcycle' }).expect(200);
    expect(response.body.nodes.map((node: { code: string }) => node.code)).toEqual(['HUB', 'T1', 'T2', 'V11', 'V12', 'V21']);
    expect(response.body.durationS).toHaveLength(6);
    expect(typeof response.body.computationMs).toBe('number');
  });

  it('refuses an unknown node code, an unknown class and a departure time without offset', async () => {
    const response = await matrix(county, { nodeCodes: ['HUB', 'NOPE'], vehicleClass: 'van' }).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'nodeCodes[1]' })]);
    await matrix(county, { vehicleClass: 'bicycle' }).expect(400);
    const local = await matrix(county, { vehicleClass: 'van', at: '2026-07-15T09:00:00' }).expect(400);
    expect(local.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
  });

  it('falls back to great-circle × circuity for a county without roads', async () => {
    const bare = await createCounty(testApp.app);
    const features = smallNetwork().features.filter((feature) => feature.properties?.kind === 'node');
    await request(testApp.baseUrl)
      .post(`/v1/counties/${bare.county.id}/network/import`)
      .set('Authorization', bare.authorization)
      .send({ type: 'FeatureCollection', features })
      .expect(200);
    const response = await matrix(bare, { nodeCodes: ['HUB', 'T1'], vehicleClass: 'van' }).expect(200);
    expect(response.body.method).toBe('great_circle_fallback');
    // Documented fallback: distance = great circle × 1.6, van at 38 km/h.
    const expectedM = Math.round(greatCircleM(105.0, 34.0, 105.02, 34.0) * 1.6);
    expect(response.body.distanceM[0][1]).toBe(expectedM);
    expect(response.body.durationS[0][1]).toBe(Math.round((expectedM * 3.6) / 38));
  });

  it('invalidates by network version when the network changes', async () => {
    const writer = await createCounty(testApp.app);
    const url = `/v1/counties/${writer.county.id}/network/import`;
    await request(testApp.baseUrl).post(url).set('Authorization', writer.authorization).send(smallNetwork()).expect(200);
    const first = await matrix(writer, { nodeCodes: ['HUB', 'T1'], vehicleClass: 'van' }).expect(200);
    const slower = smallNetwork();
    slower.features[6]!.properties!.surface = 'dirt';
    slower.features.push(nodeFeature('V13', 'village_point', [105.025, 34.0], { parent: 'T1' }));
    await request(testApp.baseUrl).post(url).set('Authorization', writer.authorization).send(slower).expect(200);
    const second = await matrix(writer, { nodeCodes: ['HUB', 'T1'], vehicleClass: 'van' }).expect(200);
    expect(second.body.networkVersion).toBe(first.body.networkVersion + 1);
    expect(second.body.cached).toBe(false);
    // Dirt: 42 km/h × 0.5 = 21 km/h -> 2,000 m in 342.9 s -> 343.
    expect(second.body.durationS[0][1]).toBe(343);
  });

  it('keeps for the next planning run only the matrices the run that ended used', async () => {
    // A worker calls endPlanningRun after each plan's solves; without it, one-off node lists piled up plan after plan.
    const service = testApp.app.get(TravelMatrixService);
    const countyId = county.county.id;
    const at = new Date('2026-07-15T09:00:00+08:00');
    const compute = (codes: string[]) => service.computeMatrix(countyId, codes, 'tricycle', at);
    expect((await compute(['HUB', 'T1'])).cached).toBe(false);
    const unusedLater = await compute(['HUB', 'V11']);
    expect(unusedLater.cached).toBe(false);
    service.endPlanningRun(countyId);
    // The next run asks for the first list only: the second is dropped when that run ends, the first stays.
    const used = await compute(['HUB', 'T1']);
    expect(used.cached).toBe(true);
    expect(used).not.toHaveProperty('lastPlanningRun');
    service.endPlanningRun(countyId);
    expect((await compute(['HUB', 'T1'])).cached).toBe(true);
    const dropped = await compute(['HUB', 'V11']);
    expect(dropped.cached).toBe(false);
    expect(Array.from(dropped.durationS)).toEqual(Array.from(unusedLater.durationS));
  });
});
