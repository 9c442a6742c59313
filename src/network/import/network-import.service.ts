import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeatureCollection } from 'geojson';
import { DataSource, EntityManager } from 'typeorm';
import type { ParsedRoadNetwork } from './road-network-csv';
import { CountiesService } from '../../counties/counties.service';
import { CoordinateSystem } from '../../infra/geo/coordinate-system';
import { NodeTier } from '../network-node.entity';
import { validateNetworkFeatureCollection } from './feature-collection-validator';
import { ImportCounts, NetworkImportResult, RoadImportRow, RoadReplacement, StoredNodeTiers, ValidatedNetworkImport } from './network-import.types';
import { roadRowsFromParsedNetwork } from './parsed-road-network';
import { upsertNetworkNodes } from './network-node-writer';
import { validatedInWgs84 } from './to-wgs84';
import { deleteRoadSegmentsNotIn, upsertRoadSegments } from './road-segment-writer';

export interface RoadImportProgress {
  phase: 'validated' | 'writing' | 'done';
  doneRows: number;
  totalRows: number;
}

export interface RoadNetworkImportResult extends NetworkImportResult {
  durationMs: number;
  /** Roads of the replaced source that the import no longer holds, deleted. */
  roadsRemoved: number;
}

/**
 * Writes networks: the GeoJSON import (HTTP and demo seeding share this path) and bulk road imports
 * (the CLI). Each import is one transaction that first locks the county's network (CountiesService.lockCounty).
 */
@Injectable()
export class NetworkImportService {
  private readonly logger = new Logger(NetworkImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
  ) {}

  /**
   * Validates the whole FeatureCollection (nothing is written if any feature is bad), then upserts it;
   * positions in GCJ-02 (AMap, Tencent) are converted to WGS 84 first.
   */
  importFeatureCollection(countyId: string, featureCollection: unknown, coordinateSystem: CoordinateSystem = 'wgs84'): Promise<NetworkImportResult> {
    return this.write(countyId, (stored) => validatedInWgs84(validateNetworkFeatureCollection(featureCollection, stored), coordinateSystem));
  }

  /**
   * A road network for the CLI: the CSV parser's output, or a GeoJSON FeatureCollection of roads
   * (and, optionally, nodes). Roads are written in batches with progress, in one transaction;
   * positions in GCJ-02 are converted to WGS 84 after validation, as for the API's import.
   */
  async importRoadNetwork(
    countyId: string,
    source: ParsedRoadNetwork | FeatureCollection,
    onProgress?: (progress: RoadImportProgress) => void,
    coordinateSystem: CoordinateSystem = 'wgs84',
  ): Promise<RoadNetworkImportResult> {
    const startedAt = Date.now();
    const result = await this.write(
      countyId,
      (stored) =>
        validatedInWgs84('edges' in source ? { nodes: [], roads: roadRowsFromParsedNetwork(source) } : validateNetworkFeatureCollection(source, stored), coordinateSystem),
      onProgress,
    );
    return { ...result, durationMs: Date.now() - startedAt };
  }

  /**
   * Roads already checked and built by an importer (the OSM import), replacing every stored road of
   * that source: roads are upserted by id keeping their closures, and the source's roads missing from
   * this import are deleted, all in one transaction.
   */
  async importReplacingRoads(
    countyId: string,
    roads: RoadImportRow[],
    replacement: RoadReplacement,
    onProgress?: (progress: RoadImportProgress) => void,
  ): Promise<RoadNetworkImportResult> {
    const startedAt = Date.now();
    const result = await this.write(countyId, () => ({ nodes: [], roads }), onProgress, replacement);
    return { ...result, durationMs: Date.now() - startedAt };
  }

  /** One transaction: lock the county, validate against what is stored, upsert nodes then roads, bump the version. */
  private write(
    countyId: string,
    validate: (stored: StoredNodeTiers) => ValidatedNetworkImport,
    onProgress?: (progress: RoadImportProgress) => void,
    replacement?: RoadReplacement,
  ): Promise<NetworkImportResult & { roadsRemoved: number }> {
    return this.dataSource.transaction(async (manager) => {
      await this.counties.lockCounty(manager, countyId);
      const validated = validate(await this.storedNodeTiers(manager, countyId));
      const totalRows = validated.roads.length;
      onProgress?.({ phase: 'validated', doneRows: 0, totalRows });
      const nodes = await upsertNetworkNodes(manager, countyId, validated.nodes);
      const onBatch = (doneRows: number) => onProgress?.({ phase: 'writing', doneRows, totalRows });
      const roads = await upsertRoadSegments(manager, countyId, validated.roads, onBatch, { keepStoredClosures: replacement !== undefined });
      const roadsRemoved = replacement
        ? await deleteRoadSegmentsNotIn(
            manager,
            countyId,
            replacement.ownedIdPrefix,
            validated.roads.map((road) => road.externalId),
          )
        : 0;
      const networkVersion = await this.bumpIfChanged(manager, countyId, [nodes, roads, { created: 0, updated: roadsRemoved, unchanged: 0 }]);
      onProgress?.({ phase: 'done', doneRows: totalRows, totalRows });
      this.logger.log({ countyId, nodes, roads, roadsRemoved, networkVersion }, 'network imported');
      return { nodes, roads, roadsRemoved, networkVersion };
    });
  }

  private async storedNodeTiers(manager: EntityManager, countyId: string): Promise<StoredNodeTiers> {
    const rows: Array<{ code: string; tier: NodeTier }> = await manager.query('SELECT code, tier FROM network_node WHERE county_id = $1', [countyId]);
    return {
      tierByCode: new Map(rows.map((row) => [row.code, row.tier])),
      hubCode: rows.find((row) => row.tier === 'county_hub')?.code ?? null,
    };
  }

  /** An import that changed nothing leaves the version (and every cached matrix) alone. */
  private async bumpIfChanged(manager: EntityManager, countyId: string, counts: ImportCounts[]): Promise<number> {
    if (counts.some((count) => count.created + count.updated > 0)) return this.counties.bumpNetworkVersion(manager, countyId);
    return this.counties.networkVersion(manager, countyId);
  }
}
