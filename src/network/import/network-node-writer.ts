import { EntityManager } from 'typeorm';
import { NODE_TIERS } from '../network-node.entity';
import { batchedUpsert, UpsertStatement } from './batched-upsert';
import { ImportCounts, NodeImportRow } from './network-import.types';

const COMPARED_COLUMNS = [
  'tier',
  'parent_id',
  'admin_code',
  'name',
  'location',
  'elevation_m',
  'opening_hours',
  'service_calendar',
  'service_time_s',
  'storage_capacity_parcels',
  'synthetic_location',
];

interface ResolvedNode {
  node: NodeImportRow;
  parentId: string | null;
}

function nodeStatement(countyId: string): UpsertStatement<ResolvedNode> {
  return {
    insertInto: `INSERT INTO network_node (county_id, code, ${COMPARED_COLUMNS.join(', ')}) VALUES`,
    rowTemplate: '($?, $?, $?::network_node_tier_enum, $?::uuid, $?, $?, ST_SetSRID(ST_MakePoint($?, $?), 4326), $?, $?::jsonb, $?::jsonb, $?, $?, $?)',
    rowValues: ({ node, parentId }) => [
      countyId,
      node.code,
      node.tier,
      parentId,
      node.adminCode,
      node.name,
      node.lon,
      node.lat,
      node.elevationM,
      node.openingHours === null ? null : JSON.stringify(node.openingHours),
      node.serviceCalendar === null ? null : JSON.stringify(node.serviceCalendar),
      node.serviceTimeS,
      node.storageCapacityParcels,
      node.syntheticLocation,
    ],
    onConflict: `ON CONFLICT (county_id, code) DO UPDATE SET ${COMPARED_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
      WHERE (${COMPARED_COLUMNS.map((column) => `network_node.${column}`).join(', ')}) IS DISTINCT FROM (${COMPARED_COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')})`,
  };
}

async function idsByCode(manager: EntityManager, countyId: string): Promise<Map<string, string>> {
  const rows: Array<{ id: string; code: string }> = await manager.query('SELECT id, code FROM network_node WHERE county_id = $1', [countyId]);
  return new Map(rows.map((row) => [row.code, row.id]));
}

/**
 * Upserts nodes by code, hub first, then stations, then villages, so each tier's parents have ids
 * (whether they came from this import or were stored before). Runs in the caller's transaction.
 */
export async function upsertNetworkNodes(manager: EntityManager, countyId: string, nodes: readonly NodeImportRow[]): Promise<ImportCounts> {
  const total: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const tier of NODE_TIERS) {
    const ofTier = nodes.filter((node) => node.tier === tier);
    if (ofTier.length === 0) continue;
    const ids = await idsByCode(manager, countyId);
    const resolved = ofTier.map((node) => ({ node, parentId: node.parentCode === null ? null : ids.get(node.parentCode)! }));
    const counts = await batchedUpsert(manager, resolved, nodeStatement(countyId));
    total.created += counts.created;
    total.updated += counts.updated;
    total.unchanged += counts.unchanged;
  }
  return total;
}
