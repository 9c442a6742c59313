import { Injectable, Logger } from '@nestjs/common';
import { CoordinateSystem, toWgs84 } from '../../infra/geo/coordinate-system';
import { validationFailed } from '../../infra/errors/domain-error';
import { loadElevationModel } from '../elevation/dem-files';
import { edgeElevation } from '../elevation/edge-elevation';
import { ElevationModel } from '../elevation/elevation-grid';
import { NetworkImportService } from '../import/network-import.service';
import { ImportCounts, RoadImportRow } from '../import/network-import.types';
import { NetworkQueryService } from '../network-query.service';
import { DEFAULT_SNAP_THRESHOLD_M, NetworkSnappingService, SnappingReport } from '../network-snapping.service';
import type { RoadClass } from '../road-segment.entity';
import { clipEdgesToBoundary, readBoundary } from './boundary-clip';
import { keepHubComponent } from './keep-hub-component';
import { readOsmExtract } from './osm-pbf-reader';
import { OSM_EDGE_ID_PREFIX, OsmEdge, splitWaysAtJunctions } from './way-splitter';

export interface OsmImportRequest {
  pbfPath: string;
  /** SRTM `.hgt`/`.hgt.zip` tiles or GeoTIFFs; none means flat, flagged roads. */
  demPaths: readonly string[];
  boundaryPath?: string;
  /** The boundary file's coordinates (OSM data itself is always WGS 84). */
  boundaryCoordinateSystem?: CoordinateSystem;
  allowMissingElevation?: boolean;
  snapThresholdM?: number;
}

export const OSM_IMPORT_STEPS = ['reading', 'splitting', 'elevation', 'writing', 'snapping'] as const;
export type OsmImportStep = (typeof OSM_IMPORT_STEPS)[number];

export interface OsmImportProgress {
  step: OsmImportStep;
  /** Share of the step done, 0..1. */
  fraction: number;
  detail: string;
}

export interface OsmImportReport {
  waysRead: number;
  waysKept: number;
  edges: number;
  /** Parts of the graph not connected to the hub's, left out. */
  disconnected: { parts: number; edges: number; km: number };
  /** Length and climb of every drivable edge read, the disconnected parts included (what a reference graph counts). */
  allParts: { km: number; kmByRoadClass: Partial<Record<RoadClass, number>>; climbM: number };
  junctions: number;
  kmByRoadClass: Partial<Record<RoadClass, number>>;
  totalKm: number;
  totalClimbM: number;
  totalDescentM: number;
  /** Edges with unknown climb (no DEM, not covered with --allow-missing-elevation, or only voids under them). */
  elevationMissingEdges: number;
  roads: ImportCounts & { removed: number };
  networkVersion: number;
  snapping: SnappingReport;
  /** Wall time per step, ms. */
  stepMs: Record<OsmImportStep, number>;
}

/**
 * Imports an OpenStreetMap extract with an elevation model: read the PBF, split drivable ways at
 * junctions, keep the hub's part of the graph, sample climb and descent, then write every road
 * through NetworkImportService (one transaction, a new network version, closures kept) and report how
 * the county's nodes tie to the roads. Nothing is written when any input is bad.
 */
@Injectable()
export class OsmImportService {
  private readonly logger = new Logger(OsmImportService.name);

  constructor(
    private readonly imports: NetworkImportService,
    private readonly query: NetworkQueryService,
    private readonly snapping: NetworkSnappingService,
  ) {}

