import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { CountiesService } from '../counties/counties.service';
import { loadAppConfig } from '../infra/config/app-config';
import { validationFailed } from '../infra/errors/domain-error';
import { COORDINATE_SYSTEMS, CoordinateSystem } from '../infra/geo/coordinate-system';
import { OsmImportProgress, OsmImportReport, OsmImportService } from '../network/osm/osm-import.service';
import { CliCommand } from './cli-command';
import { CliUsageError, parseArgs } from './cli-flags';

/** `--dem` may be repeated (one SRTM tile per square degree); the flag parser keeps one value, so they are gathered here. */
function takeRepeated(argv: string[], flag: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === `--${flag}`) {
      const value = argv[++index];
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`--${flag} needs a value`);
      values.push(value);
    } else if (argument.startsWith(`--${flag}=`)) values.push(argument.slice(flag.length + 3));
    else rest.push(argument);
  }
  return { values, rest };
}

/** One line per tenth of a step, so a long import shows it is moving without flooding the terminal. */
export function progressPrinter(log: (line: string) => void): (progress: OsmImportProgress) => void {
  let last = { step: '', tenth: -1 };
  return ({ step, fraction, detail }) => {
    const tenth = Math.floor(fraction * 10);
    if (step === last.step && tenth === last.tenth) return;
    last = { step, tenth };
    log(`  ${step.padEnd(10)} ${String(Math.round(fraction * 100)).padStart(3)}%  ${detail}`);
  };
}

export function describeOsmImport(report: OsmImportReport): string[] {
  const byClass = Object.entries(report.kmByRoadClass)
    .sort((a, b) => b[1] - a[1])
    .map(([roadClass, km]) => `${roadClass} ${km.toFixed(1)}`)
    .join(', ');
  const unsnapped = report.snapping.unsnappedNodes;
  return [
    `ways: ${report.waysRead} read, ${report.waysKept} kept`,
    `edges: ${report.edges} (${report.junctions} junctions and ends); ${report.disconnected.parts} parts not connected to the hub's left out (${report.disconnected.edges} edges, ${report.disconnected.km.toFixed(1)} km)`,
    `km: ${report.totalKm.toFixed(1)} (${byClass}); all parts ${report.allParts.km.toFixed(1)} km, climb ${report.allParts.climbM} m`,
    `climb: ${report.totalClimbM} m total, descent ${report.totalDescentM} m; ${report.elevationMissingEdges} edges without elevation (flagged)`,
    `roads: ${report.roads.created} new, ${report.roads.updated} updated, ${report.roads.unchanged} unchanged, ${report.roads.removed} removed; network version ${report.networkVersion}`,
    `nodes: ${report.snapping.snappedNodes} snapped, ${unsnapped.length} not (threshold ${report.snapping.thresholdM} m)`,
    ...unsnapped.slice(0, 20).map((node) => `  ${node.tier} ${node.code} ${node.name}: ${node.reason}, ${node.distanceM} m from a road`),
    `time: ${Object.entries(report.stepMs).map(([step, ms]) => `${step} ${ms} ms`).join(', ')}`,
  ];
}

export const importOsmCommand: CliCommand = {
  name: 'import-osm',
  summary: 'import an OpenStreetMap extract (.osm.pbf) with SRTM/GeoTIFF elevation into a county',
  usage: 'rural-dispatch import-osm --county CODE --pbf FILE.osm.pbf [--dem FILE …] [--boundary FILE.geojson] [--allow-missing-elevation]',
  flags: {
    county: { kind: 'string', description: "the county's 6-digit admin code (the county must exist)" },
    pbf: { kind: 'string', description: 'the OpenStreetMap extract, .osm.pbf' },
    dem: { kind: 'string', description: 'an elevation model: SRTM .hgt or .hgt.zip tile, or a GeoTIFF (repeat for several tiles)' },
    boundary: { kind: 'string', description: "a GeoJSON (Multi)Polygon: keep only roads with an end inside the county" },
    'boundary-crs': { kind: 'string', choices: COORDINATE_SYSTEMS, description: "the boundary's coordinates: wgs84 (default) or gcj02 (AMap, Tencent)" },
    'allow-missing-elevation': { kind: 'boolean', description: 'import roads the DEM does not cover, flat and flagged' },
    'snap-threshold-m': { kind: 'integer', min: 1, max: 100_000, description: 'report nodes farther than this from a road (default 500)' },
  },
  async run(argv) {
    const { values: demPaths, rest } = takeRepeated(argv, 'dem');
    const { flags, positionals } = parseArgs(rest, this.flags);
    if (positionals.length) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
    const code = flags.county as string | undefined;
    if (!code || !/^\d{6}$/.test(code)) throw new CliUsageError('--county must be a 6-digit admin code');
    if (!flags.pbf) throw new CliUsageError('--pbf is required');
    const log = (line: string) => console.log(line);

    const config = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
    try {
      const county = await app.get(CountiesService).findByAdminCode(code);
      if (!county) throw validationFailed(`no county with code ${code}; create it first (rural-dispatch import-roads --county-name, or the API); nothing was written`, [{ field: 'county', message: 'no such county' }]);
      log(`importing ${flags.pbf} into ${county.name} (${code}) …`);
      const report = await app.get(OsmImportService).importExtract(
        county.id,
        {
          pbfPath: flags.pbf as string,
          demPaths,
          boundaryPath: flags.boundary as string | undefined,
          boundaryCoordinateSystem: flags['boundary-crs'] as CoordinateSystem | undefined,
          allowMissingElevation: flags['allow-missing-elevation'] === true,
          snapThresholdM: flags['snap-threshold-m'] as number | undefined,
        },
        progressPrinter(log),
      );
      describeOsmImport(report).forEach(log);
      return 0;
    } finally {
      await app.close();
    }
  },
};
