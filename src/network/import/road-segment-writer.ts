import { EntityManager } from 'typeorm';
import { batchedUpsert, UpsertStatement } from './batched-upsert';
import { ImportCounts, RoadImportRow } from './network-import.types';

const COMPARED_COLUMNS = [
  'from_vertex',
  'to_vertex',
  'geometry',
  'length_m',
  'road_class',
  'surface',
  'climb_m',
  'descent_m',
  'one_way',
  'closures',
  'synthetic',
  'elevation_missing',
];

export interface RoadWriteOptions {
  /**
   * Leave the stored closures alone: imports of map data (OSM) carry no closures, and a re-import
   * must keep the ones operators entered on the edges it updates.
   */
  keepStoredClosures?: boolean;
}

function roadStatement(countyId: string, options: RoadWriteOptions): UpsertStatement<RoadImportRow> {
  const updated = options.keepStoredClosures ? COMPARED_COLUMNS.filter((column) => column !== 'closures') : COMPARED_COLUMNS;
  return {
    insertInto: `INSERT INTO road_segment (county_id, external_id, ${COMPARED_COLUMNS.join(', ')}) VALUES`,
    rowTemplate: '($?, $?, $?, $?, ST_SetSRID(ST_GeomFromGeoJSON($?), 4326), $?, $?::road_segment_road_class_enum, $?::road_segment_surface_enum, $?, $?, $?, $?::jsonb, $?, $?)',
    rowValues: (road) => [
      countyId,
      road.externalId,
      road.fromVertex,
      road.toVertex,
      JSON.stringify({ type: 'LineString', coordinates: road.coordinates }),
      road.lengthM,
      road.roadClass,
      road.surface,
      road.climbM,
      road.descentM,
      road.oneWay,
      JSON.stringify(road.closures),
      road.synthetic,
      road.elevationMissing ?? false,
    ],
    onConflict: `ON CONFLICT (county_id, external_id) DO UPDATE SET ${updated.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
      WHERE (${updated.map((column) => `road_segment.${column}`).join(', ')}) IS DISTINCT FROM (${updated.map((column) => `EXCLUDED.${column}`).join(', ')})`,
  };
}

/** Upserts road segments by (county, external id) in batches, inside the caller's transaction. */
export function upsertRoadSegments(
  manager: EntityManager,
  countyId: string,
  roads: readonly RoadImportRow[],
  onBatch?: (doneRows: number) => void,
  options: RoadWriteOptions = {},
): Promise<ImportCounts> {
  return batchedUpsert(manager, roads, roadStatement(countyId, options), onBatch);
}

/**
 * Deletes the county's segments whose id starts with `prefix` and that the import did not write:
 * roads gone from a newer extract. Returns how many went.
 */
export async function deleteRoadSegmentsNotIn(manager: EntityManager, countyId: string, prefix: string, keptIds: readonly string[]): Promise<number> {
  const [, deleted]: [unknown, number] = await manager.query(
    `DELETE FROM road_segment WHERE county_id = $1 AND starts_with(external_id, $2) AND NOT (external_id = ANY($3::varchar[]))`,
    [countyId, prefix, keptIds],
  );
  return deleted;
}
