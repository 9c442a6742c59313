import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { runCliCaptured } from '../cli/cli-run';
import { DomainError } from '../../src/infra/errors/domain-error';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { OsmImportProgress, OsmImportRequest, OsmImportService } from '../../src/network/osm/osm-import.service';
import { createCounty } from '../support/factories';
import { writeOsmPbf } from '../support/osm-pbf-writer';
import { useTestApp } from '../support/test-app';
import { nodeFeature } from './network-fixtures';
import { FIXTURE_NODES, FIXTURE_WAYS, srtmTileOfPlane, zipped } from './osm/osm-fixture';

interface StoredRoad {
  external_id: string;
  from_vertex: string;
  to_vertex: string;
  road_class: string;
  surface: string;
  climb_m: number;
  descent_m: number;
  one_way: boolean;
  elevation_missing: boolean;
  closures: unknown[];
}

describe('import-osm: an OpenStreetMap extract and a DEM into a county', () => {
  const testApp = useTestApp();
  let folder: string;
  const file = (name: string, bytes: Uint8Array) => {
    const target = path.join(folder, name);
    fs.writeFileSync(target, bytes);
    return target;
  };
  const dataSource = () => testApp.app.get(DataSource);
  const roads = async (countyId: string): Promise<StoredRoad[]> =>
    dataSource().query(
      'SELECT external_id, from_vertex, to_vertex, road_class, surface, climb_m, descent_m, one_way, elevation_missing, closures FROM road_segment WHERE county_id = $1 ORDER BY external_id',
      [countyId],
    );
  const version = async (countyId: string): Promise<number> => (await dataSource().query('SELECT network_version FROM county WHERE id = $1', [countyId]))[0].network_version;
  const importExtract = (countyId: string, request: Partial<OsmImportRequest>, onProgress?: (progress: OsmImportProgress) => void) =>
    testApp.app.get(OsmImportService).importExtract(countyId, { pbfPath: file('valley.osm.pbf', writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS)), demPaths: [], ...request }, onProgress);
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: unknown) => error as DomainError,
    );
  /** A hub at the valley's foot, a station up the primary road, and a village 13 km away from any road. */
  const countyWithNodes = async () => {
    const created = await createCounty(testApp.app);
    await testApp.app.get(NetworkImportService).importFeatureCollection(created.county.id, {
      type: 'FeatureCollection',
      features: [
        nodeFeature('HUB', 'county_hub', [1.5001, 42.5001]),
        nodeFeature('ST1', 'township_station', [1.5002, 42.5149], { parent: 'HUB' }),
        nodeFeature('V-FAR', 'village_point', [1.6, 42.6], { parent: 'ST1' }),
      ],
    });
    return created;
  };

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-import-'));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('writes the hub’s part of the graph with climbs from the DEM, reports it, and shows unsnapped nodes in the summary', async () => {
    const { county, authorization } = await countyWithNodes();
    const summary = async () => (await request(testApp.baseUrl).get(`/v1/counties/${county.id}/network/summary`).set('Authorization', authorization).expect(200)).body;
    // Without roads there is nothing to snap to (matrices are great-circle estimates).
    expect((await summary()).snapping).toEqual({ thresholdM: 500, snappedNodes: 0, unsnappedNodes: [] });
    const before = await version(county.id);
    const steps: string[] = [];
    const report = await importExtract(county.id, { demPaths: [file('N42E001.hgt.zip', zipped('N42E001.hgt', srtmTileOfPlane()))] }, (progress) => steps.push(progress.step));

    expect([...new Set(steps)]).toEqual(['reading', 'splitting', 'elevation', 'writing', 'snapping']);
    const stored = await roads(county.id);
    expect(
      stored.map(
        (road) =>
          `${road.external_id} ${road.from_vertex}→${road.to_vertex} ${road.road_class}/${road.surface} +${road.climb_m}-${road.descent_m}${road.one_way ? ' one-way' : ''}`,
      ),
    ).toEqual([
      'osm-w100-0 osm-n1→osm-n2 primary/paved +60-0',
      'osm-w100-1 osm-n2→osm-n3 primary/paved +60-0',
      'osm-w100-2 osm-n3→osm-n4 primary/paved +60-0',
      'osm-w101-0 osm-n2→osm-n5 residential/unknown +0-0',
      'osm-w101-1 osm-n5→osm-n6 residential/unknown +0-0',
      // Drawn north-to-south from node 3 to 7 with oneway=-1: stored from 7 down to 3.
      'osm-w102-0 osm-n7→osm-n3 track/dirt +0-24 one-way',
      'osm-w106-0 osm-n5→osm-n12 residential/unknown +0-60',
    ]);
    expect(stored.every((road) => !road.elevation_missing)).toBe(true);
    expect(report).toMatchObject({
      waysRead: 7,
      waysKept: 4,
      edges: 7,
      junctions: 8,
      disconnected: { parts: 1, edges: 1 },
      totalClimbM: 180,
      totalDescentM: 84,
      elevationMissingEdges: 0,
      roads: { created: 7, updated: 0, unchanged: 0, removed: 0 },
      networkVersion: before + 1,
    });
    expect(report.kmByRoadClass.primary).toBeCloseTo(1.668, 2);
    expect(report.allParts.km).toBeGreaterThan(report.totalKm);
    expect(Object.keys(report.stepMs)).toEqual(['reading', 'splitting', 'elevation', 'writing', 'snapping']);
    expect(report.snapping.snappedNodes).toBe(2);
    expect(report.snapping.unsnappedNodes).toEqual([{ code: 'V-FAR', name: 'Node V-FAR', tier: 'village_point', distanceM: expect.any(Number), reason: 'too_far' }]);
    expect(report.snapping.unsnappedNodes[0]!.distanceM).toBeGreaterThan(10_000);

    expect((await summary()).snapping).toEqual(JSON.parse(JSON.stringify(report.snapping)));
  });

  it('re-imports a newer extract: edges updated by their stable ids, closures kept, vanished roads removed, a new version', async () => {
    const { county } = await countyWithNodes();
    const dem = file('N42E001.hgt', srtmTileOfPlane());
    await importExtract(county.id, { demPaths: [dem] });
    const closure = [{ start: '2026-07-01T00:00:00+08:00', end: '2026-07-15T00:00:00+08:00', reason: 'landslide' }];
    await dataSource().query(`UPDATE road_segment SET closures = $2::jsonb WHERE county_id = $1 AND external_id = 'osm-w100-1'`, [county.id, JSON.stringify(closure)]);
    const before = await version(county.id);

    const unchanged = await importExtract(county.id, { demPaths: [dem] });
    expect(unchanged.roads).toEqual({ created: 0, updated: 0, unchanged: 7, removed: 0 });
    expect(unchanged.networkVersion).toBe(before);

    // The newer extract: the residential street 101 is now gravel, and way 106 is gone, so node 5 is no
    // junction any more and street 101 becomes one edge, 2 → 6.
    const newer = FIXTURE_WAYS.filter((way) => way.id !== 106).map((way) => (way.id === 101 ? { ...way, tags: { ...way.tags, surface: 'gravel' } } : way));
    const report = await importExtract(county.id, { pbfPath: file('newer.osm.pbf', writeOsmPbf(FIXTURE_NODES, newer)), demPaths: [dem] });
    expect(report.roads).toEqual({ created: 0, updated: 1, unchanged: 4, removed: 2 });
    expect(report.networkVersion).toBe(before + 1);
    const stored = await roads(county.id);
    expect(stored.map((road) => `${road.external_id} ${road.from_vertex}→${road.to_vertex} ${road.surface}`)).toEqual([
      'osm-w100-0 osm-n1→osm-n2 paved',
      'osm-w100-1 osm-n2→osm-n3 paved',
      'osm-w100-2 osm-n3→osm-n4 paved',
      'osm-w101-0 osm-n2→osm-n6 gravel',
      'osm-w102-0 osm-n7→osm-n3 dirt',
    ]);
    expect(stored.find((road) => road.external_id === 'osm-w100-1')!.closures).toEqual(closure);
  });

  it('keeps only the roads with an end inside a boundary', async () => {
    const { county } = await countyWithNodes();
    const west = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1.49, 42.49],
            [1.502, 42.49],
            [1.502, 42.52],
            [1.49, 42.52],
            [1.49, 42.49],
          ],
        ],
      },
    };
    const report = await importExtract(county.id, { boundaryPath: file('west.geojson', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [west] }))) });
    expect((await roads(county.id)).map((road) => road.external_id)).toEqual(['osm-w100-0', 'osm-w100-1', 'osm-w100-2', 'osm-w101-0', 'osm-w102-0']);
    expect(report.edges).toBe(5);
    const outside = await refusal(
      importExtract(county.id, {
        boundaryPath: file(
          'far.geojson',
          Buffer.from(
            JSON.stringify({
              ...west.geometry,
              coordinates: [
                [
                  [10, 10],
                  [11, 10],
                  [11, 11],
                  [10, 10],
                ],
              ],
            }),
          ),
        ),
      }),
    );
    expect(outside.message).toMatch(/no drivable road of the extract lies inside the boundary/);
  });

  it('without a DEM, or with --allow-missing-elevation, writes flat roads and flags them', async () => {
    const { county } = await countyWithNodes();
    const flat = await importExtract(county.id, {});
    expect(flat.elevationMissingEdges).toBe(7);
    expect((await roads(county.id)).every((road) => road.elevation_missing && road.climb_m === 0 && road.descent_m === 0)).toBe(true);

    const southernTile = file('N41E001.hgt', srtmTileOfPlane(41));
    const allowed = await importExtract(county.id, { demPaths: [southernTile], allowMissingElevation: true });
    expect(allowed.elevationMissingEdges).toBe(7);
  });

  it('refuses bad input and writes nothing: a DEM that misses tiles or has the wrong size, a truncated PBF, a PBF with no road', async () => {
    const { county } = await countyWithNodes();
    const before = await version(county.id);

    const missing = await refusal(importExtract(county.id, { demPaths: [file('N41E001.hgt', srtmTileOfPlane(41))] }));
    expect(missing.code).toBe('validation_failed');
    expect(missing.message).toMatch(/missing SRTM tiles N42E001; add them with --dem/);

    const wrongSize = await refusal(importExtract(county.id, { demPaths: [file('N42E001.hgt', new Uint8Array(2 * 1201 * 1200))] }));
    expect(wrongSize.message).toMatch(/N42E001.hgt has 2882400 bytes; an SRTM tile has 1201 × 1201 × 2/);

    const whole = writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS);
    const truncated = await refusal(importExtract(county.id, { pbfPath: file('cut.osm.pbf', whole.subarray(0, whole.length - 10)) }));
    expect(truncated.message).toMatch(/truncated or not an OSM PBF/);

    const paths = await refusal(importExtract(county.id, { pbfPath: file('paths.osm.pbf', writeOsmPbf(FIXTURE_NODES, [{ id: 1, nodes: [1, 2], tags: { highway: 'path' } }])) }));
    expect(paths.message).toMatch(/no drivable road/);

    expect(await roads(county.id)).toEqual([]);
    expect(await version(county.id)).toBe(before);
  });

  describe('the command line', () => {
    const saved = { ...process.env };
    beforeAll(() => {
      // The command reads its configuration from the environment, like any CLI run.
      Object.assign(process.env, { DATABASE_URL: testApp.config.databaseUrl, QUEUE_PREFIX: testApp.config.queuePrefix, LOG_LEVEL: 'silent' });
    });
    afterAll(() => {
      process.env = saved;
    });

    it('imports with progress per step and prints the report', async () => {
      const { county } = await countyWithNodes();
      const pbf = file('valley.osm.pbf', writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS));
      const run = await runCliCaptured([
        'import-osm',
        '--county',
        county.adminCode,
        '--pbf',
        pbf,
        '--dem',
        file('N41E001.hgt', srtmTileOfPlane(41)),
        '--dem',
        file('N42E001.hgt', srtmTileOfPlane()),
      ]);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines.some((line) => /^ {2}reading +100%/.test(line))).toBe(true);
      expect(lines.some((line) => /^ {2}writing +100% {2}7\/7 roads/.test(line))).toBe(true);
      expect(lines).toContain('ways: 7 read, 4 kept');
      expect(lines.find((line) => line.startsWith('climb:'))).toMatch(/^climb: 180 m total, descent 84 m; 0 edges without elevation/);
      expect(lines.find((line) => line.startsWith('nodes:'))).toBe('nodes: 2 snapped, 1 not (threshold 500 m)');
      expect((await roads(county.id)).length).toBe(7);
    });

    it('refuses a county code that does not exist, as bad input (exit code 2)', async () => {
      const pbf = file('valley.osm.pbf', writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS));
      const run = await runCliCaptured(['import-osm', '--county', '000000', '--pbf', pbf]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/no county with code 000000/);
    });
  });
});
