import request from 'supertest';
import { CountiesService } from '../../src/counties/counties.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';

/** The service calendars of village points and township stations: API, GeoJSON import and export. */
describe('service calendars', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  let viewer: CountyWithKey;
  const ids: Record<string, string> = {};
  const http = () => request(testApp.baseUrl);
  const calendarUrl = (code: string) => `/v1/counties/${county.county.id}/nodes/${ids[code]}/service-calendar`;
  const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
  const nodeFeature = (properties: Record<string, unknown>, [lon, lat]: [number, number]) => ({
    type: 'Feature',
    geometry: point(lon, lat),
    properties: { kind: 'node', ...properties },
  });
  const importNetwork = (features: unknown[]) =>
    http().post(`/v1/counties/${county.county.id}/network/import`).set('Authorization', county.authorization).send({ type: 'FeatureCollection', features });

  beforeAll(async () => {
    county = await createCounty(testApp.app);
    viewer = { ...county, ...(await createViewerKey()) };
    const imported = await importNetwork([
      nodeFeature({ tier: 'county_hub', code: 'HUB', name: '县物流中心' }, [105.3, 34.0]),
      nodeFeature({ tier: 'township_station', code: 'T1', parent: 'HUB', name: '东镇', serviceCalendar: { rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'] } }, [105.38, 34.0]),
      nodeFeature({ tier: 'village_point', code: 'V1', parent: 'T1', name: '一村' }, [105.4, 34.01]),
      nodeFeature(
        {
          tier: 'village_point',
          code: 'V2',
          parent: 'T1',
          name: '二村',
          serviceCalendar: { rule: 'every_n_days', everyNDays: 2, anchorDate: '2026-11-30', exceptions: [{ type: 'extra', from: '2026-12-05', note: '集市' }] },
        },
        [105.41, 33.99],
      ),
    ]).expect(200);
    expect(imported.body.nodes.created).toBe(4);
    const nodes = await http().get(`/v1/counties/${county.county.id}/nodes`).set('Authorization', county.authorization).expect(200);
    for (const node of nodes.body.items) ids[node.code] = node.id;
  });

  async function createViewerKey(): Promise<Pick<CountyWithKey, 'authorization'>> {
    const { secret } = await testApp.app.get(CountiesService).createApiKey(county.county.id, 'hall screen', 'viewer');
    return { authorization: `Bearer ${secret}` };
  }

  it('shows a village following its station, with the next service days from the county today (Monday 2026-11-30)', async () => {
    const v1 = await http().get(calendarUrl('V1')).set('Authorization', viewer.authorization).expect(200);
    expect(v1.body).toMatchObject({ node: { code: 'V1' }, tier: 'village_point', own: null, station: { code: 'T1' }, ruleFrom: 'station' });
    expect(v1.body.upcomingServiceDays.slice(0, 4)).toEqual(['2026-11-30', '2026-12-02', '2026-12-04', '2026-12-07']);
    const v2 = await http().get(calendarUrl('V2')).set('Authorization', county.authorization).expect(200);
    expect(v2.body).toMatchObject({
      ruleFrom: 'own',
      own: { rule: 'every_n_days', everyNDays: 2, anchorDate: '2026-11-30', exceptions: [{ type: 'extra', from: '2026-12-05', to: '2026-12-05', note: '集市' }] },
    });
    expect(v2.body.upcomingServiceDays.slice(0, 5)).toEqual(['2026-11-30', '2026-12-02', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('sets and removes a calendar through the API; the node shows its own', async () => {
    const set = await http()
      .put(calendarUrl('V1'))
      .set('Authorization', county.authorization)
      .send({ rule: 'weekdays', weekdays: ['tue'] })
      .expect(200);
    expect(set.body).toMatchObject({ ruleFrom: 'own', own: { rule: 'weekdays', weekdays: ['tue'], exceptions: [] } });
    expect(set.body.upcomingServiceDays.slice(0, 2)).toEqual(['2026-12-01', '2026-12-08']);
    const node = await http().get(`/v1/counties/${county.county.id}/nodes/${ids.V1}`).set('Authorization', county.authorization).expect(200);
    expect(node.body.serviceCalendar).toEqual({ rule: 'weekdays', weekdays: ['tue'], exceptions: [] });
    const removed = await http().delete(calendarUrl('V1')).set('Authorization', county.authorization).expect(200);
    expect(removed.body).toMatchObject({ own: null, ruleFrom: 'station' });
  });

  it('refuses a calendar with no service day, an unknown weekday, N < 1 or bad dates with a 400 naming the field, and writes nothing', async () => {
    const put = (body: object) => http().put(calendarUrl('T1')).set('Authorization', county.authorization).send(body).expect(400);
    const fields = async (body: object) => {
      const response = await put(body);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('validation_failed');
      return response.body.errors.map((error: { field: string }) => error.field);
    };
    expect(await fields({ rule: 'weekdays', weekdays: [] })).toEqual(['weekdays']);
    expect(await fields({ rule: 'weekdays', weekdays: ['mon', 'someday'] })).toEqual(['weekdays[1]']);
    expect(await fields({ rule: 'every_n_days', everyNDays: 0, anchorDate: '2026-11-30' })).toEqual(['everyNDays']);
    expect(
      await fields({
        rule: 'daily',
        exceptions: [
          { type: 'closed', from: '2027-02-30' },
          { type: 'closed', from: '2027-02-10', to: '2027-02-01' },
        ],
      }),
    ).toEqual(['exceptions[0].from', 'exceptions[1].to']);
    expect(await fields({})).toEqual(['rule']);
    const station = await http().get(calendarUrl('T1')).set('Authorization', county.authorization).expect(200);
    expect(station.body.own).toEqual({ rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'], exceptions: [] });
    const hub = await http().put(calendarUrl('HUB')).set('Authorization', county.authorization).send({ rule: 'daily' }).expect(400);
    expect(hub.body.errors).toEqual([expect.objectContaining({ field: 'nodeId' })]);
    await http().put(calendarUrl('T1')).set('Authorization', viewer.authorization).send({ rule: 'daily' }).expect(403);
  });

  it('refuses a bad calendar in a GeoJSON import by its feature path and imports nothing', async () => {
    const response = await importNetwork([
      nodeFeature({ tier: 'village_point', code: 'V3', parent: 'T1', name: '三村' }, [105.42, 34.02]),
      nodeFeature({ tier: 'village_point', code: 'V4', parent: 'T1', name: '四村', serviceCalendar: { rule: 'weekdays', weekdays: ['mon', 'xyz'] } }, [105.43, 34.02]),
    ]).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'features[1].properties.serviceCalendar.weekdays[1]' })]);
    const nodes = await http().get(`/v1/counties/${county.county.id}/nodes`).set('Authorization', county.authorization).expect(200);
    expect(nodes.body.items.map((node: { code: string }) => node.code)).toEqual(['HUB', 'T1', 'V1', 'V2']);
  });

  it('exports calendars in the import format: the export imports again with nothing changed', async () => {
    const exported = await http().get(`/v1/counties/${county.county.id}/network`).set('Authorization', county.authorization).expect(200);
    const t1 = exported.body.features.find((feature: any) => feature.properties.code === 'T1');
    expect(t1.properties.serviceCalendar).toEqual({ rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'], exceptions: [] });
    expect(exported.body.features.find((feature: any) => feature.properties.code === 'V1').properties.serviceCalendar).toBeUndefined();
    const again = await importNetwork(exported.body.features).expect(200);
    expect(again.body.nodes).toEqual({ created: 0, updated: 0, unchanged: 4 });
  });
});
