import { EntityManager } from 'typeorm';
import { batchedUpsert, UpsertStatement } from './batched-upsert';
import { ImportCounts, RoadImportRow } from './network-import.types';

const COMPARED_COLUMNS = ['from_vertex', 'to_vertex', 'geometry', 'length_m', 'road_class', 'surface', 'climb_m', 'descent_m', 'one_way', 'closures', 'synthetic'];

function roadStatement(countyId: string): UpsertStatement<RoadImportRow> {
  return {
    insertInto: `INSERT INTO road_segment (county_id, external_id, ${COMPARED_COLUMNS.join(', ')}) VALUES`,
    rowTemplate:
      '($?, $?, $?, $?, ST_SetSRID(ST_GeomFromGeoJSON($?), 4326), $?, $?::road_segment_road_class_enum, $?::road_segment_surface_enum, $?, $?, $?, $?::jsonb, $?)',
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
    ],
    onConflict: `ON CONFLICT (county_id, external_id) DO UPDATE SET ${COMPARED_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
      WHERE (${COMPARED_COLUMNS.map((column) => `road_segment.${column}`).join(', ')}) IS DISTINCT FROM (${COMPARED_COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')})`,
  };
}

/** Upserts road segments by (county, external id) in batches, inside the caller's transaction. */
export function upsertRoadSegments(
  manager: EntityManager,
  countyId: string,
  roads: readonly RoadImportRow[],
  onBatch?: (doneRows: number) => void,
): Promise<ImportCounts> {
  return batchedUpsert(manager, roads, roadStatement(countyId), onBatch);
}
