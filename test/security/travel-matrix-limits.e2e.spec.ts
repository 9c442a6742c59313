import request from 'supertest';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { nodeFeature, smallNetwork } from '../network/network-fixtures';

const BASE_CODES = ['HUB', 'T1', 'T2', 'V11', 'V12', 'V21'];

/** Issue 12, item 4: what a viewer may ask of the travel-matrix endpoint. */
describe('travel matrices from the API', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  const extraCodes = Array.from({ length: 500 }, (_, index) => `X${index}`);

  const matrix = (body: Record<string, unknown>) =>
    request(testApp.baseUrl).post(`/v1/counties/${county.county.id}/network/matrix`).set('Authorization', county.authorization).send(body);

  beforeAll(async () => {
    county = await createCounty(testApp.app, { role: 'viewer' });
    const network = smallNetwork();
    // 500 more village points around the small network: 506 nodes, over the API's 500.
    extraCodes.forEach((code, index) =>
      network.features.push(nodeFeature(code, 'village_point', [105.0 + (index % 25) * 0.002, 33.98 + Math.floor(index / 25) * 0.002], { parent: 'T1' })),
    );
    await testApp.app.get(NetworkImportService).importFeatureCollection(county.county.id, network);
  });

  it('caps the size: the whole county over 500 nodes, or more than 500 codes, is a 400', async () => {
    const everything = await matrix({ vehicleClass: 'van' }).expect(400);
    expect(everything.body.errors).toEqual([expect.objectContaining({ field: 'nodeCodes', message: expect.stringContaining('506 nodes') })]);
    await matrix({ vehicleClass: 'van', nodeCodes: [...BASE_CODES, ...extraCodes].slice(0, 501) }).expect(400);
  });

  it('refuses a node named twice, by code or by code and id', async () => {
    const twice = await matrix({ vehicleClass: 'van', nodeCodes: ['HUB', 'T1', 'HUB'] }).expect(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'nodeCodes[2]' })]);
    const small = await matrix({ vehicleClass: 'van', nodeCodes: ['HUB', 'T1'] }).expect(200);
    const hubId = small.body.nodes[0].id as string;
    const aliased = await matrix({ vehicleClass: 'van', nodeCodes: ['HUB', 'T1', hubId] }).expect(400);
    expect(aliased.body.errors).toEqual([expect.objectContaining({ field: 'nodeCodes[2]' })]);
  });

  it('computes a large matrix on the matrix thread with the same figures as in place', async () => {
    // 206 nodes go to the thread (over 64); the six base nodes alone are computed in place.
    const large = await matrix({ vehicleClass: 'van', nodeCodes: [...BASE_CODES, ...extraCodes.slice(0, 200)] }).expect(200);
    const small = await matrix({ vehicleClass: 'van', nodeCodes: BASE_CODES }).expect(200);
    expect(large.body.nodes).toHaveLength(206);
    const corner = (rows: number[][]) => rows.slice(0, 6).map((row) => row.slice(0, 6));
    expect(corner(large.body.durationS)).toEqual(small.body.durationS);
    expect(corner(large.body.distanceM)).toEqual(small.body.distanceM);
  });
});
