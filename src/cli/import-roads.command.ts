import { NestFactory } from '@nestjs/core';
import * as fs from 'fs';
import { parseRoadNetworkCsv } from '../network/import/road-network-csv';
import { AppModule } from '../app.module';
import { CountiesService } from '../counties/counties.service';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';
import { loadAppConfig } from '../infra/config/app-config';
import { NetworkImportService } from '../network/import/network-import.service';
import { TravelMatrixService } from '../network/matrix/travel-matrix.service';
import { CliCommand } from './cli-command';
import { CliUsageError, parseArgs } from './cli-flags';
import { placesToNetworkNodes } from './places-csv';

function readText(path: string, flag: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
}

export const importRoadsCommand: CliCommand = {
  name: 'import-roads',
  summary: 'import a road network (CSV nodes + edges, or GeoJSON) into a county, with progress',
  usage:
    'rural-dispatch import-roads --county CODE [--county-name NAME] (--nodes FILE --edges FILE | --geojson FILE) [--places FILE] [--matrix CLASS]',
  flags: {
    county: { kind: 'string', description: "the county's 6-digit admin code" },
    'county-name': { kind: 'string', description: 'create the county with this name when it does not exist' },
    'time-zone': { kind: 'string', description: 'time zone of a county created here (default Asia/Shanghai)' },
    nodes: { kind: 'string', description: 'nodes CSV: id, lon, lat, elevation (or OSM-style headers)' },
    edges: { kind: 'string', description: 'edges CSV: from, to, length_m, highway, oneway, surface, climb_m, descent_m, geometry' },
    geojson: { kind: 'string', description: 'a FeatureCollection of roads (and nodes) in the network GeoJSON format' },
    places: { kind: 'string', description: 'places CSV (name, place, lon, lat, population): towns become stations, villages village points' },
    matrix: { kind: 'string', choices: VEHICLE_CLASSES, description: 'afterwards, compute the travel matrix between all nodes for this vehicle class' },
  },
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, this.flags);
    if (positionals.length) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
    const code = flags.county as string | undefined;
    if (!code || !/^\d{6}$/.test(code)) throw new CliUsageError('--county must be a 6-digit admin code');
    const csv = flags.nodes !== undefined || flags.edges !== undefined;
    if (csv === (flags.geojson !== undefined)) throw new CliUsageError('give either --nodes and --edges, or --geojson');
    if (csv && (flags.nodes === undefined || flags.edges === undefined)) throw new CliUsageError('--nodes and --edges go together');
    const log = (line: string) => console.log(line);

    log('reading and validating the road network …');
    const source = csv
      ? parseRoadNetworkCsv({ nodesCsv: readText(flags.nodes as string, 'nodes'), edgesCsv: readText(flags.edges as string, 'edges'), nodesFile: flags.nodes as string, edgesFile: flags.edges as string })
      : JSON.parse(readText(flags.geojson as string, 'geojson'));
    const places = flags.places ? placesToNetworkNodes(readText(flags.places as string, 'places'), flags.places as string) : null;

    const config = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
    try {
      const counties = app.get(CountiesService);
      let county = await counties.findByAdminCode(code);
      if (!county) {
        if (!flags['county-name']) throw new CliUsageError(`no county with code ${code}; give --county-name to create it`);
        county = await counties.upsert({ name: flags['county-name'] as string, adminCode: code, timeZone: flags['time-zone'] as string | undefined });
        log(`created county ${county.name} (${code})`);
      }
      const imports = app.get(NetworkImportService);
      let lastPercent = -1;
      const roads = await imports.importRoadNetwork(county.id, source, ({ phase, doneRows, totalRows }) => {
        const percent = totalRows ? Math.floor((100 * doneRows) / totalRows) : 100;
        if (percent >= lastPercent + 10 || phase === 'done') {
          lastPercent = percent;
          log(`  ${phase.padEnd(9)} ${doneRows}/${totalRows} road segments (${percent}%)`);
        }
      });
      log(`roads: ${roads.roads.created} new, ${roads.roads.updated} updated, ${roads.roads.unchanged} unchanged in ${roads.durationMs} ms; network version ${roads.networkVersion}`);
      if (places) {
        const nodes = await imports.importFeatureCollection(county.id, places);
        log(`places: ${nodes.nodes.created} new, ${nodes.nodes.updated} updated, ${nodes.nodes.unchanged} unchanged nodes`);
      }
      if (flags.matrix) {
        const matrix = await app.get(TravelMatrixService).computeMatrix(county.id, undefined, flags.matrix as VehicleClass);
        log(`matrix: ${matrix.nodes.length} × ${matrix.nodes.length} (${matrix.vehicleClass}) by ${matrix.method} in ${matrix.computationMs} ms, ${matrix.unreachable.length} unreachable pairs`);
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};
