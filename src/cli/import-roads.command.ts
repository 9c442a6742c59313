import * as fs from 'fs';
import { parseRoadNetworkCsv } from '../network/import/road-network-csv';
import { CountiesService } from '../counties/counties.service';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';
import { NetworkImportService } from '../network/import/network-import.service';
import { TravelMatrixService } from '../network/matrix/travel-matrix.service';
import { CoordinateSystem } from '../infra/geo/coordinate-system';
import { CliIo } from './cli-io';
import { withServiceContext } from './service-context';
import { CliUsageError } from './cli-usage-error';
import { placesToNetworkNodes } from './places-csv';

function readText(path: string, flag: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Flags of `import-roads`, as the command table parses them (--county already checked as 6 digits). */
export interface ImportRoadsFlags {
  county: string;
  countyName?: string;
  timeZone?: string;
  nodes?: string;
  edges?: string;
  geojson?: string;
  places?: string;
  matrix?: string;
  /** Coordinate system of every position in the files (nodes, edge geometry, places). */
  crs: CoordinateSystem;
}

/** `import-roads`: reads and checks the files first, then writes through the network import service. */
export async function runImportRoads(flags: ImportRoadsFlags, io: CliIo): Promise<number> {
  const code = flags.county;
  const csv = flags.nodes !== undefined || flags.edges !== undefined;
  if (csv === (flags.geojson !== undefined)) throw new CliUsageError('give either --nodes and --edges, or --geojson');
  if (csv && (flags.nodes === undefined || flags.edges === undefined)) throw new CliUsageError('--nodes and --edges go together');
  const matrixClass = flags.matrix;
  if (matrixClass !== undefined && !isVehicleClass(matrixClass)) throw new CliUsageError(`--matrix must be one of ${VEHICLE_CLASSES.join(', ')}, got "${matrixClass}"`);
  const log = (line: string) => io.stdout(`${line}\n`);

  log('reading and validating the road network …');
  const source = csv
    ? parseRoadNetworkCsv({ nodesCsv: readText(flags.nodes!, 'nodes'), edgesCsv: readText(flags.edges!, 'edges'), nodesFile: flags.nodes!, edgesFile: flags.edges! })
    : JSON.parse(readText(flags.geojson!, 'geojson'));
  const places = flags.places ? placesToNetworkNodes(readText(flags.places, 'places'), flags.places) : null;

  return withServiceContext(async (app) => {
    const counties = app.get(CountiesService);
    let county = await counties.findByAdminCode(code);
    if (!county) {
      if (!flags.countyName) throw new CliUsageError(`no county with code ${code}; give --county-name to create it`);
      county = await counties.upsert({ name: flags.countyName, adminCode: code, timeZone: flags.timeZone });
      log(`created county ${county.name} (${code})`);
    }
    const imports = app.get(NetworkImportService);
    let lastPercent = -1;
    const roads = await imports.importRoadNetwork(
      county.id,
      source,
      ({ phase, doneRows, totalRows }) => {
        const percent = totalRows ? Math.floor((100 * doneRows) / totalRows) : 100;
        if (percent >= lastPercent + 10 || phase === 'done') {
          lastPercent = percent;
          log(`  ${phase.padEnd(9)} ${doneRows}/${totalRows} road segments (${percent}%)`);
        }
      },
      flags.crs,
    );
    log(`roads: ${roads.roads.created} new, ${roads.roads.updated} updated, ${roads.roads.unchanged} unchanged in ${roads.durationMs} ms; network version ${roads.networkVersion}`);
    if (places) {
      const nodes = await imports.importFeatureCollection(county.id, places, flags.crs);
      log(`places: ${nodes.nodes.created} new, ${nodes.nodes.updated} updated, ${nodes.nodes.unchanged} unchanged nodes`);
    }
    if (matrixClass !== undefined) {
      const matrix = await app.get(TravelMatrixService).computeMatrix(county.id, undefined, matrixClass);
      log(
        `matrix: ${matrix.nodes.length} × ${matrix.nodes.length} (${matrix.vehicleClass}) by ${matrix.method} in ${matrix.computationMs} ms, ${matrix.unreachable.length} unreachable pairs`,
      );
    }
    return 0;
  });
}

function isVehicleClass(value: string): value is VehicleClass {
  return (VEHICLE_CLASSES as readonly string[]).includes(value);
}
