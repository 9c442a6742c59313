import { NodeTier } from './network-node.entity';

/** The tier a node's parent must have: village → township station → county hub → none. */
export const PARENT_TIER: Record<NodeTier, NodeTier | null> = {
  county_hub: null,
  township_station: 'county_hub',
  village_point: 'township_station',
};
