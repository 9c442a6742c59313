import { ProfileWeights } from './profile-weights';
import { RoadGraph } from './road-graph';
import { ShortestPathSearch, UNREACHABLE } from './shortest-path-search';

/** A pair of matrix indices with no path between them (both matrix entries hold UNREACHABLE). */
export interface UnreachablePair {
  sourceIndex: number;
  targetIndex: number;
}

/**
 * Row-major `sourceCount × targetCount` matrices in whole metres and seconds. An entry is UNREACHABLE
 * (-1) exactly when its pair is listed in `unreachable`, so a solver can refuse it instead of
 * mistaking a huge number for a feasible leg.
 */
export interface RoadMatrix {
  sourceCount: number;
  targetCount: number;
  distanceM: Int32Array;
  durationS: Int32Array;
  unreachable: UnreachablePair[];
}

/** Many-to-many fastest paths: one early-stopping Dijkstra per source vertex. */
export function computeMatrix(
  graph: RoadGraph,
  weights: ProfileWeights,
  sourceVertices: ArrayLike<number>,
  targetVertices: ArrayLike<number>,
  search: ShortestPathSearch = new ShortestPathSearch(graph),
): RoadMatrix {
  const sourceCount = sourceVertices.length;
  const targetCount = targetVertices.length;
  const durationS = new Int32Array(sourceCount * targetCount);
  const distanceM = new Int32Array(sourceCount * targetCount);
  search.fillRows(weights, sourceVertices, targetVertices, durationS, distanceM);
  return { sourceCount, targetCount, distanceM, durationS, unreachable: listUnreachable(durationS, targetCount) };
}

export function listUnreachable(durationS: Int32Array, targetCount: number): UnreachablePair[] {
  const pairs: UnreachablePair[] = [];
  for (let entry = 0; entry < durationS.length; entry++) {
    if (durationS[entry] === UNREACHABLE) {
      pairs.push({ sourceIndex: Math.floor(entry / targetCount), targetIndex: entry % targetCount });
    }
  }
  return pairs;
}
