import type { Feature, FeatureCollection } from 'geojson';
import request from 'supertest';
import { FleetSeedService } from '../../src/fleet/fleet-seed.service';
import { buildDemoCounty } from '../../src/demo/county/build-demo-county';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { createCounty } from '../support/factories';
import { useTestApp } from '../support/test-app';

describe('the demo county through the import path', () => {
  const testApp = useTestApp();

  it('imports Xihe and exports 1 hub, 20 stations and 399 villages with 12-digit codes for stations and villages; seeding twice changes nothing', async () => {
    const demo = buildDemoCounty();
    const { county, authorization } = await createCounty(testApp.app, { name: demo.county.name });
    const importer = testApp.app.get(NetworkImportService);
    const first = await importer.importFeatureCollection(county.id, demo.network);
    expect(first.nodes).toEqual({ created: 420, updated: 0, unchanged: 0 });
    expect(first.roads.created).toBe(demo.summary.roads);
    const seeded = await testApp.app.get(FleetSeedService).upsertFleet(county.id, demo.fleet);
    expect(seeded).toEqual({ vehicles: demo.fleet.vehicles.length, drivers: demo.fleet.drivers.length });

    const response = await request(testApp.baseUrl).get(`/v1/counties/${county.id}/network`).set('Authorization', authorization).expect(200);
    const nodes = (response.body as FeatureCollection).features.filter((feature: Feature) => feature.properties?.kind === 'node');
    const countOf = (tier: string) => nodes.filter((feature) => feature.properties!.tier === tier).length;
    expect([countOf('county_hub'), countOf('township_station'), countOf('village_point')]).toEqual([1, 20, 399]);
    // Stations and villages are administrative units, coded by their 12-digit statistical code; the hub is not one.
    const administrative = nodes.filter((feature) => feature.properties!.tier !== 'county_hub');
    expect(administrative.filter((feature) => !/^\d{12}$/.test(feature.properties!.code))).toEqual([]);

    const again = await importer.importFeatureCollection(county.id, demo.network);
    expect(again.nodes).toEqual({ created: 0, updated: 0, unchanged: 420 });
    expect(again.networkVersion).toBe(first.networkVersion);
    await testApp.app.get(FleetSeedService).upsertFleet(county.id, demo.fleet);
    const summary = await request(testApp.baseUrl).get(`/v1/counties/${county.id}/network/summary`).set('Authorization', authorization).expect(200);
    expect(summary.body.vehiclesByClass).toEqual(demo.summary.vehiclesByClass);
    expect(summary.body.roadSegments).toBe(demo.summary.roads);
  }, 60_000);
});
