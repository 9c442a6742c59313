import request from 'supertest';
import { createCounty } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { smallNetwork } from './network-fixtures';

describe('network and fleet: OpenAPI and body limit', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // A small body limit, so the 413 path is cheap to reach.
    testApp = await startTestApp(await createTestConfig({ bodyLimitBytes: 4096 }));
  });

  afterAll(async () => {
    await testApp.close();
    await cleanupTestConfig(testApp.config);
  });

  it('describes every endpoint, its parameters and its error responses', async () => {
    const { body } = await request(testApp.baseUrl).get('/docs-json').expect(200);
    const operations: Array<[string, string, string[]]> = [
      ['/v1/counties/{countyId}/nodes', 'post', ['201', '400', '401', '403', '409']],
      ['/v1/counties/{countyId}/nodes', 'get', ['200', '401', '403']],
      ['/v1/counties/{countyId}/nodes/{nodeId}', 'get', ['200', '404']],
      ['/v1/counties/{countyId}/nodes/{nodeId}', 'patch', ['200', '400', '404', '409']],
      ['/v1/counties/{countyId}/network/import', 'post', ['200', '400', '413']],
      ['/v1/counties/{countyId}/network', 'get', ['200']],
      ['/v1/counties/{countyId}/network/nearest-village', 'get', ['200', '400']],
      ['/v1/counties/{countyId}/network/summary', 'get', ['200']],
      ['/v1/counties/{countyId}/network/matrix', 'post', ['200', '400']],
      ['/v1/counties/{countyId}/vehicles', 'post', ['201', '400', '409']],
      ['/v1/counties/{countyId}/vehicles/{vehicleId}', 'patch', ['200', '400', '404']],
      ['/v1/counties/{countyId}/drivers', 'post', ['201', '400', '409']],
      ['/v1/counties/{countyId}/drivers/{driverId}', 'get', ['200', '404']],
    ];
    for (const [path, method, statuses] of operations) {
      const operation = body.paths[path]?.[method];
      expect({ path, method, defined: operation !== undefined }).toEqual({ path, method, defined: true });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
    }
    const nearest = body.paths['/v1/counties/{countyId}/network/nearest-village'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(nearest).toEqual(expect.arrayContaining(['countyId', 'lon', 'lat', 'limit', 'maxDistanceM']));
    const list = body.paths['/v1/counties/{countyId}/nodes'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(list).toEqual(expect.arrayContaining(['tier', 'parentId', 'parentCode', 'limit', 'cursor']));
  });

  it('refuses a body above BODY_LIMIT_BYTES with 413 and writes nothing', async () => {
    const { county, authorization } = await createCounty(testApp.app);
    const big = smallNetwork();
    for (let index = 0; index < 60; index++) big.features.push({ ...big.features[5]!, properties: { ...big.features[5]!.properties, code: `V${index}` } });
    expect(JSON.stringify(big).length).toBeGreaterThan(4096);
    const response = await request(testApp.baseUrl).post(`/v1/counties/${county.id}/network/import`).set('Authorization', authorization).send(big).expect(413);
    expect(response.body.code).toBe('payload_too_large');
    const exported = await request(testApp.baseUrl).get(`/v1/counties/${county.id}/network`).set('Authorization', authorization).expect(200);
    expect(exported.body.features).toEqual([]);
  });
});
