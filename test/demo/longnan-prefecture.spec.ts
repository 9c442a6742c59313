import { buildDemoCounty } from '../../src/demo/county/build-demo-county';
import type { DemoCounty, DemoNodeFeature } from '../../src/demo/county/demo-county.types';
import { haversineM, type LonLat } from '../../src/demo/county/geo';
import { buildLongnanPrefecture, LONGNAN_COUNTIES, PREFECTURE_RULE } from '../../src/demo/county/longnan-prefecture';

const nodesOf = (county: DemoCounty) => county.network.features.filter((feature): feature is DemoNodeFeature => feature.properties.kind === 'node');

describe('buildLongnanPrefecture (陇南市, the nine counties)', () => {
  let prefecture: DemoCounty[];

  beforeAll(() => {
    prefecture = buildLongnanPrefecture();
  });

  it('has every township and village of the division data: 199 townships, 3,290 villages, one hub per county', () => {
    expect(prefecture.map((county) => county.county.adminCode)).toEqual(LONGNAN_COUNTIES.map((county) => county.adminCode));
    const total = (tier: string) => prefecture.reduce((sum, county) => sum + nodesOf(county).filter((node) => node.properties.tier === tier).length, 0);
    expect([total('county_hub'), total('township_station'), total('village_point')]).toEqual([9, 199, 3_290]);
    const summary = prefecture.map((county) => {
      const stations = nodesOf(county).filter((node) => node.properties.tier === 'township_station');
      return `${county.county.adminCode} ${county.county.name}: ${stations.length} townships, ${stations.filter((node) => node.properties.syntheticLocation).length} placed by rule`;
    });
    console.log(summary.join('\n'));
  });

  it('is Xihe, the demo county, for 621225', () => {
    expect(prefecture.find((county) => county.county.adminCode === '621225')).toEqual(buildDemoCounty());
  });

  it('flags each township without a GeoNames point, and keeps it 3 km from every other seat and inside its county', () => {
    for (const county of prefecture) {
      const stations = nodesOf(county).filter((node) => node.properties.tier === 'township_station');
      const unlocated = new Set(county.townshipSources.filter((source) => source.geonameId === null).map((source) => source.code));
      expect(new Set(stations.filter((node) => node.properties.syntheticLocation).map((node) => node.properties.code))).toEqual(unlocated);
      for (const station of stations.filter((node) => unlocated.has(node.properties.code))) {
        const others = stations.filter((other) => other !== station);
        const nearest = Math.min(...others.map((other) => haversineM(station.geometry.coordinates as LonLat, other.geometry.coordinates as LonLat)));
        expect(nearest).toBeGreaterThanOrEqual(PREFECTURE_RULE.syntheticMinSpacingM);
      }
    }
  });

  it('gives no GeoNames place to two townships, and is deterministic', () => {
    const ids = prefecture.flatMap((county) => county.townshipSources.flatMap((source) => (source.geonameId === null ? [] : [source.geonameId])));
    expect(new Set(ids).size).toBe(ids.length);
    expect(buildLongnanPrefecture({ adminCodes: ['621228'] })).toEqual(prefecture.filter((county) => county.county.adminCode === '621228'));
  });
});