  async importExtract(countyId: string, request: OsmImportRequest, onProgress: (progress: OsmImportProgress) => void = () => {}): Promise<OsmImportReport> {
    const stepMs = {} as Record<OsmImportStep, number>;
    const timed = async <T>(step: OsmImportStep, work: () => Promise<T> | T): Promise<T> => {
      const startedAt = Date.now();
      onProgress({ step, fraction: 0, detail: 'started' });
      const result = await work();
      stepMs[step] = Date.now() - startedAt;
      return result;
    };
    // Bad DEM and boundary files are refused before the (longer) read of the extract.
    const elevation = request.demPaths.length > 0 ? await loadElevationModel(request.demPaths) : null;
    const boundary = request.boundaryPath ? readBoundary(request.boundaryPath, (position) => toWgs84(position, request.boundaryCoordinateSystem)) : null;

    const extract = await timed('reading', () =>
      readOsmExtract(request.pbfPath, (bytesRead, totalBytes) =>
        onProgress({ step: 'reading', fraction: bytesRead / totalBytes, detail: `${(bytesRead / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB` }),
      ),
    );
    const edges = await timed('splitting', () => {
      const split = splitWaysAtJunctions(extract.drivableWays, extract.nodes);
      const clipped = boundary ? clipEdgesToBoundary(split, boundary) : split;
      if (clipped.length === 0)
        throw validationFailed('no drivable road of the extract lies inside the boundary; nothing was written', [{ field: 'boundary', message: 'no road inside' }]);
      onProgress({ step: 'splitting', fraction: 1, detail: `${extract.drivableWays.length} drivable ways → ${clipped.length} edges` });
      return clipped;
    });
    const allRows = await timed('elevation', () => this.roadRows(edges, elevation, request.allowMissingElevation ?? false, onProgress));
    // Parts cut off from the hub are reported, and only the hub's part is written.
    const selection = keepHubComponent(edges, await this.hubPosition(countyId));
    const keptIds = new Set(selection.kept.map((edge) => edge.id));
    const rows = allRows.filter((row) => keptIds.has(row.externalId));
    const written = await timed('writing', () =>
      this.imports.importReplacingRoads(countyId, rows, { ownedIdPrefix: OSM_EDGE_ID_PREFIX }, ({ doneRows, totalRows }) =>
        onProgress({ step: 'writing', fraction: totalRows ? doneRows / totalRows : 1, detail: `${doneRows}/${totalRows} roads` }),
      ),
    );
    const snapping = await timed('snapping', () => this.snapping.report(countyId, request.snapThresholdM ?? DEFAULT_SNAP_THRESHOLD_M));

    const report: OsmImportReport = {
      waysRead: extract.waysRead,
      waysKept: new Set(selection.kept.map((edge) => edge.wayId)).size,
      edges: rows.length,
      disconnected: { parts: selection.droppedParts, edges: selection.droppedEdges, km: round3(selection.droppedKm) },
      junctions: selection.keptVertices,
      ...lengthsAndClimb(rows),
      allParts: (({ totalKm, kmByRoadClass, totalClimbM }) => ({ km: totalKm, kmByRoadClass, climbM: totalClimbM }))(lengthsAndClimb(allRows)),
      roads: { ...written.roads, removed: written.roadsRemoved },
      networkVersion: written.networkVersion,
      snapping,
      stepMs,
    };
    this.logger.log({ countyId, edges: report.edges, networkVersion: report.networkVersion, stepMs }, 'OSM extract imported');
    return report;
  }

  private async hubPosition(countyId: string): Promise<[number, number] | null> {
    const { items } = await this.query.listNodes(countyId, { tier: 'county_hub', limit: 1 });
    const coordinates = items[0]?.location.coordinates;
    return coordinates ? [coordinates[0]!, coordinates[1]!] : null;
  }

  /** Road rows with climb and descent; refuses (names the missing tiles) when the DEM leaves roads uncovered. */
  private roadRows(edges: readonly OsmEdge[], elevation: ElevationModel | null, allowMissing: boolean, onProgress: (progress: OsmImportProgress) => void): RoadImportRow[] {
    const missingTiles = new Set<string>();
    const progressEvery = Math.max(1, Math.floor(edges.length / 10));
    const rows = edges.map((edge, index): RoadImportRow => {
      if (index % progressEvery === 0) onProgress({ step: 'elevation', fraction: index / edges.length, detail: `${index}/${edges.length} edges` });
      const sampled = elevation ? edgeElevation(edge.coordinates, elevation) : null;
      sampled?.missingTiles.forEach((tile) => missingTiles.add(tile));
      const known = sampled !== null && sampled.missingTiles.length === 0 && !sampled.allVoid;
      return {
        externalId: edge.id,
        fromVertex: edge.fromVertex,
        toVertex: edge.toVertex,
        coordinates: edge.coordinates,
        lengthM: Math.max(1, Math.round(edge.lengthM)),
        roadClass: edge.attributes.roadClass,
        surface: edge.attributes.surface,
        climbM: known ? Math.round(sampled.climbM) : 0,
        descentM: known ? Math.round(sampled.descentM) : 0,
        oneWay: edge.attributes.direction !== 'both',
        closures: [],
        synthetic: false,
        elevationMissing: !known,
      };
    });
    if (missingTiles.size > 0 && !allowMissing) {
      const tiles = [...missingTiles].sort();
      throw validationFailed(
        `the DEM does not cover the roads: missing SRTM tiles ${tiles.join(', ')}; add them with --dem, or give --allow-missing-elevation to import those roads flat and flagged; nothing was written`,
        tiles.map((tile) => ({ field: 'dem', message: `missing tile ${tile}` })),
      );
    }
    return rows;
  }
}

function lengthsAndClimb(rows: readonly RoadImportRow[]): Pick<OsmImportReport, 'kmByRoadClass' | 'totalKm' | 'totalClimbM' | 'totalDescentM' | 'elevationMissingEdges'> {
  const metresByClass: Partial<Record<RoadClass, number>> = {};
  let totalM = 0;
  let totalClimbM = 0;
  let totalDescentM = 0;
  let elevationMissingEdges = 0;
  for (const row of rows) {
    metresByClass[row.roadClass] = (metresByClass[row.roadClass] ?? 0) + row.lengthM;
    totalM += row.lengthM;
    totalClimbM += row.climbM;
    totalDescentM += row.descentM;
    if (row.elevationMissing) elevationMissingEdges++;
  }
  const kmByRoadClass = Object.fromEntries(Object.entries(metresByClass).map(([roadClass, metres]) => [roadClass, round3(metres / 1000)]));
  return { kmByRoadClass, totalKm: round3(totalM / 1000), totalClimbM, totalDescentM, elevationMissingEdges };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
