import request from 'supertest';
import { NetworkQueryService } from '../../src/network/network-query.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { smallNetwork } from './network-fixtures';

describe('network nodes API and query service', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
  const nodesUrl = (who: CountyWithKey = county) => `/v1/counties/${who.county.id}/nodes`;

  const create = (body: Record<string, unknown>, who: CountyWithKey = county) => request(testApp.baseUrl).post(nodesUrl(who)).set('Authorization', who.authorization).send(body);

  beforeAll(async () => {
    county = await createCounty(testApp.app);
  });

  it('creates a hub, a station and a village, with the location as a GeoJSON point', async () => {
    const hub = await create({ tier: 'county_hub', code: 'HUB', name: '县物流中心', location: point(105.7, 34.1) }).expect(201);
    expect(hub.body).toMatchObject({ tier: 'county_hub', code: 'HUB', parentId: null, location: { type: 'Point', coordinates: [105.7, 34.1] }, serviceTimeS: 300 });
    const station = await create({ tier: 'township_station', code: 'T1', parentCode: 'HUB', name: '城关镇', location: point(105.72, 34.1) }).expect(201);
    expect(station.body.parentId).toBe(hub.body.id);
    const village = await create({
      tier: 'village_point',
      code: '621225100201',
      parentId: station.body.id,
      adminCode: '621225100201',
      name: '石门村',
      location: point(105.73, 34.11),
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' }],
    }).expect(201);
    expect(village.body).toMatchObject({ parentId: station.body.id, adminCode: '621225100201', openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' }] });
  });

  it('enforces one hub, unique codes and the tier of parents', async () => {
    expect((await create({ tier: 'county_hub', code: 'HUB2', name: 'x', location: point(105, 34) }).expect(409)).body.code).toBe('conflict');
    expect((await create({ tier: 'township_station', code: 'T1', parentCode: 'HUB', name: 'x', location: point(105, 34) }).expect(409)).body.code).toBe('conflict');
    const villageParent = await create({ tier: 'village_point', code: 'V2', parentCode: '621225100201', name: 'x', location: point(105, 34) }).expect(400);
    expect(villageParent.body.errors).toEqual([expect.objectContaining({ field: 'parentCode' })]);
    await create({ tier: 'village_point', code: 'V3', name: 'x', location: point(105, 34) }).expect(400);
  });

  it('refuses coordinates out of range or not finite', async () => {
    const longitude = await create({ tier: 'township_station', code: 'T9', parentCode: 'HUB', name: 'x', location: point(200, 34) }).expect(400);
    expect(longitude.body.errors).toEqual([expect.objectContaining({ field: 'location.coordinates[0]' })]);
    const latitude = await create({ tier: 'township_station', code: 'T9', parentCode: 'HUB', name: 'x', location: point(105, -91) }).expect(400);
    expect(latitude.body.errors).toEqual([expect.objectContaining({ field: 'location.coordinates[1]' })]);
    await create({ tier: 'township_station', code: 'T9', parentCode: 'HUB', name: 'x', location: { type: 'Point', coordinates: ['NaN', 34] } }).expect(400);
  });

  it('lists with filters and cursor pagination, gets one, and patches', async () => {
    await create({ tier: 'village_point', code: 'V-B', parentCode: 'T1', name: '柳林村委会', location: point(105.74, 34.12) }).expect(201);
    await create({ tier: 'village_point', code: 'V-C', parentCode: 'T1', name: '河口社区', location: point(105.75, 34.13) }).expect(201);
    const villages = await request(testApp.baseUrl).get(nodesUrl()).query({ tier: 'village_point' }).set('Authorization', county.authorization).expect(200);
    expect(villages.body.items.map((node: { code: string }) => node.code)).toEqual(['621225100201', 'V-B', 'V-C']);

    const first = await request(testApp.baseUrl).get(nodesUrl()).query({ parentCode: 'T1', limit: 2 }).set('Authorization', county.authorization).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe('V-B');
    const second = await request(testApp.baseUrl)
      .get(nodesUrl())
      .query({ parentCode: 'T1', limit: 2, cursor: first.body.nextCursor })
      .set('Authorization', county.authorization)
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ code: 'V-C' })], nextCursor: null });

    const id = second.body.items[0].id;
    const patched = await request(testApp.baseUrl)
      .patch(`${nodesUrl()}/${id}`)
      .set('Authorization', county.authorization)
      .send({ name: '河口村', location: point(105.751, 34.131), storageCapacityParcels: 40 })
      .expect(200);
    expect(patched.body).toMatchObject({ name: '河口村', location: { coordinates: [105.751, 34.131] }, storageCapacityParcels: 40, tier: 'village_point' });
    const fetched = await request(testApp.baseUrl).get(`${nodesUrl()}/${id}`).set('Authorization', county.authorization).expect(200);
    expect(fetched.body.name).toBe('河口村');
    await request(testApp.baseUrl).patch(`${nodesUrl()}/${id}`).set('Authorization', county.authorization).send({ tier: 'county_hub' }).expect(400);
  });

  it('lets a viewer read but not write', async () => {
    const viewer = await createCounty(testApp.app, { role: 'viewer' });
    const response = await create({ tier: 'county_hub', code: 'HUB', name: 'x', location: point(105, 34) }, viewer).expect(403);
    expect(response.body.code).toBe('forbidden');
    await request(testApp.baseUrl).post(`/v1/counties/${viewer.county.id}/network/import`).set('Authorization', viewer.authorization).send(smallNetwork()).expect(403);
    await request(testApp.baseUrl).get(nodesUrl(viewer)).set('Authorization', viewer.authorization).expect(200);
  });

  it("does not show a county's nodes to another county's key", async () => {
    const other = await createCounty(testApp.app);
    const listed = await request(testApp.baseUrl).get(nodesUrl()).query({ tier: 'county_hub' }).set('Authorization', county.authorization).expect(200);
    const hubId = listed.body.items[0].id;
    await request(testApp.baseUrl).get(nodesUrl()).set('Authorization', other.authorization).expect(403);
    await request(testApp.baseUrl).get(`${nodesUrl()}/${hubId}`).set('Authorization', other.authorization).expect(403);
    // Its own county path with our node id: not found, never our node.
    await request(testApp.baseUrl)
      .get(`${nodesUrl(other)}/${hubId}`)
      .set('Authorization', other.authorization)
      .expect(404);
    await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/network`).set('Authorization', other.authorization).expect(403);
  });

  it('answers the questions other modules ask', async () => {
    const query = testApp.app.get(NetworkQueryService);
    const id = county.county.id;
    expect(await query.findVillageByAdminCode(id, '621225100201')).toMatchObject({ code: '621225100201', name: '石门村' });
    expect(await query.findVillageByAdminCode(id, '621225999999')).toBeNull();
    const stoneGate = await query.findVillagesByName(id, { village: '石门村委会' });
    expect(stoneGate).toEqual([expect.objectContaining({ code: '621225100201', townshipName: '城关镇' })]);
    expect(await query.findVillagesByName(id, { township: '城关', village: '石门' })).toHaveLength(1);
    expect(await query.findVillagesByName(id, { township: '城关乡', village: '柳林村' })).toEqual([expect.objectContaining({ code: 'V-B' })]);
    expect(await query.findVillagesByName(id, { township: '别的镇', village: '石门村' })).toEqual([]);
    const nearest = await query.nearestVillagePoint(id, 105.7301, 34.11, 1000);
    expect(nearest).toMatchObject({ code: '621225100201' });
    expect(nearest!.distanceM).toBeLessThan(20);
    expect(await query.nearestVillagePoint(id, 106.5, 35, 1000)).toBeNull();
  });
});
