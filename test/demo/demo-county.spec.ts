import { buildDemoCounty } from '../../src/demo/county/build-demo-county';
import type { DemoCounty, DemoNodeFeature, DemoRoadFeature } from '../../src/demo/county/demo-county.types';
import { parseCsvText } from '../../src/demo/county/csv-reader';
import { shortVillageName } from '../../src/demo/county/division-source';
import { haversineM, insideBox, polylineLengthM, type LonLat } from '../../src/demo/county/geo';
import { matchTownshipPlace, type GeoNamesPlace } from '../../src/demo/county/geonames-source';
import { XIHE_BOX } from '../../src/demo/county/xihe-county';
import { validateNetworkFeatureCollection } from '../../src/network/import/feature-collection-validator';

const nodesOf = (county: DemoCounty): DemoNodeFeature[] => county.network.features.filter((feature): feature is DemoNodeFeature => feature.properties.kind === 'node');
const roadsOf = (county: DemoCounty): DemoRoadFeature[] => county.network.features.filter((feature): feature is DemoRoadFeature => feature.properties.kind === 'road');

describe('buildDemoCounty (西和县 Xihe, 621225)', () => {
  let county: DemoCounty;
  let nodes: DemoNodeFeature[];
  let roads: DemoRoadFeature[];
  const byCode = (code: string): DemoNodeFeature => {
    const node = nodes.find((feature) => feature.properties.code === code);
    if (!node) throw new Error(`no node ${code}`);
    return node;
  };

  beforeAll(() => {
    county = buildDemoCounty({ seed: 11 });
    nodes = nodesOf(county);
    roads = roadsOf(county);
  });

  it('describes the county', () => {
    expect(county.county).toEqual({ name: '西和县', nameEn: 'Xihe County', adminCode: '621225', timeZone: 'Asia/Shanghai' });
  });

  it('has one hub, the 20 real townships and the 399 real villages', () => {
    const tiers = nodes.map((node) => node.properties.tier);
    expect(tiers.filter((tier) => tier === 'county_hub')).toHaveLength(1);
    expect(tiers.filter((tier) => tier === 'township_station')).toHaveLength(20);
    expect(tiers.filter((tier) => tier === 'village_point')).toHaveLength(399);
    expect(county.summary).toMatchObject({ countyHubs: 1, townshipStations: 20, villagePoints: 399, roads: roads.length });
    expect(new Set(nodes.map((node) => node.properties.code)).size).toBe(nodes.length);
  });

  it('uses 12-digit statistical codes and real names', () => {
    for (const node of nodes.filter((feature) => feature.properties.tier !== 'county_hub')) {
      expect(node.properties.code).toMatch(/^621225\d{6}$/);
      expect(node.properties.adminCode).toBe(node.properties.code);
    }
    expect(byCode('621225100000').properties.name).toBe('汉源镇');
    expect(byCode('621225101000').properties.name).toBe('长道镇');
    expect(byCode('621225220000').properties.name).toBe('六巷乡');
    expect(byCode('621225101200').properties.name).toBe('水泉村');
    expect(byCode('621225100001').properties.name).toBe('南关社区');
    expect(byCode('621225218201').properties.name).toBe('银杏村');
    expect(byCode('621225103239').properties.name).toBe('北庄科村');
  });

  it('is accepted as it is by the network import validator (docs/network-geojson.md)', () => {
    const validated = validateNetworkFeatureCollection(county.network, { tierByCode: new Map(), hubCode: null });
    expect(validated.nodes).toHaveLength(420);
    expect(validated.roads).toHaveLength(roads.length);
  });

  it('links every node to the right parent', () => {
    for (const node of nodes) {
      const { tier, code, parent } = node.properties;
      if (tier === 'county_hub') expect(parent).toBeUndefined();
      if (tier === 'township_station') expect(parent).toBe('HUB-621225');
      if (tier === 'village_point') {
        expect(parent).toBe(`${code.slice(0, 9)}000`);
        expect(byCode(parent as string).properties.tier).toBe('township_station');
      }
    }
  });

  it('puts the townships on their GeoNames points and the hub at the county seat', () => {
    const changdao = byCode('621225101000');
    expect(changdao.geometry.coordinates).toEqual([105.33651, 34.20488]);
    expect(changdao.properties).toMatchObject({ elevationM: 1477, syntheticLocation: false });
    const seat = byCode('621225100000');
    expect(seat.properties.elevationM).toBe(1663);
    const hub = byCode('HUB-621225');
    expect(haversineM(hub.geometry.coordinates as LonLat, seat.geometry.coordinates as LonLat)).toBeLessThan(2_000);
    expect(county.townshipSources.find((source) => source.name === '太石河乡')?.geonameId).toBe(7373270);
  });

  it('keeps every point finite, inside the county box, and each village nearest its own township', () => {
    const stations = nodes.filter((node) => node.properties.tier === 'township_station');
    for (const node of nodes) {
      const point = node.geometry.coordinates as LonLat;
      expect(point.every(Number.isFinite)).toBe(true);
      expect(insideBox(point, XIHE_BOX)).toBe(true);
      expect(Number.isInteger(node.properties.elevationM)).toBe(true);
    }
    for (const village of nodes.filter((node) => node.properties.tier === 'village_point')) {
      const point = village.geometry.coordinates as LonLat;
      const nearest = stations.reduce((best, station) =>
        haversineM(point, station.geometry.coordinates as LonLat) < haversineM(point, best.geometry.coordinates as LonLat) ? station : best,
      );
      expect(nearest.properties.code).toBe(village.properties.parent);
      expect(village.properties.syntheticLocation).toBe(true);
      expect(village.properties.elevationM).toBeGreaterThanOrEqual(byCode(village.properties.parent as string).properties.elevationM);
      expect(village.properties.elevationM).toBeLessThanOrEqual(byCode(village.properties.parent as string).properties.elevationM + 600);
    }
  });

  it('draws synthetic winding roads whose ends are the nodes they name', () => {
    for (const road of roads) {
      const { from, to, lengthM, synthetic, climbM, descentM } = road.properties;
      const coordinates = road.geometry.coordinates as LonLat[];
      expect(coordinates[0]).toEqual(byCode(from).geometry.coordinates);
      expect(coordinates[coordinates.length - 1]).toEqual(byCode(to).geometry.coordinates);
      expect(synthetic).toBe(true);
      expect(Number.isInteger(lengthM) && lengthM > 0).toBe(true);
      expect(Math.abs(lengthM - polylineLengthM(coordinates))).toBeLessThanOrEqual(1);
      const circuity = lengthM / haversineM(coordinates[0], coordinates[coordinates.length - 1]);
      expect(circuity).toBeGreaterThan(1.35);
      expect(circuity).toBeLessThan(1.85);
      expect(climbM - descentM).toBe(byCode(to).properties.elevationM - byCode(from).properties.elevationM);
      for (const point of coordinates) expect(insideBox(point, XIHE_BOX)).toBe(true);
    }
    expect(new Set(roads.map((road) => road.properties.id)).size).toBe(roads.length);
  });

  it('connects every village to the hub', () => {
    const neighbours = new Map<string, string[]>();
    for (const { properties } of roads) {
      neighbours.set(properties.from, [...(neighbours.get(properties.from) ?? []), properties.to]);
      neighbours.set(properties.to, [...(neighbours.get(properties.to) ?? []), properties.from]);
    }
    const reached = new Set(['HUB-621225']);
    const queue = ['HUB-621225'];
    while (queue.length > 0) {
      for (const next of neighbours.get(queue.shift() as string) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    expect(nodes.filter((node) => !reached.has(node.properties.code)).map((node) => node.properties.code)).toEqual([]);
  });

  it('homes trunk vehicles at the hub and last-mile vehicles at stations, with clearly fake phones', () => {
    const { vehicles, drivers } = county.fleet;
    for (const vehicle of vehicles) {
      const home = byCode(vehicle.homeNodeCode).properties.tier;
      expect(home).toBe(['truck', 'van'].includes(vehicle.vehicleClass) ? 'county_hub' : 'township_station');
      expect(vehicle.capacityWeightG).toBeGreaterThan(0);
      expect(vehicle.shiftStart < vehicle.shiftEnd).toBe(true);
    }
    expect(vehicles.find((vehicle) => vehicle.vehicleClass === 'truck')?.capacityWeightG).toBe(2_000_000);
    expect(new Set(vehicles.map((vehicle) => vehicle.code)).size).toBe(vehicles.length);
    expect(drivers).toHaveLength(vehicles.length);
    for (const driver of drivers) expect(driver.phone).toMatch(/^1380000\d{4}$/);
    expect(drivers.map((driver) => driver.vehicleCode)).toEqual(vehicles.map((vehicle) => vehicle.code));
    expect(new Set(drivers.map((driver) => driver.phone)).size).toBe(drivers.length);
  });

  it('serves the townships near the seat and along the valley roads daily, the remote ones two or three days a week', () => {
    const stations = nodes.filter((node) => node.properties.tier === 'township_station');
    const calendars = new Map(stations.map((station) => [station.properties.name, station.properties.serviceCalendar!]));
    expect(calendars.get('汉源镇')).toMatchObject({ rule: 'daily' });
    expect(calendars.get('六巷乡')).toMatchObject({ rule: 'weekdays', weekdays: expect.arrayContaining([expect.any(String)]) });
    const perWeek = stations.map((station) => {
      const calendar = station.properties.serviceCalendar!;
      return calendar.rule === 'daily' ? 7 : calendar.weekdays!.length;
    });
    expect(perWeek.every((days) => [2, 3, 7].includes(days))).toBe(true);
    expect(perWeek.filter((days) => days === 7).length).toBeGreaterThanOrEqual(6);
    expect(perWeek.filter((days) => days < 7).length).toBeGreaterThanOrEqual(6);
    for (const station of stations) expect(station.properties.serviceCalendar!.exceptions).toContainEqual(expect.objectContaining({ type: 'closed', from: '2027-02-06' }));
    // Villages follow their station: none has a calendar of its own.
    expect(nodes.filter((node) => node.properties.tier === 'village_point' && node.properties.serviceCalendar)).toEqual([]);
  });

  it('is deterministic under a seed, and a different seed moves the villages only', () => {
    expect(buildDemoCounty({ seed: 11 })).toEqual(county);
    const other = nodesOf(buildDemoCounty({ seed: 12 }));
    const pointOf = (list: DemoNodeFeature[], code: string) => list.find((node) => node.properties.code === code)?.geometry.coordinates;
    expect(pointOf(other, '621225101000')).toEqual(pointOf(nodes, '621225101000'));
    const moved = nodes.filter(
      (node) => node.properties.tier === 'village_point' && JSON.stringify(pointOf(other, node.properties.code)) !== JSON.stringify(node.geometry.coordinates),
    );
    expect(moved.length).toBeGreaterThan(390);
  });
});

describe('demo county data readers', () => {
  it('parses quoted CSV fields, commas and doubled quotes inside them', () => {
    expect(parseCsvText('code,name,streetCode\n621225101200,"水泉村委会",621225101')).toEqual([{ code: '621225101200', name: '水泉村委会', streetCode: '621225101' }]);
    expect(parseCsvText('a,b,c\n1,"a, ""b""",')).toEqual([{ a: '1', b: 'a, "b"', c: '' }]);
    expect(() => parseCsvText('a,b\n1,"open')).toThrow(/Quote Not Closed/);
    expect(() => parseCsvText('a,b\n1,2,3', 'areas.csv')).toThrow(/^areas\.csv: .*column/i);
  });

  it('shortens committee names to village names', () => {
    expect(shortVillageName('水泉村委会')).toBe('水泉村');
    expect(shortVillageName('南关社区居委会')).toBe('南关社区');
    expect(shortVillageName('西团社区')).toBe('西团社区');
  });

  it('fails loudly when a township has no GeoNames match, or several', () => {
    const place = (geonameId: number, alternateNames: string[]): GeoNamesPlace => ({
      geonameId,
      name: `P${geonameId}`,
      asciiName: `P${geonameId}`,
      alternateNames,
      point: [105.3, 34],
      featureClass: 'P',
      featureCode: 'PPLA4',
      population: 1000,
      elevationM: 1500,
    });
    expect(matchTownshipPlace('长道镇', [place(1, ['长道']), place(2, ['何坝'])]).geonameId).toBe(1);
    expect(() => matchTownshipPlace('长道镇', [place(2, ['何坝'])])).toThrow(/No GeoNames place/);
    expect(() => matchTownshipPlace('长道镇', [place(1, ['长道']), place(3, ['长道镇'])])).toThrow(/several/);
  });
});
