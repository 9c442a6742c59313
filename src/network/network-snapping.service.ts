import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NodeTier } from './network-node.entity';
import { weakComponents } from './weak-components';

/** A node farther than this from every drivable road is reported: its last leg would be a guess. */
export const DEFAULT_SNAP_THRESHOLD_M = 500;

export interface UnsnappedNode {
  code: string;
  name: string;
  tier: NodeTier;
  /** To the nearest road, metres. */
  distanceM: number;
  reason: 'too_far' | 'not_connected_to_hub';
}

export interface SnappingReport {
  thresholdM: number;
  snappedNodes: number;
  unsnappedNodes: UnsnappedNode[];
}

interface NearestRoadRow {
  code: string;
  name: string;
  tier: NodeTier;
  from_vertex: string | null;
  distance_m: number | null;
}

/**
 * Ties hubs, stations and villages to the road graph: each node's nearest road (PostGIS KNN on the
 * GiST index, then the geodesic distance) and whether that road is in the hub's part of the graph
 * (weakly connected, one-way restrictions ignored). Without a hub, the largest part counts as the hub's.
 */
@Injectable()
export class NetworkSnappingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(countyId: string, thresholdM = DEFAULT_SNAP_THRESHOLD_M, manager: EntityManager = this.dataSource.manager): Promise<SnappingReport> {
    const nearest: NearestRoadRow[] = await manager.query(
      `SELECT n.code, n.name, n.tier, road.from_vertex,
              ST_Distance(n.location::geography, road.geometry::geography) AS distance_m
         FROM network_node n
         LEFT JOIN LATERAL (
           SELECT r.from_vertex, r.geometry FROM road_segment r
            WHERE r.county_id = n.county_id ORDER BY r.geometry <-> n.location LIMIT 1
         ) road ON true
        WHERE n.county_id = $1
        ORDER BY n.tier, n.code`,
      [countyId],
    );
    const edges: Array<{ fromVertex: string; toVertex: string }> = await manager.query(
      'SELECT from_vertex AS "fromVertex", to_vertex AS "toVertex" FROM road_segment WHERE county_id = $1',
      [countyId],
    );
    const { componentOf } = weakComponents(edges);
    const hub = nearest.find((row) => row.tier === 'county_hub' && row.from_vertex !== null);
    const hubComponent = hub ? componentOf.get(hub.from_vertex!)! : 0;
    // A county without roads has nothing to snap to: its matrices are great-circle estimates.
    if (edges.length === 0) return { thresholdM, snappedNodes: 0, unsnappedNodes: [] };
    const unsnappedNodes: UnsnappedNode[] = [];
    for (const row of nearest) {
      const distanceM = Math.round(row.distance_m!);
      const reason: UnsnappedNode['reason'] | null = distanceM > thresholdM ? 'too_far' : componentOf.get(row.from_vertex!) !== hubComponent ? 'not_connected_to_hub' : null;
      if (reason) unsnappedNodes.push({ code: row.code, name: row.name, tier: row.tier, distanceM, reason });
    }
    return { thresholdM, snappedNodes: nearest.length - unsnappedNodes.length, unsnappedNodes };
  }
}
