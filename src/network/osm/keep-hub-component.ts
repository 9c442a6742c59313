import { haversineM } from '@rural-dispatch/routing';
import { weakComponents } from '../weak-components';
import type { OsmEdge } from './way-splitter';

export interface ComponentSelection {
  kept: OsmEdge[];
  /** Parts of the graph left out: how many, and their edges and length. */
  droppedParts: number;
  droppedEdges: number;
  droppedKm: number;
  /** Junctions and ends in the kept part. */
  keptVertices: number;
}

/**
 * Keeps the weakly connected part of the road graph that holds the hub (the part nearest to it), or
 * the largest part when the county has no hub yet. The other parts (a car park, a road whose link
 * was cut off by the extract's edge) could never be reached from the hub.
 */
export function keepHubComponent(edges: readonly OsmEdge[], hub: [number, number] | null): ComponentSelection {
  const { componentOf, vertexCounts } = weakComponents(edges);
  const keptComponent = hub ? componentNearest(edges, componentOf, hub) : 0;
  const kept = edges.filter((edge) => componentOf.get(edge.fromVertex) === keptComponent);
  const droppedM = edges.reduce((sum, edge) => sum + (componentOf.get(edge.fromVertex) === keptComponent ? 0 : edge.lengthM), 0);
  return {
    kept,
    droppedParts: vertexCounts.length - 1,
    droppedEdges: edges.length - kept.length,
    droppedKm: droppedM / 1000,
    keptVertices: vertexCounts[keptComponent] ?? 0,
  };
}

function componentNearest(edges: readonly OsmEdge[], componentOf: Map<string, number>, [lon, lat]: [number, number]): number {
  let best = Infinity;
  let component = 0;
  for (const edge of edges) {
    for (const [vertex, position] of [
      [edge.fromVertex, edge.coordinates[0]!],
      [edge.toVertex, edge.coordinates[edge.coordinates.length - 1]!],
    ] as const) {
      const distanceM = haversineM(lon, lat, position[0], position[1]);
      if (distanceM < best) {
        best = distanceM;
        component = componentOf.get(vertex)!;
      }
    }
  }
  return component;
}
