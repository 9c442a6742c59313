/**
 * `npm run bench:import`: wall time and peak memory per step of `import-osm` (reading, splitting,
 * elevation, writing, snapping), on
 *  (a) the real Andorra extract (../shared/data/andorra, © OpenStreetMap contributors, ODbL; NASA
 *      SRTM), 2,725 ways, with its seven towns and 52 villages as nodes;
 *  (b) a county-size extract of ~54,000 ways that this script generates: 20 copies of every Andorra
 *      way and node laid side by side (0.4° × 0.25° apart, ids offset per copy), each joined to the
 *      next by a primary road, written with the PBF writer of the tests; its DEM is six SRTM tiles
 *      that repeat N42E001's heights. Goal: ≤ 60 s and ≤ 1 GB.
 * Each import runs in a child process of its own (its peak RSS is the import's alone) on a throwaway
 * database. `--copies N` changes (b)'s size.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync } from 'fflate';
import { createOSMStream } from 'osm-pbf-parser-node';
import { placesToNetworkNodes } from '../../src/cli/places-csv';
import { CountiesService } from '../../src/counties/counties.service';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { OSM_IMPORT_STEPS, OsmImportReport, OsmImportService, OsmImportStep } from '../../src/network/osm/osm-import.service';
import { andorraDataDirectory, withScratchApp } from '../support/scratch-app';
import { OsmNodeSpec, OsmWaySpec, writeOsmPbf } from '../support/osm-pbf-writer';

interface StepFigures {
  step: OsmImportStep;
  wallMs: number;
  peakRssMb: number;
}

interface ImportRun {
  steps: StepFigures[];
  totalWallMs: number;
  peakRssMb: number;
  report: Pick<OsmImportReport, 'waysRead' | 'waysKept' | 'edges' | 'totalKm' | 'totalClimbM'>;
}

const COPY_COLUMNS = 5;
const COPY_STEP_LON = 0.4;
const COPY_STEP_LAT = 0.25;
const NODE_ID_STRIDE = 1e10;
const WAY_ID_STRIDE = 1e9;
const CONNECTOR_WAY_BASE = 9e11;
/** A junction on Andorra's main road (CG-1), where each copy is joined to the next. */
const JOINING_NODE = 51110488;

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The child's side: one import on a throwaway database, figures as JSON on the last line of stdout. */
async function runImport(pbfPath: string, demPaths: string[], placesPath: string | undefined): Promise<ImportRun> {
  return withScratchApp('rd_bench_osm', async (app) => {
    const county = await app.get(CountiesService).upsert({ name: 'OSM benchmark', adminCode: '999004' });
    if (placesPath) await app.get(NetworkImportService).importFeatureCollection(county.id, placesToNetworkNodes(fs.readFileSync(placesPath, 'utf8'), placesPath));
    const steps: StepFigures[] = [];
    let current: { step: OsmImportStep; startedAt: number } | null = null;
    const close = () => current && steps.push({ step: current.step, wallMs: performance.now() - current.startedAt, peakRssMb: peakRssMb() });
    const startedAt = performance.now();
    const report = await app.get(OsmImportService).importExtract(county.id, { pbfPath, demPaths }, ({ step }) => {
      if (current?.step === step) return;
      close();
      current = { step, startedAt: performance.now() };
    });
    close();
    return {
      steps: OSM_IMPORT_STEPS.map((step) => ({ ...steps.find((figures) => figures.step === step)!, wallMs: report.stepMs[step] })),
      totalWallMs: performance.now() - startedAt,
      peakRssMb: peakRssMb(),
      report: { waysRead: report.waysRead, waysKept: report.waysKept, edges: report.edges, totalKm: report.totalKm, totalClimbM: report.totalClimbM },
    };
  });
}

