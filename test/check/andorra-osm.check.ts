/**
 * `npm run check:osm`: imports the real Andorra extract (../shared/data/andorra: andorra.osm.pbf with
 * N42E001.hgt.zip; © OpenStreetMap contributors, ODbL; NASA SRTM) through `import-osm`'s service into
 * a throwaway database, and compares it with the reference graph built from the same extract
 * (graph_edges.csv): drivable length within 2 %, the largest weakly connected part within 5 %, total
 * climb within 10 %; then travel-time matrices between the seven parish towns, van and tricycle, on
 * the climbs of more than 200 m: uphill legs against their downhill returns.
 *
 * The last one is judged against the reference graph loaded the same way: some uphill legs are not
 * slower on either graph, because their fastest routes cross a valley (down a steep side, up a gentle
 * one), so the "downhill" return climbs the steep side. So the import fails
 * the check when it orders a leg differently from the reference; legs that fail on both are listed as
 * the model's. `--strict` fails on those too. Exits 1 when a check fails.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseRoadNetworkCsv, readCsv } from '../../src/network/import/road-network-csv';
import { INestApplicationContext } from '@nestjs/common';
import { placesToNetworkNodes } from '../../src/cli/places-csv';
import { CountiesService } from '../../src/counties/counties.service';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { TravelMatrix, TravelMatrixService } from '../../src/network/matrix/travel-matrix.service';
import { OsmImportService } from '../../src/network/osm/osm-import.service';
import { weakComponents } from '../../src/network/weak-components';
import { andorraDataDirectory, withScratchApp } from '../support/scratch-app';

/** The reference graph's `highway` set; motorways and trunks (Andorra has none) are left out of the comparison. */
const REFERENCE_CLASSES = new Set(['primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'service', 'track']);
const CLIMB_THRESHOLD_M = 200;

interface Figure {
  what: string;
  imported: number;
  reference: number;
  tolerance: number;
}

function referenceFigures(directory: string) {
  const table = readCsv(readFileSync(join(directory, 'graph_edges.csv'), 'utf8'), 'graph_edges.csv');
  const column = (name: string) => table.header.indexOf(name);
  const [from, to, length, climb] = ['from_node', 'to_node', 'length_m', 'climb_m'].map(column) as [number, number, number, number];
  const edges = table.rows.map(({ cells }) => ({ fromVertex: cells[from]!, toVertex: cells[to]!, lengthM: Number(cells[length]), climbM: Number(cells[climb]) }));
  return {
    km: edges.reduce((sum, edge) => sum + edge.lengthM, 0) / 1000,
    largestPartJunctions: weakComponents(edges).vertexCounts[0]!,
    climbM: edges.reduce((sum, edge) => sum + edge.climbM, 0),
  };
}

function towns(directory: string) {
  const table = readCsv(readFileSync(join(directory, 'places.csv'), 'utf8'), 'places.csv');
  const [id, place, name, elevation] = ['osm_node_id', 'place', 'name', 'srtm3_elev_m'].map((header) => table.header.indexOf(header)) as [number, number, number, number];
  return table.rows.filter(({ cells }) => cells[place] === 'town').map(({ cells }) => ({ code: `P${cells[id]}`, name: cells[name]!, elevationM: Number(cells[elevation]) }));
}

function townMatrix(app: INestApplicationContext, countyId: string, parishTowns: ReadonlyArray<{ code: string }>, vehicleClass: 'van' | 'tricycle'): Promise<TravelMatrix> {
  return app.get(TravelMatrixService).computeMatrix(
    countyId,
    parishTowns.map((town) => town.code),
    vehicleClass,
  );
}

async function main(): Promise<number> {
  const directory = andorraDataDirectory();
  const reference = referenceFigures(directory);
  const parishTowns = towns(directory);
  const startedAt = Date.now();
  const problems: string[] = [];
  const modelLegs: string[] = [];
  const strict = process.argv.includes('--strict');
  await withScratchApp('rd_check_osm', async (app) => {
    const county = await app.get(CountiesService).upsert({ name: 'Andorra (OSM check)', adminCode: '999002', timeZone: 'Europe/Andorra' });
    await app.get(NetworkImportService).importFeatureCollection(county.id, placesToNetworkNodes(readFileSync(join(directory, 'places.csv'), 'utf8'), 'places.csv'));
    const report = await app.get(OsmImportService).importExtract(county.id, { pbfPath: join(directory, 'andorra.osm.pbf'), demPaths: [join(directory, 'N42E001.hgt.zip')] });
    const comparedKm = Object.entries(report.allParts.kmByRoadClass).reduce((sum, [roadClass, km]) => sum + (REFERENCE_CLASSES.has(roadClass) ? km : 0), 0);
    const figures: Figure[] = [
      { what: 'drivable km (reference highway set, all parts)', imported: comparedKm, reference: reference.km, tolerance: 0.02 },
      { what: 'junctions in the largest weakly connected part', imported: report.junctions, reference: reference.largestPartJunctions, tolerance: 0.05 },
      { what: 'total climb m (all parts)', imported: report.allParts.climbM, reference: reference.climbM, tolerance: 0.1 },
    ];
    console.log(
      `import: ${report.waysRead} ways read, ${report.waysKept} kept, ${report.edges} edges, ${report.disconnected.parts} disconnected parts left out; ${JSON.stringify(report.stepMs)}`,
    );
    for (const figure of figures) {
      const off = figure.imported / figure.reference - 1;
      const ok = Math.abs(off) <= figure.tolerance;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${figure.what}: ${figure.imported.toFixed(1)} against ${figure.reference.toFixed(1)} (${(100 * off).toFixed(2)} %, within ±${100 * figure.tolerance} %)`,
      );
      if (!ok) problems.push(figure.what);
    }
    const referenceCounty = await app.get(CountiesService).upsert({ name: 'Andorra (reference graph)', adminCode: '999003', timeZone: 'Europe/Andorra' });
    const importer = app.get(NetworkImportService);
    await importer.importRoadNetwork(
      referenceCounty.id,
      parseRoadNetworkCsv({ nodesCsv: readFileSync(join(directory, 'graph_nodes.csv'), 'utf8'), edgesCsv: readFileSync(join(directory, 'graph_edges.csv'), 'utf8') }),
    );
    await importer.importFeatureCollection(referenceCounty.id, placesToNetworkNodes(readFileSync(join(directory, 'places.csv'), 'utf8'), 'places.csv'));
    for (const vehicleClass of ['van', 'tricycle'] as const) {
      const imported = await townMatrix(app, county.id, parishTowns, vehicleClass);
      const referenceMatrix = await townMatrix(app, referenceCounty.id, parishTowns, vehicleClass);
      const size = parishTowns.length;
      let legs = 0;
      for (let low = 0; low < size; low++) {
        for (let high = 0; high < size; high++) {
          const climbM = parishTowns[high]!.elevationM - parishTowns[low]!.elevationM;
          if (climbM <= CLIMB_THRESHOLD_M) continue;
          legs++;
          const leg = `${vehicleClass} ${parishTowns[low]!.name} → ${parishTowns[high]!.name}`;
          const [upS, downS] = [imported.durationS[low * size + high]!, imported.durationS[high * size + low]!];
          const [referenceUpS, referenceDownS] = [referenceMatrix.durationS[low * size + high]!, referenceMatrix.durationS[high * size + low]!];
          const slowerUp = upS > downS && downS >= 0;
          const referenceSlowerUp = referenceUpS > referenceDownS && referenceDownS >= 0;
          const verdict = slowerUp ? 'ok  ' : referenceSlowerUp ? 'FAIL' : strict ? 'FAIL' : 'model';
          if (verdict === 'FAIL') problems.push(leg);
          if (verdict === 'model') modelLegs.push(leg);
          console.log(`${verdict.padEnd(5)} ${leg} (+${Math.round(climbM)} m): up ${upS} s, down ${downS} s; reference graph up ${referenceUpS} s, down ${referenceDownS} s`);
        }
      }
      if (legs === 0) problems.push(`${vehicleClass}: no pair of towns with a climb over ${CLIMB_THRESHOLD_M} m`);
    }
  });
  if (modelLegs.length > 0)
    console.log(
      `${modelLegs.length} uphill legs are not slower than their returns on the reference graph either (the travel-time model's, not the import's): ${modelLegs.join('; ')}`,
    );
  console.log(
    `check:osm ${problems.length === 0 ? 'passed' : `FAILED: ${problems.join('; ')}`} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
