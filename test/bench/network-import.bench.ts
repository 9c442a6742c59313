/**
 * Network import and matrix benchmark through the service (PostgreSQL/PostGIS, no HTTP). Run:
 * `npm run build && node dist/test/bench/network-import.bench.js [--dir ../shared/data/andorra]`.
 * It creates a throwaway database next to DATABASE_URL's (name rd_bench_<random>), migrates it,
 * measures, and drops it. Sections:
 *  (a) demo county Xihe: build, GeoJSON import (420 nodes + roads), re-import (no change), fleet seed,
 *      van matrix over every node (cold, then cached);
 *  (b) Andorra (OSM + SRTM, ODbL, from --dir): CSV parse, road import in 500-row batches, re-import,
 *      59 places as nodes, van matrix (cold, then cached). Skipped when the directory is missing.
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { CountiesService } from '../../src/counties/counties.service';
import { buildDemoCounty } from '../../src/demo/county/build-demo-county';
import { FleetSeedService } from '../../src/fleet/fleet-seed.service';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { parseRoadNetworkCsv } from '../../src/network/import/road-network-csv';
import { TravelMatrixService } from '../../src/network/matrix/travel-matrix.service';
import { withScratchApp } from '../support/scratch-app';
import { benchCommand } from './bench-command';

const rows: Array<{ section: string; step: string; wallMs: number; note: string }> = [];

async function measure<T>(section: string, step: string, work: () => Promise<T> | T, note: (result: T) => string = () => ''): Promise<T> {
  const startedAt = performance.now();
  const result = await work();
  rows.push({ section, step, wallMs: performance.now() - startedAt, note: note(result) });
  return result;
}

const options = benchCommand('bench:network-import', 'network import and matrix through the service, on a throwaway database')
  .option('--dir <path>', 'directory of the Andorra network CSVs (default ../shared/data/andorra)')
  .parse()
  .opts<{ dir?: string }>();

/** Andorra's places become nodes: the capital the hub, the next seven towns stations, the rest villages under the first. */
function andorraPlaces(directory: string) {
  const places: Array<Record<string, string>> = parse(readFileSync(join(directory, 'places.csv'), 'utf8'), { bom: true, columns: true, skip_empty_lines: true });
  const hubCode = `P${places[0]!.osm_node_id}`;
  const firstStation = `P${places[1]!.osm_node_id}`;
  return {
    type: 'FeatureCollection',
    features: places.map((place, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(place.lon), Number(place.lat)] },
      properties: {
        kind: 'node',
        tier: index === 0 ? 'county_hub' : index < 8 ? 'township_station' : 'village_point',
        code: `P${place.osm_node_id}`,
        ...(index === 0 ? {} : { parent: index < 8 ? hubCode : firstStation }),
        name: place.name,
      },
    })),
  };
}

async function main(): Promise<void> {
  await withScratchApp('rd_bench', async (app) => {
    const counties = app.get(CountiesService);
    const importer = app.get(NetworkImportService);
    const matrices = app.get(TravelMatrixService);

    const demo = await measure(
      'a: demo county',
      'build (pure)',
      () => buildDemoCounty(),
      (d) => `${d.network.features.length} features`,
    );
    const xihe = await counties.upsert({ name: demo.county.name, adminCode: demo.county.adminCode });
    await measure(
      'a: demo county',
      'GeoJSON import',
      () => importer.importFeatureCollection(xihe.id, demo.network),
      (r) => `nodes +${r.nodes.created}, roads +${r.roads.created}`,
    );
    await measure(
      'a: demo county',
      're-import (no change)',
      () => importer.importFeatureCollection(xihe.id, demo.network),
      (r) => `${r.nodes.unchanged + r.roads.unchanged} unchanged`,
    );
    await measure(
      'a: demo county',
      'fleet seed',
      () => app.get(FleetSeedService).upsertFleet(xihe.id, demo.fleet),
      (r) => `${r.vehicles} vehicles, ${r.drivers} drivers`,
    );
    await measure(
      'a: demo county',
      'van matrix, all nodes',
      () => matrices.computeMatrix(xihe.id, undefined, 'van'),
      (m) => `${m.nodes.length}x${m.nodes.length} ${m.method}, ${m.unreachable.length} unreachable, computation ${m.computationMs} ms`,
    );
    await measure(
      'a: demo county',
      'van matrix again (cache)',
      () => matrices.computeMatrix(xihe.id, undefined, 'van'),
      (m) => `cached=${m.cached}`,
    );

    const directory = resolve(options.dir ?? join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'andorra'));
    if (!existsSync(join(directory, 'graph_edges.csv'))) {
      rows.push({ section: 'b: andorra', step: 'skipped', wallMs: 0, note: `no graph_edges.csv in ${directory}` });
    } else {
      const andorra = await counties.upsert({ name: 'Andorra (benchmark)', adminCode: '999001' });
      const parsed = await measure(
        'b: andorra',
        'CSV parse',
        () => parseRoadNetworkCsv({ nodesCsv: readFileSync(join(directory, 'graph_nodes.csv'), 'utf8'), edgesCsv: readFileSync(join(directory, 'graph_edges.csv'), 'utf8') }),
        (p) => `${p.vertexIds.length} vertices, ${p.edges.length} edges`,
      );
      let batches = 0;
      await measure(
        'b: andorra',
        'road import',
        () => importer.importRoadNetwork(andorra.id, parsed, (step) => void (step.phase === 'writing' && batches++)),
        (r) => `roads +${r.roads.created} in ${batches} batches`,
      );
      await measure(
        'b: andorra',
        're-import (no change)',
        () => importer.importRoadNetwork(andorra.id, parsed),
        (r) => `${r.roads.unchanged} unchanged`,
      );
      await measure(
        'b: andorra',
        'places as nodes',
        () => importer.importFeatureCollection(andorra.id, andorraPlaces(directory)),
        (r) => `nodes +${r.nodes.created}`,
      );
      await measure(
        'b: andorra',
        'van matrix, 59 places',
        () => matrices.computeMatrix(andorra.id, undefined, 'van'),
        (m) => `${m.nodes.length}x${m.nodes.length} ${m.method}, ${m.unreachable.length} unreachable, computation ${m.computationMs} ms`,
      );
      await measure(
        'b: andorra',
        'van matrix again (cache)',
        () => matrices.computeMatrix(andorra.id, undefined, 'van'),
        (m) => `cached=${m.cached}`,
      );
      await measure(
        'b: andorra',
        'truck matrix (graph cached)',
        () => matrices.computeMatrix(andorra.id, undefined, 'truck'),
        (m) => `computation ${m.computationMs} ms`,
      );
    }
  });
  console.log('section              | step                        |  wall ms | note');
  for (const row of rows) console.log(`${row.section.padEnd(20)} | ${row.step.padEnd(27)} | ${row.wallMs.toFixed(0).padStart(8)} | ${row.note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
