import { ContractionHierarchy } from './contraction-hierarchy';
import { IndexedMinHeap } from './indexed-min-heap';
import { SEARCH_KEY_DISTANCE_SPAN } from './profile-weights';
import { UNREACHABLE } from './shortest-path-search';

/**
 * Many-to-many matrices on a contraction hierarchy, PHAST-style and restricted to the targets
 * (RPHAST): the downward sweep only visits vertices from which some target can be reached going
 * down the hierarchy, chosen once per target set. Each row is one upward Dijkstra over a few hundred
 * vertices plus one linear pass over that restricted set.
 */
export class HierarchyMatrixSearch {
  private readonly upKey: Float64Array;
  private readonly upStamp: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private stamp = 0;
  private readonly heap: IndexedMinHeap;

  constructor(private readonly hierarchy: ContractionHierarchy) {
    const n = hierarchy.vertexCount;
    this.upKey = new Float64Array(n);
    this.upStamp = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  fillRows(sources: ArrayLike<number>, targets: ArrayLike<number>, durationS: Int32Array, distanceM: Int32Array): void {
    const n = this.hierarchy.vertexCount;
    for (let i = 0; i < targets.length; i++) {
      if (!(targets[i] >= 0 && targets[i] < n)) throw new RangeError(`target vertex ${targets[i]} is not in the graph`);
    }
    const sweep = restrictSweep(this.hierarchy, targets);
    const localKey = new Float64Array(sweep.size);
    const targetLocal = Int32Array.from({ length: targets.length }, (_, i) => sweep.localOfVertex(targets[i]));
    for (let row = 0; row < sources.length; row++) {
      const source = sources[row];
      if (!(source >= 0 && source < n)) throw new RangeError(`source vertex ${source} is not in the graph`);
      this.searchUpward(source);
      localKey.fill(Infinity);
      for (let i = 0; i < this.touchedCount; i++) {
        const vertex = this.touched[i];
        const local = sweep.localOfVertex(vertex);
        if (local >= 0) localKey[local] = this.upKey[vertex];
      }
      sweepDown(sweep, localKey);
      const offset = row * targets.length;
      for (let i = 0; i < targets.length; i++) {
        const key = localKey[targetLocal[i]];
        if (key === Infinity) {
          durationS[offset + i] = UNREACHABLE;
          distanceM[offset + i] = UNREACHABLE;
        } else {
          const seconds = Math.floor(key / SEARCH_KEY_DISTANCE_SPAN);
          durationS[offset + i] = seconds;
          distanceM[offset + i] = key - seconds * SEARCH_KEY_DISTANCE_SPAN;
        }
      }
    }
  }

  /** Full Dijkstra over upward arcs; `touched[0..touchedCount)` lists every vertex reached. */
  private searchUpward(source: number): void {
    const { upOffset, upHead, upKey: arcKey } = this.hierarchy;
    const heap = this.heap;
    const key = this.upKey;
    const stamp = this.upStamp;
    heap.resetVertices(this.touched, this.touchedCount);
    this.touchedCount = 0;
    const current = ++this.stamp;
    stamp[source] = current;
    key[source] = 0;
    this.touched[this.touchedCount++] = source;
    heap.pushOrDecrease(source, 0);
    while (heap.size > 0) {
      const vertex = heap.pop();
      const vertexKey = key[vertex];
      for (let arc = upOffset[vertex]; arc < upOffset[vertex + 1]; arc++) {
        const head = upHead[arc];
        const candidate = vertexKey + arcKey[arc];
        if (stamp[head] !== current) {
          stamp[head] = current;
          this.touched[this.touchedCount++] = head;
        } else if (candidate >= key[head]) {
          continue;
        }
        key[head] = candidate;
        heap.pushOrDecrease(head, candidate);
      }
    }
  }
}

interface RestrictedSweep {
  size: number;
  /** Local index of a vertex in the sweep, or -1 when no target lies below it. */
  localOfVertex(vertex: number): number;
  /** Incoming downward arcs per local index (tails are smaller local indices). */
  offset: Int32Array;
  tail: Int32Array;
  key: Float64Array;
}

/** Vertices from which a target is reachable by downward arcs, in sweep order, with their arcs. */
function restrictSweep(hierarchy: ContractionHierarchy, targets: ArrayLike<number>): RestrictedSweep {
  const n = hierarchy.vertexCount;
  const { downOffset, downTailPosition, downKey, rank } = hierarchy;
  const selected = new Uint8Array(n);
  for (let i = 0; i < targets.length; i++) selected[n - 1 - rank[targets[i]]] = 1;
  // Tails have smaller positions than heads, so one pass from the last position upwards closes the set.
  for (let position = n - 1; position >= 0; position--) {
    if (!selected[position]) continue;
    for (let arc = downOffset[position]; arc < downOffset[position + 1]; arc++) selected[downTailPosition[arc]] = 1;
  }
  const localOfPosition = new Int32Array(n).fill(-1);
  let size = 0;
  let arcCount = 0;
  for (let position = 0; position < n; position++) {
    if (!selected[position]) continue;
    localOfPosition[position] = size++;
    arcCount += downOffset[position + 1] - downOffset[position];
  }
  const offset = new Int32Array(size + 1);
  const tail = new Int32Array(arcCount);
  const key = new Float64Array(arcCount);
  let local = 0;
  let next = 0;
  for (let position = 0; position < n; position++) {
    if (!selected[position]) continue;
    for (let arc = downOffset[position]; arc < downOffset[position + 1]; arc++) {
      tail[next] = localOfPosition[downTailPosition[arc]];
      key[next++] = downKey[arc];
    }
    offset[++local] = next;
  }
  return { size, localOfVertex: (vertex) => localOfPosition[n - 1 - rank[vertex]], offset, tail, key };
}

/** One pass in sweep order: each vertex takes the best of its upward-search key and its higher neighbours. */
function sweepDown(sweep: RestrictedSweep, localKey: Float64Array): void {
  const { offset, tail, key } = sweep;
  for (let local = 0; local < sweep.size; local++) {
    let best = localKey[local];
    for (let arc = offset[local]; arc < offset[local + 1]; arc++) {
      const candidate = localKey[tail[arc]] + key[arc];
      if (candidate < best) best = candidate;
    }
    localKey[local] = best;
  }
}
