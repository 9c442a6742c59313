import { IndexedMinHeap, SETTLED } from './indexed-min-heap';
import { ProfileWeights, SEARCH_KEY_DISTANCE_SPAN } from './profile-weights';
import { RoadGraph } from './road-graph';

/** Marks "no path" in every duration and distance this module returns. Never a large number. */
export const UNREACHABLE = -1;

/** Result of a one-to-many search: one entry per target, UNREACHABLE where there is no path. */
export interface OneToManyResult {
  durationS: Int32Array;
  distanceM: Int32Array;
}

/**
 * Dijkstra on a RoadGraph minimising (duration, distance). One instance owns the work arrays for
 * its graph and is reused for every source, so a search allocates nothing. Not thread-safe: use one
 * instance per thread.
 */
export class ShortestPathSearch {
  private readonly keyOf: Float64Array;
  private readonly heap: IndexedMinHeap;
  private readonly targetFlag: Uint8Array;

  constructor(private readonly graph: RoadGraph) {
    this.keyOf = new Float64Array(graph.vertexCount);
    this.heap = new IndexedMinHeap(graph.vertexCount);
    this.targetFlag = new Uint8Array(graph.vertexCount);
  }

  /** Shortest (fastest) paths from `source` to each of `targets`; stops once all targets are settled. */
  oneToMany(weights: ProfileWeights, source: number, targets: ArrayLike<number>): OneToManyResult {
    const result: OneToManyResult = {
      durationS: new Int32Array(targets.length),
      distanceM: new Int32Array(targets.length),
    };
    const distinctTargets = this.markTargets(targets);
    this.run(weights, source, distinctTargets);
    this.readTargets(targets, result.durationS, result.distanceM, 0);
    this.unmarkTargets(targets);
    return result;
  }

  /**
   * Fills rows of a row-major matrix: row `r` holds paths from `sources[r]` to every target. Used by
   * computeMatrix; `firstRow`/`endRow` let callers split the rows across threads.
   */
  fillRows(
    weights: ProfileWeights,
    sources: ArrayLike<number>,
    targets: ArrayLike<number>,
    durationS: Int32Array,
    distanceM: Int32Array,
    firstRow = 0,
    endRow = sources.length,
  ): void {
    const distinctTargets = this.markTargets(targets);
    for (let row = firstRow; row < endRow; row++) {
      this.run(weights, sources[row], distinctTargets);
      this.readTargets(targets, durationS, distanceM, row * targets.length);
    }
    this.unmarkTargets(targets);
  }

  private markTargets(targets: ArrayLike<number>): number {
    let distinct = 0;
    for (let i = 0; i < targets.length; i++) {
      const vertex = targets[i];
      if (!(vertex >= 0 && vertex < this.graph.vertexCount)) throw new RangeError(`target vertex ${vertex} is not in the graph`);
      if (this.targetFlag[vertex] === 0) distinct++;
      this.targetFlag[vertex] = 1;
    }
    return distinct;
  }

  private unmarkTargets(targets: ArrayLike<number>): void {
    for (let i = 0; i < targets.length; i++) this.targetFlag[targets[i]] = 0;
  }

  private readTargets(targets: ArrayLike<number>, durationS: Int32Array, distanceM: Int32Array, offset: number): void {
    const positionOf = this.heap.positionOf;
    for (let i = 0; i < targets.length; i++) {
      const vertex = targets[i];
      if (positionOf[vertex] !== SETTLED) {
        durationS[offset + i] = UNREACHABLE;
        distanceM[offset + i] = UNREACHABLE;
        continue;
      }
      const key = this.keyOf[vertex];
      const seconds = Math.floor(key / SEARCH_KEY_DISTANCE_SPAN);
      durationS[offset + i] = seconds;
      distanceM[offset + i] = key - seconds * SEARCH_KEY_DISTANCE_SPAN;
    }
  }

  /** Dijkstra from `source` until `distinctTargets` flagged vertices are settled or the heap is empty. */
  private run(weights: ProfileWeights, source: number, distinctTargets: number): void {
    if (!(source >= 0 && source < this.graph.vertexCount)) throw new RangeError(`source vertex ${source} is not in the graph`);
    const { arcOffset, arcHead } = this.graph;
    const arcKey = weights.searchKey;
    const keyOf = this.keyOf;
    const targetFlag = this.targetFlag;
    const heap = this.heap;
    heap.reset();
    keyOf.fill(Infinity);

    let targetsLeft = distinctTargets;
    keyOf[source] = 0;
    heap.pushOrDecrease(source, 0);
    while (heap.size > 0) {
      const vertex = heap.pop();
      if (targetFlag[vertex] === 1 && --targetsLeft === 0) return;
      const vertexKey = keyOf[vertex];
      const arcEnd = arcOffset[vertex + 1];
      for (let arc = arcOffset[vertex]; arc < arcEnd; arc++) {
        const head = arcHead[arc];
        const candidate = vertexKey + arcKey[arc];
        // SETTLED heads already hold a key <= candidate, so the comparison alone rejects them.
        if (candidate < keyOf[head]) {
          keyOf[head] = candidate;
          heap.pushOrDecrease(head, candidate);
        }
      }
    }
  }
}
