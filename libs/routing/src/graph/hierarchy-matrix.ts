import { ContractionHierarchy } from './contraction-hierarchy';
import { CoreSearch } from './hierarchy-core-search';
import { IndexedMinHeap } from './indexed-min-heap';
import { SEARCH_KEY_DISTANCE_SPAN } from './profile-weights';
import { UNREACHABLE } from './shortest-path-search';

/**
 * Many-to-many matrices on a contraction hierarchy, PHAST-style and restricted to the targets
 * (RPHAST): the downward sweep only visits vertices from which some target can be reached going
 * down the hierarchy, chosen once per target set. Each row is one upward Dijkstra over a few hundred
 * vertices plus one linear pass over that restricted set.
 */
/** Rows swept together; 8 keys are one 64-byte cache line per vertex. */
const SWEEP_BATCH = 8;

export class HierarchyMatrixSearch {
  private readonly upKey: Float64Array;
  private readonly upStamp: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private stamp = 0;
  private readonly heap: IndexedMinHeap;
  private readonly core: CoreSearch;

  constructor(private readonly hierarchy: ContractionHierarchy) {
    const n = hierarchy.vertexCount;
    this.core = new CoreSearch(hierarchy);
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
    for (let row = 0; row < sources.length; row++) {
      if (!(sources[row] >= 0 && sources[row] < n)) throw new RangeError(`source vertex ${sources[row]} is not in the graph`);
    }
    const sweep = restrictSweep(this.hierarchy, targets);
    const localOfVertex = sweep.localOfVertex;
    // Keys of SWEEP_BATCH rows interleaved per vertex: one pass over the arcs serves the whole batch.
    const localKey = new Float64Array(sweep.size * SWEEP_BATCH);
    const targetLocal = Int32Array.from({ length: targets.length }, (_, i) => localOfVertex[targets[i]]);
    const core = this.core;
    const coreLocal = Int32Array.from(core.vertexOf, (vertex) => localOfVertex[vertex]);
    for (let firstRow = 0; firstRow < sources.length; firstRow += SWEEP_BATCH) {
      const batchRows = Math.min(SWEEP_BATCH, sources.length - firstRow);
      localKey.fill(Infinity);
      for (let lane = 0; lane < batchRows; lane++) {
        this.searchUpward(sources[firstRow + lane]);
        for (let i = 0; i < this.touchedCount; i++) {
          const vertex = this.touched[i];
          const local = localOfVertex[vertex];
          if (local >= 0) localKey[local * SWEEP_BATCH + lane] = this.upKey[vertex];
        }
        for (let index = 0; index < core.size; index++) {
          const local = coreLocal[index];
          if (local >= 0 && core.key[index] !== Infinity) localKey[local * SWEEP_BATCH + lane] = core.key[index];
        }
      }
      sweepDown(sweep, localKey);
      for (let lane = 0; lane < batchRows; lane++) {
        const offset = (firstRow + lane) * targets.length;
        for (let i = 0; i < targets.length; i++) {
          const key = localKey[targetLocal[i] * SWEEP_BATCH + lane];
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
  }

  /**
   * Full Dijkstra over upward arcs: below the core into `touched[0..touchedCount)` (upward arcs never
   * leave the core, so those keys are final first), then the whole core in `core.key`.
   */
  private searchUpward(source: number): void {
    const { upOffset, upHead, upKey: arcKey } = this.hierarchy;
    const heap = this.heap;
    const key = this.upKey;
    const stamp = this.upStamp;
    const core = this.core;
    const coreIndexOf = core.indexOf;
    heap.resetVertices(this.touched, this.touchedCount);
    this.touchedCount = 0;
    core.reset();
    if (coreIndexOf[source] >= 0) {
      core.offer(coreIndexOf[source], 0);
      core.run();
      return;
    }
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
        if (coreIndexOf[head] >= 0) {
          core.offer(coreIndexOf[head], candidate);
          continue;
        }
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
    core.run();
  }
}

interface RestrictedSweep {
  size: number;
  /** Local index of each vertex in the sweep, or -1 when no target lies below it. */
  localOfVertex: Int32Array;
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
  const localOfVertex = new Int32Array(n);
  for (let vertex = 0; vertex < n; vertex++) localOfVertex[vertex] = localOfPosition[n - 1 - rank[vertex]];
  return { size, localOfVertex, offset, tail, key };
}

/**
 * One pass in sweep order over SWEEP_BATCH interleaved rows: each vertex takes, per row, the best of
 * its upward-search key and its higher neighbours' keys plus the arc.
 */
function sweepDown(sweep: RestrictedSweep, localKey: Float64Array): void {
  const { offset, tail, key } = sweep;
  const size = sweep.size;
  for (let local = 0; local < size; local++) {
    const base = local * SWEEP_BATCH;
    const arcEnd = offset[local + 1];
    for (let arc = offset[local]; arc < arcEnd; arc++) {
      const from = tail[arc] * SWEEP_BATCH;
      const arcKey = key[arc];
      for (let lane = 0; lane < SWEEP_BATCH; lane++) {
        const candidate = localKey[from + lane] + arcKey;
        if (candidate < localKey[base + lane]) localKey[base + lane] = candidate;
      }
    }
  }
}
