/**
 * Travel-time matrix benchmark (libs/routing/src/graph). Run: `npm run bench:matrix [-- --json]
 * [--andorra PATH] [--sources N] [--edges N] [--seed N] [--skip-dijkstra]`. Sections:
 *  (a) synthetic: N × N matrix (default 1,000) on a seeded planar-ish grid of `--edges` edges (default 100,000);
 *  (b) andorra: the real Andorra network (../shared/data/andorra, OSM + SRTM, ODbL), 59 places, every class;
 *  (c) demo county: the built-in Xihe demo county (synthetic roads), all its nodes, every class.
 * Times are wall clock and CPU (user + system) of this process; memory is the peak RSS so far.
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import {
  buildContractionHierarchy,
  buildProfileWeights,
  buildRoadGraph,
  computeMatrix,
  HierarchyMatrixSearch,
  UNREACHABLE,
  computeNetworkMatrices,
  generateSyntheticRoadNetwork,
  RoadEdgeInput,
  RoadGraph,
  stronglyConnectedComponents,
  VEHICLE_CLASSES,
  Random,
} from '@rural-dispatch/routing';
import { parseRoadNetworkCsv } from '../../src/network/import/road-network-csv';
import { buildDemoCounty } from '../../src/demo/county/build-demo-county';
import { integerBetween } from '../../src/cli/option-parsers';
import { benchCommand } from './bench-command';

interface Row {
  section: string;
  step: string;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  note: string;
}

const rows: Row[] = [];
const samples: Record<string, unknown> = {};

const options = benchCommand('bench:matrix', 'travel-time matrix benchmark: synthetic, Andorra and demo county networks')
  .option('--json', 'print the rows and samples as JSON')
  .option('--andorra <path>', 'directory of the Andorra network CSVs (default ../shared/data/andorra)')
  .option('--sources <n>', 'size N of the synthetic N x N matrix', integerBetween(1), 1000)
  .option('--edges <n>', 'edges of the synthetic network', integerBetween(1), 100_000)
  .option('--seed <n>', 'seed of the synthetic network', integerBetween(0), 1)
  .option('--skip-dijkstra', 'skip the Dijkstra-per-row comparison')
  .parse()
  .opts<{ json?: boolean; andorra?: string; sources: number; edges: number; seed: number; skipDijkstra?: boolean }>();

function measure<T>(section: string, step: string, work: () => T, note: (result: T) => string = () => ''): T {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const result = work();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  rows.push({ section, step, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, note: note(result) });
  return result;
}

function syntheticSection(edgeCount: number, size: number, seed: number): void {
  const section = `a: synthetic ${size}x${size}`;
  const input = measure(
    section,
    'generate network',
    () => generateSyntheticRoadNetwork({ seed, edgeCount }),
    (r) => `${r.edges.length} edges`,
  );
  const graph = measure(
    section,
    'build CSR graph',
    () => buildRoadGraph(input),
    (g) => `${g.vertexCount} vertices, ${g.arcCount} arcs`,
  );
  const weights = measure(section, 'van arc weights', () => buildProfileWeights(graph, 'van'));
  // Sources and targets drawn from the main component, as snapping would give them.
  const components = stronglyConnectedComponents(graph);
  const main = Array.from({ length: graph.vertexCount }, (_, v) => v).filter((v) => components.componentOf[v] === components.largestComponent);
  const random = new Random(seed + 1);
  const pick = (): Int32Array => Int32Array.from({ length: size }, () => main[random.nextInt(main.length)]);
  const sources = pick();
  const targets = pick();
  // The default method for this many rows: contraction hierarchy, then one sweep per row.
  const hierarchy = measure(
    section,
    'van contraction hierarchy',
    () => buildContractionHierarchy(graph, weights),
    (h) => `${h.shortcutCount} shortcuts, core ${h.vertexCount - h.contractedCount} vertices`,
  );
  const durationS = new Int32Array(size * size);
  const distanceM = new Int32Array(size * size);
  measure(section, `van matrix ${size}x${size}: hierarchy rows`, () => new HierarchyMatrixSearch(hierarchy).fillRows(sources, targets, durationS, distanceM));
  const hierarchyRows = rows.slice(-2);
  rows.push({
    section,
    step: `van matrix ${size}x${size}: hierarchy total`,
    wallMs: hierarchyRows[0].wallMs + hierarchyRows[1].wallMs,
    cpuMs: hierarchyRows[0].cpuMs + hierarchyRows[1].cpuMs,
    peakRssMb: hierarchyRows[1].peakRssMb,
    note: `${durationS.filter((d) => d === UNREACHABLE).length} unreachable`,
  });
  if (!options.skipDijkstra) {
    const byDijkstra = measure(section, `van matrix ${size}x${size}: Dijkstra per row`, () => computeMatrix(graph, weights, sources, targets, { method: 'dijkstra' }));
    const identical = byDijkstra.durationS.every((d, i) => d === durationS[i]) && byDijkstra.distanceM.every((d, i) => d === distanceM[i]);
    rows[rows.length - 1].note = identical ? 'identical to hierarchy' : 'DIFFERS from hierarchy';
  }
  samples.synthetic = { firstEntry: { durationS: durationS[0], distanceM: distanceM[0] } };
}

function andorraSection(directory: string): void {
  const section = 'b: andorra 59x59';
  const network = measure(
    section,
    'parse CSV',
    () =>
      parseRoadNetworkCsv({
        nodesCsv: readFileSync(join(directory, 'graph_nodes.csv'), 'utf8'),
        edgesCsv: readFileSync(join(directory, 'graph_edges.csv'), 'utf8'),
        nodesFile: 'graph_nodes.csv',
        edgesFile: 'graph_edges.csv',
      }),
    (n) => `${n.vertexIds.length} nodes, ${n.edges.length} edges`,
  );
  const graph = measure(
    section,
    'build CSR graph',
    () => buildRoadGraph(network),
    (g) => `${g.arcCount} arcs`,
  );
  const places = readPlaces(join(directory, 'places.csv'));
  const result = measure(
    section,
    'snap + 4 class matrices',
    () => computeNetworkMatrices(graph, places, VEHICLE_CLASSES),
    (r) => `${r.snap.componentVertexCount} vertices in main component, max access ${Math.max(...r.snap.points.map((p) => p.accessDistanceM))} m`,
  );
  const pairs: Array<[string, string]> = [
    ['Andorra la Vella', 'Canillo'],
    ['Canillo', 'Andorra la Vella'],
    ['Sant Julià de Lòria', 'Ordino'],
    ['Andorra la Vella', 'Arinsal'],
  ];
  samples.andorra = pairs.map(([from, to]) => {
    const i = places.findIndex((p) => p.name === from);
    const j = places.findIndex((p) => p.name === to);
    const entry = i * places.length + j;
    const byClass = Object.fromEntries(
      VEHICLE_CLASSES.map((c) => [c, { durationS: result.byVehicleClass[c]!.durationS[entry], distanceM: result.byVehicleClass[c]!.distanceM[entry] }]),
    );
    return { from, to, ...byClass };
  });
}

function readPlaces(path: string): Array<{ name: string; lon: number; lat: number }> {
  const records: Array<Record<string, string>> = parse(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true });
  return records.map((record) => ({ name: record.name!, lon: Number(record.lon), lat: Number(record.lat) }));
}

function demoCountySection(): void {
  const section = 'c: demo county';
  const county = measure(section, 'buildDemoCounty(1)', () => buildDemoCounty({ seed: 1 }));
  const vertexOf = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const vertex = (id: string, point: number[]): number => {
    let index = vertexOf.get(id);
    if (index === undefined) {
      index = lon.length;
      vertexOf.set(id, index);
      lon.push(point[0]);
      lat.push(point[1]);
    }
    return index;
  };
  const edges: RoadEdgeInput[] = [];
  const points: Array<{ lon: number; lat: number }> = [];
  for (const feature of county.network.features) {
    const properties = feature.properties;
    if (properties.kind === 'node' && feature.geometry.type === 'Point') {
      points.push({ lon: feature.geometry.coordinates[0], lat: feature.geometry.coordinates[1] });
    } else if (properties.kind === 'road' && feature.geometry.type === 'LineString') {
      const line = feature.geometry.coordinates;
      edges.push({ ...properties, from: vertex(properties.from, line[0]), to: vertex(properties.to, line[line.length - 1]) });
    }
  }
  const graph: RoadGraph = measure(
    section,
    'build CSR graph',
    () => buildRoadGraph({ vertices: { lon: Float64Array.from(lon), lat: Float64Array.from(lat) }, edges }),
    (g) => `${g.vertexCount} vertices, ${g.arcCount} arcs`,
  );
  const result = measure(
    section,
    `snap + 4 class matrices ${points.length}x${points.length}`,
    () => computeNetworkMatrices(graph, points, VEHICLE_CLASSES, { anchorPointIndex: 0 }),
    (r) => `${r.byVehicleClass.van!.unreachable.length} unreachable (van)`,
  );
  samples.demoCounty = {
    nodes: points.length,
    roads: edges.length,
    hubToFirstStation: Object.fromEntries(VEHICLE_CLASSES.map((c) => [c, result.byVehicleClass[c]!.durationS[1]])),
  };
}

function main(): void {
  const repoRoot = resolve(__dirname, '../../..');
  const size = options.sources;
  const edgeCount = options.edges;
  const seed = options.seed;
  const andorra = resolve(options.andorra ?? join(repoRoot, '../shared/data/andorra'));

  syntheticSection(edgeCount, size, seed);
  if (existsSync(join(andorra, 'graph_edges.csv'))) andorraSection(andorra);
  else rows.push({ section: 'b: andorra', step: 'skipped', wallMs: 0, cpuMs: 0, peakRssMb: 0, note: `no data at ${andorra}` });
  demoCountySection();

  if (options.json) {
    console.log(JSON.stringify({ node: process.version, rows, samples }, null, 2));
    return;
  }
  console.log(`node ${process.version}; wall and CPU milliseconds; peak RSS of the process so far`);
  console.table(
    rows.map((r) => ({ section: r.section, step: r.step, 'wall ms': Math.round(r.wallMs), 'cpu ms': Math.round(r.cpuMs), 'peak RSS MB': Math.round(r.peakRssMb), note: r.note })),
  );
  console.log(JSON.stringify(samples, null, 2));
}

main();
