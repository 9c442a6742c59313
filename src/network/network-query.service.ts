import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { notFound } from '../infra/errors/domain-error';
import { NetworkNode, NodeTier } from './network-node.entity';
import { PLACE_NAME_SUFFIX_PATTERN, stripPlaceNameSuffix } from './place-names';
import { rowVersionsSql } from '../infra/database/row-versions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NodeListFilter {
  tier?: NodeTier;
  parentId?: string;
  parentCode?: string;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  /** Opaque cursor from a previous page (the last code returned). */
  cursor?: string;
}

export interface NodePage {
  items: NetworkNode[];
  nextCursor: string | null;
}

export interface VillageRef {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface NearestVillage {
  id: string;
  code: string;
  name: string;
  distanceM: number;
}

export interface VillageNameMatch {
  id: string;
  code: string;
  name: string;
  townshipName: string | null;
}

/**
 * Read-only questions other modules (shipments, planning, the CLI) ask about a county's network.
 * They go through this service, never through the network tables.
 */
/** SQL: the row versions of the nodes in the uuid[] expression `ids`, for a cached view of them to be checked against (rowVersionsSql). */
export function nodeVersionsSql(ids: string): string {
  return rowVersionsSql('network_node', 'id', ids);
}

@Injectable()
export class NetworkQueryService {
  constructor(@InjectRepository(NetworkNode) private readonly nodes: Repository<NetworkNode>) {}

  async getNode(countyId: string, id: string): Promise<NetworkNode> {
    // Callers in other modules may pass anything; a non-UUID would be a PostgreSQL syntax error, not a 404.
    const node = UUID.test(id) ? await this.nodes.findOne({ where: { countyId, id } }) : null;
    if (!node) throw notFound('network node', id);
    return node;
  }

  /** Several nodes in one query (in no particular order); 404 names the first id the county does not have. */
  async getNodes(countyId: string, ids: string[]): Promise<NetworkNode[]> {
    const wanted = [...new Set(ids)];
    const invalid = wanted.find((id) => !UUID.test(id));
    if (invalid !== undefined) throw notFound('network node', invalid);
    const nodes = wanted.length === 0 ? [] : await this.nodes.find({ where: { countyId, id: In(wanted) } });
    if (nodes.length < wanted.length) {
      const found = new Set(nodes.map((node) => node.id));
      throw notFound(
        'network node',
        wanted.find((id) => !found.has(id))!,
      );
    }
    return nodes;
  }

  findNodeByCode(countyId: string, code: string): Promise<NetworkNode | null> {
    return this.nodes.findOne({ where: { countyId, code } });
  }

  /** Nodes ordered by code; pages continue after the cursor's code. */
  async listNodes(countyId: string, filter: NodeListFilter = {}): Promise<NodePage> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const query = this.nodes.createQueryBuilder('node').where('node.countyId = :countyId', { countyId });
    if (filter.tier) query.andWhere('node.tier = :tier', { tier: filter.tier });
    if (filter.parentId) query.andWhere('node.parentId = :parentId', { parentId: filter.parentId });
    if (filter.parentCode) {
      query.andWhere('node.parentId IN (SELECT p.id FROM network_node p WHERE p.county_id = :countyId AND p.code = :parentCode)', {
        parentCode: filter.parentCode,
      });
    }
    if (filter.cursor) query.andWhere('node.code > :cursor', { cursor: filter.cursor });
    const rows = await query
      .orderBy('node.code', 'ASC')
      .take(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.code : null };
  }

  async findVillageByAdminCode(countyId: string, adminCode12: string): Promise<VillageRef | null> {
    const node = await this.nodes.findOne({
      where: { countyId, adminCode: adminCode12, tier: 'village_point' },
      select: { id: true, code: true, name: true, parentId: true },
    });
    return node ? { id: node.id, code: node.code, name: node.name, parentId: node.parentId } : null;
  }

  /** Nearest village points by PostGIS KNN on the GiST index, with the true geodesic distance. */
  async nearestVillages(countyId: string, lon: number, lat: number, limit: number, maxDistanceM?: number): Promise<NearestVillage[]> {
    const rows: Array<{ id: string; code: string; name: string; distance_m: number }> = await this.nodes.query(
      `SELECT id, code, name, distance_m FROM (
         SELECT id, code, name,
                ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS distance_m
           FROM network_node
          WHERE county_id = $1 AND tier = 'village_point'
          ORDER BY location <-> ST_SetSRID(ST_MakePoint($2, $3), 4326)
          LIMIT $4
       ) nearest
       WHERE $5::double precision IS NULL OR distance_m <= $5
       ORDER BY distance_m`,
      // KNN on degrees is not geodesic order; take a few extra candidates and re-sort by metres.
      [countyId, lon, lat, Math.max(limit * 4, limit + 8), maxDistanceM ?? null],
    );
    return rows.slice(0, limit).map((row) => ({ id: row.id, code: row.code, name: row.name, distanceM: Math.round(row.distance_m) }));
  }

  async nearestVillagePoint(countyId: string, lon: number, lat: number, maxDistanceM: number): Promise<NearestVillage | null> {
    const [nearest] = await this.nearestVillages(countyId, lon, lat, 1, maxDistanceM);
    return nearest ?? null;
  }

  /** Villages whose name matches with or without a unit suffix (村, 村委会, 社区 …), optionally within a township. */
  async findVillagesByName(countyId: string, names: { township?: string; village: string }): Promise<VillageNameMatch[]> {
    const village = stripPlaceNameSuffix(names.village);
    const township = names.township ? stripPlaceNameSuffix(names.township) : null;
    if (!village) return [];
    const rows: Array<{ id: string; code: string; name: string; township_name: string | null }> = await this.nodes.query(
      `SELECT v.id, v.code, v.name, t.name AS township_name
         FROM network_node v
         LEFT JOIN network_node t ON t.id = v.parent_id
        WHERE v.county_id = $1 AND v.tier = 'village_point'
          AND regexp_replace(v.name, $2, '') = $3
          AND ($4::text IS NULL OR regexp_replace(t.name, $2, '') = $4)
        ORDER BY v.code`,
      [countyId, PLACE_NAME_SUFFIX_PATTERN, village, township],
    );
    return rows.map((row) => ({ id: row.id, code: row.code, name: row.name, townshipName: row.township_name }));
  }
}
