import { EntityManager } from 'typeorm';
import { buildRoadGraph, isClosedAt, RoadEdgeInput, RoadGraph } from '@rural-dispatch/routing';
import { ROAD_TRAVEL_COLUMNS, roadTravelAttributes, RoadTravelRow } from '../road-travel-columns';

/** A county's road segments as graph input, loaded once per network version; closures are applied per request. */
export interface StoredRoadNetwork {
  vertexIds: string[];
  lon: Float64Array;
  lat: Float64Array;
  edges: RoadEdgeInput[];
  /** Closure periods per edge (same index), in epoch milliseconds. */
  closuresMs: Array<Array<{ startMs: number; endMs: number }>>;
}

interface RoadRow extends RoadTravelRow {
  from_vertex: string;
  to_vertex: string;
  from_lon: number;
  from_lat: number;
  to_lon: number;
  to_lat: number;
  closures: Array<{ start: string; end: string }>;
}

/** Vertices are the segments' `from`/`to` ids, placed at the first/last position of the geometry. */
export async function loadStoredRoadNetwork(manager: EntityManager, countyId: string): Promise<StoredRoadNetwork> {
  const rows: RoadRow[] = await manager.query(
    `SELECT from_vertex, to_vertex,
            ST_X(ST_StartPoint(geometry)) AS from_lon, ST_Y(ST_StartPoint(geometry)) AS from_lat,
            ST_X(ST_EndPoint(geometry)) AS to_lon, ST_Y(ST_EndPoint(geometry)) AS to_lat,
            ${ROAD_TRAVEL_COLUMNS}, closures
       FROM road_segment WHERE county_id = $1 ORDER BY external_id`,
    [countyId],
  );
  const indexOf = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const vertex = (id: string, vertexLon: number, vertexLat: number): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = lon.length;
      indexOf.set(id, index);
      lon.push(vertexLon);
      lat.push(vertexLat);
    }
    return index;
  };
  const edges = rows.map((row): RoadEdgeInput => ({
    from: vertex(row.from_vertex, row.from_lon, row.from_lat),
    to: vertex(row.to_vertex, row.to_lon, row.to_lat),
    ...roadTravelAttributes(row),
  }));
  const closuresMs = rows.map((row) => row.closures.map((closure) => ({ startMs: Date.parse(closure.start), endMs: Date.parse(closure.end) })));
  return { vertexIds: [...indexOf.keys()], lon: Float64Array.from(lon), lat: Float64Array.from(lat), edges, closuresMs };
}

/** Indices of the edges closed at `atMs`; part of every cache key, since they change the graph. */
export function closedEdgesAt(network: StoredRoadNetwork, atMs: number): number[] {
  const closed: number[] = [];
  network.closuresMs.forEach((closures, index) => {
    if (closures.length > 0 && isClosedAt(closures, atMs)) closed.push(index);
  });
  return closed;
}

export function buildGraphWithClosures(network: StoredRoadNetwork, closedEdges: readonly number[]): RoadGraph {
  const closed = new Set(closedEdges);
  return buildRoadGraph({
    vertices: { lon: network.lon, lat: network.lat },
    edges: closed.size === 0 ? network.edges : network.edges.map((edge, index) => (closed.has(index) ? { ...edge, closed: true } : edge)),
  });
}
