import { haversineM } from '@rural-dispatch/routing';
import type { DrivableWay } from './osm-pbf-reader';
import type { OsmNodeStore } from './osm-node-store';
import type { DrivableWayAttributes } from './osm-way-tags';

/** One edge of the road graph: a piece of an OSM way between two junctions (or ends). */
export interface OsmEdge {
  /** Stable across imports of newer extracts: the way id and the piece's index along the way. */
  id: string;
  wayId: number;
  fromVertex: string;
  toVertex: string;
  /** [lon, lat], drawn from `fromVertex` to `toVertex`, no repeated consecutive positions. */
  coordinates: Array<[number, number]>;
  lengthM: number;
  attributes: DrivableWayAttributes;
}

/** Ids in the road table: OSM-derived edges are recognisable by their prefix (a re-import replaces them). */
export const OSM_EDGE_ID_PREFIX = 'osm-w';
export const osmEdgeId = (wayId: number, index: number) => `${OSM_EDGE_ID_PREFIX}${wayId}-${index}`;
export const osmVertexId = (nodeId: number) => `osm-n${nodeId}`;

/**
 * Splits drivable ways at junctions: a node that two ways share (or one way passes twice) ends an edge
 * and starts the next, so the graph's vertices are exactly the junctions and dead ends. A way that
 * leaves the extract (its nodes are missing) is cut there. `oneway=-1` ways are turned around so that
 * every one-way edge runs from `fromVertex` to `toVertex`.
 */
export function splitWaysAtJunctions(ways: readonly DrivableWay[], nodes: OsmNodeStore): OsmEdge[] {
  const runs = ways.map((way) => presentRuns(way, nodes));
  const uses = new Map<number, number>();
  for (const wayRuns of runs) {
    for (const run of wayRuns) for (const nodeId of run) uses.set(nodeId, (uses.get(nodeId) ?? 0) + 1);
  }
  const edges: OsmEdge[] = [];
  ways.forEach((way, wayIndex) => {
    let pieceIndex = 0;
    for (const run of runs[wayIndex]!) {
      let start = 0;
      for (let at = 1; at < run.length; at++) {
        if (at < run.length - 1 && uses.get(run[at]!)! < 2) continue;
        const edge = edgeOf(way, run.slice(start, at + 1), nodes, pieceIndex);
        pieceIndex++;
        if (edge) edges.push(edge);
        start = at;
      }
    }
  });
  return edges;
}

/** The way's node ids split into runs of nodes the extract holds. */
function presentRuns(way: DrivableWay, nodes: OsmNodeStore): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const nodeId of way.nodeIds) {
    if (nodes.position(nodeId)) {
      run.push(nodeId);
      continue;
    }
    if (run.length >= 2) runs.push(run);
    run = [];
  }
  if (run.length >= 2) runs.push(run);
  return runs;
}

function edgeOf(way: DrivableWay, nodeIds: number[], nodes: OsmNodeStore, pieceIndex: number): OsmEdge | null {
  const coordinates: Array<[number, number]> = [];
  let lengthM = 0;
  for (const nodeId of nodeIds) {
    const position = nodes.position(nodeId)!;
    const last = coordinates[coordinates.length - 1];
    if (last && last[0] === position[0] && last[1] === position[1]) continue;
    if (last) lengthM += haversineM(last[0], last[1], position[0], position[1]);
    coordinates.push(position);
  }
  if (coordinates.length < 2 || lengthM <= 0) return null;
  const backward = way.attributes.direction === 'backward';
  const first = nodeIds[0]!;
  const last = nodeIds[nodeIds.length - 1]!;
  return {
    id: osmEdgeId(way.id, pieceIndex),
    wayId: way.id,
    fromVertex: osmVertexId(backward ? last : first),
    toVertex: osmVertexId(backward ? first : last),
    coordinates: backward ? coordinates.reverse() : coordinates,
    lengthM,
    attributes: way.attributes,
  };
}
