import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/infra/config/app-config';
import { databaseOptions } from '../../src/infra/database/database-options';
import { cleanupTestConfig, createTestConfig } from '../support/test-app';
import { toWgs84 } from '../../src/infra/geo/coordinate-system';
import { runCliCaptured } from './cli-run';

const NODES = `osm_node_id,lon,lat,srtm3_elev_m
1,1.5000,42.5000,1000
2,1.5100,42.5000,1100
3,1.5200,42.5050,1250
`;
const EDGES = `way_id,from_node,to_node,length_m,highway,oneway,name,ref,maxspeed,surface,climb_m,descent_m,n_points,geometry_lonlat
10,1,2,820.0,secondary,0,,,,asphalt,100.0,0.0,2,"1.5000,42.5000;1.5100,42.5000"
11,2,3,1000.5,track,0,,,,gravel,150.0,0.0,2,"1.5100,42.5000;1.5200,42.5050"
`;
const PLACES = `osm_node_id,place,name,lon,lat,population,srtm3_elev_m
100,town,Seat,1.5001,42.5001,5000,1000
101,village,Upper,1.5199,42.5049,,1250
102,hamlet,Middle,1.5099,42.5001,,1100
`;

describe('rural-dispatch import-roads and migrate', () => {
  let config: AppConfig;
  let dataSource: DataSource;
  let folder: string;
  const saved = { ...process.env };

  const file = (name: string, text: string) => {
    const target = path.join(folder, name);
    fs.writeFileSync(target, text);
    return target;
  };
  const count = async (table: string) => Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    config = await createTestConfig();
    // The command reads its configuration from the environment, like any CLI run.
    Object.assign(process.env, { DATABASE_URL: config.databaseUrl, QUEUE_PREFIX: config.queuePrefix, LOG_LEVEL: 'silent' });
    dataSource = await new DataSource(databaseOptions(config.databaseUrl)).initialize();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'import-roads-'));
  });

  afterAll(async () => {
    process.env = saved;
    await dataSource.destroy();
    await cleanupTestConfig(config);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('imports roads and places as three tiers, and computes a matrix over them', async () => {
    const { code, stdout } = await runCliCaptured([
      'import-roads',
      '--county',
      '200001',
      '--county-name',
      'Test valley',
      '--nodes',
      file('nodes.csv', NODES),
      '--edges',
      file('edges.csv', EDGES),
      '--places',
      file('places.csv', PLACES),
      '--matrix',
      'van',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^matrix: 4 × 4 \(van\)/m);
    expect(await count('road_segment')).toBe(2);
    const tiers: Array<{ tier: string; n: string }> = await dataSource.query('SELECT tier, count(*) AS n FROM network_node GROUP BY tier ORDER BY tier');
    expect(tiers.map((row) => [row.tier, Number(row.n)])).toEqual([
      ['county_hub', 1],
      ['township_station', 1],
      ['village_point', 2],
    ]);
    const [track]: Array<{ road_class: string; surface: string; length_m: number }> = await dataSource.query(
      `SELECT road_class, surface, length_m FROM road_segment WHERE length_m > 900`,
    );
    expect(track).toEqual({ road_class: 'track', surface: 'gravel', length_m: 1001 });
  });

  it('imports the same files again without changing anything', async () => {
    const { code } = await runCliCaptured(['import-roads', '--county', '200001', '--nodes', path.join(folder, 'nodes.csv'), '--edges', path.join(folder, 'edges.csv')]);
    expect(code).toBe(0);
    expect(await count('road_segment')).toBe(2);
    const [{ network_version }] = await dataSource.query(`SELECT network_version FROM county WHERE admin_code = '200001'`);
    expect(network_version).toBe(2);
  });

  it('refuses a bad edge naming the file, line and field, and writes nothing', async () => {
    const before = await count('road_segment');
    const badEdges = EDGES.replace('1000.5,track', '-5,track');
    const result = await runCliCaptured(['import-roads', '--county', '200001', '--nodes', path.join(folder, 'nodes.csv'), '--edges', file('bad.csv', badEdges)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.csv:3.*length_m/);
    expect(await count('road_segment')).toBe(before);
  });

  it('converts GCJ-02 files (--crs gcj02) and stores WGS 84', async () => {
    // The same valley moved into China, where GCJ-02 is offset from WGS 84 by a few hundred metres.
    const inChina = (text: string) => text.replaceAll('1.5', '105.3').replaceAll('42.50', '34.00');
    const { code } = await runCliCaptured([
      'import-roads',
      '--county',
      '200003',
      '--county-name',
      'GCJ valley',
      '--crs',
      'gcj02',
      '--nodes',
      file('nodes-gcj.csv', inChina(NODES)),
      '--edges',
      file('edges-gcj.csv', inChina(EDGES)),
      '--places',
      file('places-gcj.csv', inChina(PLACES)),
    ]);
    expect(code).toBe(0);
    const [road]: Array<{ lon: number; lat: number }> = await dataSource.query(
      `SELECT ST_X(ST_StartPoint(r.geometry)) AS lon, ST_Y(ST_StartPoint(r.geometry)) AS lat FROM road_segment r JOIN county c ON c.id = r.county_id WHERE c.admin_code = '200003' AND r.external_id = '10'`,
    );
    const [seat]: Array<{ lon: number; lat: number }> = await dataSource.query(
      `SELECT ST_X(n.location) AS lon, ST_Y(n.location) AS lat FROM network_node n JOIN county c ON c.id = n.county_id WHERE c.admin_code = '200003' AND n.name = 'Seat'`,
    );
    const [roadLon, roadLat] = toWgs84([105.3, 34.0], 'gcj02');
    const [seatLon, seatLat] = toWgs84([105.3001, 34.0001], 'gcj02');
    expect(Math.abs(roadLon - 105.3) + Math.abs(roadLat - 34.0)).toBeGreaterThan(0.001);
    expect(road!.lon).toBeCloseTo(roadLon, 6);
    expect(road!.lat).toBeCloseTo(roadLat, 6);
    expect(seat!.lon).toBeCloseTo(seatLon, 6);
    expect(seat!.lat).toBeCloseTo(seatLat, 6);
  });

  it('migrate finds the schema of a migrated database up to date', async () => {
    const result = await runCliCaptured(['migrate']);
    expect(result).toEqual({ code: 0, stdout: 'schema is up to date\n', stderr: '' });
  });

  it('refuses an unknown county without --county-name', async () => {
    const result = await runCliCaptured(['import-roads', '--county', '999999', '--nodes', path.join(folder, 'nodes.csv'), '--edges', path.join(folder, 'edges.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no county with code 999999/);
  });
});
