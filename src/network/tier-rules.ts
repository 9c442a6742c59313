import { EntityManager } from 'typeorm';
import { notFound } from '../infra/errors/domain-error';
import { NodeTier } from './network-node.entity';

/** The tier a node's parent must have: village → township station → county hub → none. */
export const PARENT_TIER: Record<NodeTier, NodeTier | null> = {
  county_hub: null,
  township_station: 'county_hub',
  village_point: 'township_station',
};

/**
 * Locks the county row for the rest of the transaction. Every node or road write takes it first, so
 * writes to one county's network run one after the other ("one hub per county" holds, and each write
 * moves the network version once); other counties are not blocked.
 */
export async function lockCountyNetwork(manager: EntityManager, countyId: string): Promise<void> {
  const rows: unknown[] = await manager.query('SELECT id FROM county WHERE id = $1 FOR UPDATE', [countyId]);
  if (rows.length === 0) throw notFound('county', countyId);
}
