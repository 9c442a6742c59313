import { CountiesService } from '../counties/counties.service';
import { validationFailed } from '../infra/errors/domain-error';
import { CoordinateSystem } from '../infra/geo/coordinate-system';
import { OsmImportProgress, OsmImportReport, OsmImportService } from '../network/osm/osm-import.service';
import { CliIo } from './cli-io';
import { withServiceContext } from './service-context';

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
    `time: ${Object.entries(report.stepMs)
      .map(([step, ms]) => `${step} ${ms} ms`)
      .join(', ')}`,
  ];
}

/** Flags of `import-osm`, as the command table parses them (--county already checked as 6 digits). */
export interface ImportOsmFlags {
  county: string;
  pbf: string;
  dem: string[];
  boundary?: string;
  boundaryCrs?: CoordinateSystem;
  allowMissingElevation: boolean;
  snapThresholdM?: number;
}

/** `import-osm`: reads the extract and the elevation model, then writes through the network import service. */
export async function runImportOsm(flags: ImportOsmFlags, io: CliIo): Promise<number> {
  const code = flags.county;
  const log = (line: string) => io.stdout(`${line}\n`);
  return withServiceContext(async (app) => {
    const county = await app.get(CountiesService).findByAdminCode(code);
    if (!county)
      throw validationFailed(`no county with code ${code}; create it first (rural-dispatch import-roads --county-name, or the API); nothing was written`, [
        { field: 'county', message: 'no such county' },
      ]);
    log(`importing ${flags.pbf} into ${county.name} (${code}) …`);
    const report = await app.get(OsmImportService).importExtract(
      county.id,
      {
        pbfPath: flags.pbf,
        demPaths: flags.dem,
        boundaryPath: flags.boundary,
        boundaryCoordinateSystem: flags.boundaryCrs,
        allowMissingElevation: flags.allowMissingElevation,
        snapThresholdM: flags.snapThresholdM,
      },
      progressPrinter(log),
    );
    describeOsmImport(report).forEach(log);
    return 0;
  });
}
