import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCounty } from '../support/factories';
import { writeOsmPbf } from '../support/osm-pbf-writer';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { FIXTURE_NODES, FIXTURE_WAYS, srtmTileOfPlane, zipped } from './osm/osm-fixture';

describe('OSM import from the API: a job on the imports queue, with progress', () => {
  let api: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    const config = await createTestConfig();
    api = await startTestApp(config);
    worker = await startTestWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (api) await cleanupTestConfig(api.config);
  });

  /** Polls the import until it ends, as a client would. */
  async function settled(countyId: string, authorization: string, importId: string) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const body = (await request(api.baseUrl).get(`/v1/counties/${countyId}/network/osm-imports/${importId}`).set('Authorization', authorization).expect(200)).body;
      if (body.status === 'completed' || body.status === 'failed') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${importId} did not end`);
  }
  const roadCount = async (countyId: string) => Number((await api.app.get(DataSource).query('SELECT count(*) AS n FROM road_segment WHERE county_id = $1', [countyId]))[0].n);
  const fileCount = async () => Number((await api.app.get(DataSource).query('SELECT count(*) AS n FROM osm_import_file'))[0].n);

  it('uploads the extract and a zipped SRTM tile, runs in the worker, and reports', async () => {
    const { county, authorization } = await createCounty(api.app);
    const started = await request(api.baseUrl)
      .post(`/v1/counties/${county.id}/network/osm-imports`)
      .set('Authorization', authorization)
      .attach('pbf', writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS), 'valley.osm.pbf')
      .attach('dem', Buffer.from(zipped('N42E001.hgt', srtmTileOfPlane())), 'N42E001.hgt.zip')
      .field('snapThresholdM', '800')
      .expect(202);
    expect(started.body).toMatchObject({ status: 'queued', report: null, error: null });

    const done = await settled(county.id, authorization, started.body.id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ step: 'done', fraction: 1 });
    // Without a hub the largest part is kept: here the valley, not the lone road 105.
    expect(done.report).toMatchObject({ waysRead: 7, edges: 7, totalClimbM: 180, totalDescentM: 84, snapping: { thresholdM: 800 } });
    expect(await roadCount(county.id)).toBe(7);
    expect(await fileCount()).toBe(0);
  });

  it('fails a truncated extract for good, with the reason, writing nothing', async () => {
    const { county, authorization } = await createCounty(api.app);
    const whole = writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS);
    const started = await request(api.baseUrl)
      .post(`/v1/counties/${county.id}/network/osm-imports`)
      .set('Authorization', authorization)
      .attach('pbf', whole.subarray(0, whole.length - 10), 'cut.osm.pbf')
      .expect(202);
    const done = await settled(county.id, authorization, started.body.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/truncated or not an OSM PBF/);
    expect(await roadCount(county.id)).toBe(0);
  });

  it('refuses a request without an extract, or with a bad option, before queueing anything', async () => {
    const { county, authorization } = await createCounty(api.app);
    const url = `/v1/counties/${county.id}/network/osm-imports`;
    const noPbf = await request(api.baseUrl).post(url).set('Authorization', authorization).attach('dem', Buffer.from('x'), 'N42E001.hgt');
    expect(noPbf.status).toBe(400);
    expect(noPbf.body.code).toBe('validation_failed');
    const badOption = await request(api.baseUrl)
      .post(url)
      .set('Authorization', authorization)
      .attach('pbf', Buffer.from('x'), 'a.osm.pbf')
      .field('boundaryCoordinateSystem', 'bd09');
    expect(badOption.status).toBe(400);
    expect(await api.app.get(DataSource).query('SELECT id FROM osm_import_job WHERE county_id = $1', [county.id])).toEqual([]);
  });
});