function inChildProcess(args: string[]): ImportRun {
  const output = execFileSync(process.execPath, [__filename, '--child', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.trim().split('\n').pop()!);
}

/** Andorra's every node and way, copied `copies` times side by side and chained by primary roads. */
async function writeCountySizeExtract(directory: string, target: string, copies: number): Promise<{ ways: number; nodes: number }> {
  const nodes: OsmNodeSpec[] = [];
  const ways: OsmWaySpec[] = [];
  for await (const element of createOSMStream(path.join(directory, 'andorra.osm.pbf'), { withTags: { node: false, way: true, relation: false } }) as AsyncIterable<any>) {
    if (element.type === 'node') nodes.push({ id: element.id, lon: element.lon, lat: element.lat });
    else if (element.type === 'way') ways.push({ id: element.id, nodes: element.refs, tags: element.tags ?? {} });
  }
  const copiedNodes: OsmNodeSpec[] = [];
  const copiedWays: OsmWaySpec[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const dLon = (copy % COPY_COLUMNS) * COPY_STEP_LON;
    const dLat = Math.floor(copy / COPY_COLUMNS) * COPY_STEP_LAT;
    for (const node of nodes) copiedNodes.push({ id: node.id + copy * NODE_ID_STRIDE, lon: node.lon + dLon, lat: node.lat + dLat });
    for (const way of ways) copiedWays.push({ id: way.id + copy * WAY_ID_STRIDE, nodes: way.nodes.map((nodeId) => nodeId + copy * NODE_ID_STRIDE), tags: way.tags });
    if (copy > 0)
      copiedWays.push({ id: CONNECTOR_WAY_BASE + copy, nodes: [JOINING_NODE + (copy - 1) * NODE_ID_STRIDE, JOINING_NODE + copy * NODE_ID_STRIDE], tags: { highway: 'primary' } });
  }
  fs.writeFileSync(target, writeOsmPbf(copiedNodes, copiedWays));
  return { ways: copiedWays.length, nodes: copiedNodes.length };
}

/** SRTM tiles covering the copies, each repeating N42E001's heights under its own name. */
function repeatedDemTiles(directory: string, target: string, copies: number): string[] {
  const columns = Math.min(copies, COPY_COLUMNS);
  const rows = Math.ceil(copies / COPY_COLUMNS);
  const east = Math.floor(1.8 + (columns - 1) * COPY_STEP_LON);
  const north = Math.floor(42.7 + (rows - 1) * COPY_STEP_LAT);
  const heights = Object.values(unzipSync(fs.readFileSync(path.join(directory, 'N42E001.hgt.zip'))))[0]!;
  const paths: string[] = [];
  for (let lat = 42; lat <= north; lat++) {
    for (let lon = 1; lon <= east; lon++) {
      // A tile is placed by its name, so each copy is zipped again under its own.
      const name = `N${lat}E${String(lon).padStart(3, '0')}`;
      const file = path.join(target, `${name}.hgt.zip`);
      fs.writeFileSync(file, zipSync({ [`${name}.hgt`]: heights }));
      paths.push(file);
    }
  }
  return paths;
}

function printRun(title: string, run: ImportRun): void {
  console.log(
    `\n${title}: ${run.report.waysRead} ways read, ${run.report.waysKept} kept, ${run.report.edges} edges, ${run.report.totalKm.toFixed(1)} km, climb ${run.report.totalClimbM} m`,
  );
  console.log('step        |  wall ms | peak RSS MB (process, so far)');
  for (const step of run.steps) console.log(`${step.step.padEnd(11)} | ${step.wallMs.toFixed(0).padStart(8)} | ${step.peakRssMb.toFixed(0)}`);
  console.log(`${'total'.padEnd(11)} | ${run.totalWallMs.toFixed(0).padStart(8)} | ${run.peakRssMb.toFixed(0)}`);
}

async function main(): Promise<void> {
  const argument = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index === -1 ? undefined : process.argv[index + 1];
  };
  if (process.argv[2] === '--child') {
    const [pbfPath, demList, placesPath] = process.argv.slice(3);
    console.log(JSON.stringify(await runImport(pbfPath!, demList!.split(','), placesPath || undefined)));
    return;
  }
  const directory = andorraDataDirectory();
  const copies = Number(argument('copies') ?? 20);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-osm-'));
  try {
    printRun('(a) Andorra', inChildProcess([path.join(directory, 'andorra.osm.pbf'), path.join(directory, 'N42E001.hgt.zip'), path.join(directory, 'places.csv')]));
    const startedAt = performance.now();
    const extract = path.join(scratch, 'county.osm.pbf');
    const written = await writeCountySizeExtract(directory, extract, copies);
    const dem = repeatedDemTiles(directory, scratch, copies);
    console.log(
      `\n(b) generated ${written.ways} ways, ${written.nodes} nodes (${(fs.statSync(extract).size / 1e6).toFixed(1)} MB PBF) and ${dem.length} DEM tiles in ${(performance.now() - startedAt).toFixed(0)} ms`,
    );
    const county = inChildProcess([extract, dem.join(','), '']);
    printRun(`(b) county size, ${copies} copies`, county);
    const withinGoal = county.totalWallMs <= 60_000 && county.peakRssMb <= 1024;
    console.log(`\ngoal ≤ 60 s and ≤ 1 GB for the county size: ${withinGoal ? 'met' : 'MISSED'} (${(county.totalWallMs / 1000).toFixed(1)} s, ${county.peakRssMb.toFixed(0)} MB)`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
