import type { Feature, FeatureCollection, Point } from 'geojson';
import request from 'supertest';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { nodeFeature, roadFeature, smallNetwork, withFeature } from './network-fixtures';

describe('network GeoJSON import and export', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;

  const importUrl = () => `/v1/counties/${county.county.id}/network/import`;
  const summary = async () => (await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/network/summary`).set('Authorization', county.authorization).expect(200)).body;

  beforeAll(async () => {
    county = await createCounty(testApp.app);
    await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).send(smallNetwork()).expect(200);
  });

  /** The valid network plus one new node and one new road, so a partial write would show in the counts. */
  function validPlusNew(): FeatureCollection {
    const collection = smallNetwork();
    collection.features.push(nodeFeature('V99', 'village_point', [105.04, 34.0], { parent: 'T1' }));
    collection.features.push(
      roadFeature('R99', 'c', 'z', [
        [105.03, 34.0],
        [105.04, 34.0],
      ]),
    );
    return collection;
  }

  const setCoordinates = (coordinates: unknown) => (feature: Feature) => ({ ...feature, geometry: { ...feature.geometry, coordinates } }) as Feature;
  const setProperty = (name: string, value: unknown) => (feature: Feature) => ({ ...feature, properties: { ...feature.properties, [name]: value } });

  const badFiles: Array<[string, () => FeatureCollection, string]> = [
    ['longitude 200', () => withFeature(validPlusNew(), 3, setCoordinates([200, 34])), 'features[3].geometry.coordinates[0]'],
    ['latitude -91', () => withFeature(validPlusNew(), 3, setCoordinates([105, -91])), 'features[3].geometry.coordinates[1]'],
    ['the string "NaN"', () => withFeature(validPlusNew(), 3, setCoordinates(['NaN', 34])), 'features[3].geometry.coordinates[0]'],
    ['a village whose parent is a village', () => withFeature(validPlusNew(), 4, setProperty('parent', 'V11')), 'features[4].properties.parent'],
    ['a duplicate code', () => withFeature(validPlusNew(), 4, setProperty('code', 'V11')), 'features[4].properties.code'],
    [
      'a self-intersecting road',
      () =>
        withFeature(
          validPlusNew(),
          7,
          setCoordinates([
            [105.0, 34.0],
            [105.01, 34.01],
            [105.01, 34.0],
            [105.0, 34.01],
          ]),
        ),
      'features[7].geometry.coordinates',
    ],
    ['a road with one point', () => withFeature(validPlusNew(), 8, setCoordinates([[105.02, 34.0]])), 'features[8].geometry.coordinates'],
    [
      'a road with two equal points',
      () =>
        withFeature(
          validPlusNew(),
          8,
          setCoordinates([
            [105.02, 34.0],
            [105.02, 34.0],
          ]),
        ),
      'features[8].geometry.coordinates',
    ],
    ['a fractional lengthM', () => withFeature(validPlusNew(), 6, setProperty('lengthM', 12.5)), 'features[6].properties.lengthM'],
    ['a road without its from vertex', () => withFeature(validPlusNew(), 6, setProperty('from', undefined)), 'features[6].properties.from'],
    [
      'a road whose end is not where its vertex is',
      () =>
        withFeature(
          validPlusNew(),
          7,
          setCoordinates([
            [105.025, 34.0],
            [105.03, 34.0],
          ]),
        ),
      'features[7].geometry.coordinates[0]',
    ],
    ['a township whose parent is missing', () => withFeature(validPlusNew(), 1, setProperty('parent', 'NOPE')), 'features[1].properties.parent'],
  ];

  it.each(badFiles)('refuses %s with 400 naming the feature, and writes nothing', async (_name, build, field) => {
    const before = await summary();
    const response = await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).send(build()).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(response.body.detail).toContain(field);
    expect(await summary()).toEqual(before);
  });

  it('refuses 1e400 in the raw body (JSON.parse reads Infinity) naming the coordinate', async () => {
    const before = await summary();
    const raw = JSON.stringify(validPlusNew()).replace('[105.03,34]', '[1e400,34]');
    expect(raw).toContain('1e400');
    const response = await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).set('Content-Type', 'application/json').send(raw).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'features[3].geometry.coordinates[0]' })]);
    expect(await summary()).toEqual(before);
  });

  it('refuses a literal NaN in the raw body as a malformed body', async () => {
    const before = await summary();
    const raw = JSON.stringify(validPlusNew()).replace('[105.03,34]', '[NaN,34]');
    expect(raw).toContain('NaN');
    const response = await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).set('Content-Type', 'application/json').send(raw).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('malformed_body');
    expect(response.body.detail).toMatch(/not valid JSON/);
    expect(await summary()).toEqual(before);
  });

  it('exports what was imported: codes, tiers, parents and coordinates round-trip', async () => {
    const response = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/network`).set('Authorization', county.authorization).expect(200);
    const exported = response.body as FeatureCollection;
    const describe = (collection: FeatureCollection) =>
      collection.features
        .filter((feature) => feature.properties?.kind === 'node')
        .map((feature) => ({
          code: feature.properties!.code,
          tier: feature.properties!.tier,
          parent: feature.properties!.parent ?? null,
          coordinates: (feature.geometry as Point).coordinates,
        }))
        .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    expect(describe(exported)).toEqual(describe(smallNetwork()));
    const roads = exported.features.filter((feature) => feature.properties?.kind === 'road');
    expect(roads.map((road) => road.properties!.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(roads[0]!.geometry).toEqual(smallNetwork().features[6]!.geometry);
    expect(roads[2]!.properties).toMatchObject({ from: 'b', to: 'd', lengthM: 1200, surface: 'gravel', climbM: 30 });

    // The export is itself a valid import, and importing it changes nothing.
    const versionBefore = (await summary()).networkVersion;
    const reimport = await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).send(exported).expect(200);
    expect(reimport.body).toEqual({
      nodes: { created: 0, updated: 0, unchanged: 6 },
      roads: { created: 0, updated: 0, unchanged: 5 },
      networkVersion: versionBefore,
    });
  });

  it('re-importing the same file changes nothing; a changed feature is one update and one version bump', async () => {
    const before = await summary();
    const again = await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).send(smallNetwork()).expect(200);
    expect(again.body.nodes).toEqual({ created: 0, updated: 0, unchanged: 6 });
    expect(again.body.networkVersion).toBe(before.networkVersion);

    const renamed = withFeature(smallNetwork(), 5, setProperty('name', '河口村'));
    const changed = await request(testApp.baseUrl).post(importUrl()).set('Authorization', county.authorization).send(renamed).expect(200);
    expect(changed.body.nodes).toEqual({ created: 0, updated: 1, unchanged: 5 });
    expect(changed.body.roads).toEqual({ created: 0, updated: 0, unchanged: 5 });
    expect(changed.body.networkVersion).toBe(before.networkVersion + 1);
  });

  it('a later file may name parents already stored', async () => {
    const other = await createCounty(testApp.app);
    const url = `/v1/counties/${other.county.id}/network/import`;
    await request(testApp.baseUrl)
      .post(url)
      .set('Authorization', other.authorization)
      .send({ type: 'FeatureCollection', features: smallNetwork().features.slice(0, 3) })
      .expect(200);
    const villages = { type: 'FeatureCollection', features: smallNetwork().features.slice(3, 6) };
    const response = await request(testApp.baseUrl).post(url).set('Authorization', other.authorization).send(villages).expect(200);
    expect(response.body.nodes).toEqual({ created: 3, updated: 0, unchanged: 0 });
  });

  it('finds the nearest village by KNN with its distance in metres', async () => {
    const response = await request(testApp.baseUrl)
      .get(`/v1/counties/${county.county.id}/network/nearest-village`)
      .query({ lon: 105.031, lat: 34.0, limit: 2 })
      .set('Authorization', county.authorization)
      .expect(200);
    expect(response.body.map((village: { code: string }) => village.code)).toEqual(['V11', 'V12']);
    // 0.001° of longitude at 34° N is about 92.3 m.
    expect(response.body[0].distanceM).toBeGreaterThanOrEqual(91);
    expect(response.body[0].distanceM).toBeLessThanOrEqual(93);
    const none = await request(testApp.baseUrl)
      .get(`/v1/counties/${county.county.id}/network/nearest-village`)
      .query({ lon: 105.031, lat: 34.0, maxDistanceM: 50 })
      .set('Authorization', county.authorization)
      .expect(200);
    expect(none.body).toEqual([]);
  });

  it('summarises nodes per tier, road km and the version', async () => {
    const body = await summary();
    expect(body.nodesByTier).toEqual({ county_hub: 1, township_station: 2, village_point: 3 });
    expect(body.roadSegments).toBe(5);
    expect(body.roadKm).toBeCloseTo(7.6, 3);
  });
});
