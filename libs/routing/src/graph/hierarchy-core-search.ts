import { ContractionHierarchy } from './contraction-hierarchy';
import { IndexedMinHeap } from './indexed-min-heap';

/**
 * Dijkstra over the uncontracted core of a hierarchy, relabelled to compact indices 0..size-1 so its
 * arrays stay small and cache-resident: every matrix row searches the whole core, so this loop is
 * the hot part of a row. The core is closed under its arcs (core vertices only have arcs to core
 * vertices), so the search can start once the upward search below the core has offered its keys.
 */
export class CoreSearch {
  readonly size: number;
  /** Vertex of each core index. */
  readonly vertexOf: Int32Array;
  /** Core index of each vertex, or -1 below the core. */
  readonly indexOf: Int32Array;
  /** Best key per core index after run(); Infinity where unreached. */
  readonly key: Float64Array;
  private readonly offset: Int32Array;
  private readonly head: Int32Array;
  private readonly arcKey: Float64Array;
  private readonly heap: IndexedMinHeap;

  constructor(hierarchy: ContractionHierarchy) {
    const { vertexCount, contractedCount, rank, upOffset, upHead, upKey } = hierarchy;
    this.size = vertexCount - contractedCount;
    this.vertexOf = new Int32Array(this.size);
    this.indexOf = new Int32Array(vertexCount).fill(-1);
    for (let v = 0; v < vertexCount; v++) {
      if (rank[v] < contractedCount) continue;
      this.indexOf[v] = rank[v] - contractedCount;
      this.vertexOf[rank[v] - contractedCount] = v;
    }
    this.offset = new Int32Array(this.size + 1);
    for (let c = 0; c < this.size; c++) {
      const v = this.vertexOf[c];
      this.offset[c + 1] = this.offset[c] + upOffset[v + 1] - upOffset[v];
    }
    this.head = new Int32Array(this.offset[this.size]);
    this.arcKey = new Float64Array(this.offset[this.size]);
    for (let c = 0; c < this.size; c++) {
      const v = this.vertexOf[c];
      for (let arc = upOffset[v], slot = this.offset[c]; arc < upOffset[v + 1]; arc++, slot++) {
        this.head[slot] = this.indexOf[upHead[arc]];
        this.arcKey[slot] = upKey[arc];
      }
    }
    this.key = new Float64Array(this.size);
    this.heap = new IndexedMinHeap(this.size);
  }

  /** Forgets the previous search. */
  reset(): void {
    this.key.fill(Infinity);
    this.heap.reset();
  }

  /** Lowers the start key of a core index (an arc from below the core, or the source itself). */
  offer(index: number, key: number): void {
    if (key >= this.key[index]) return;
    this.key[index] = key;
    this.heap.pushOrDecrease(index, key);
  }

  /** Settles the core from every offered key. */
  run(): void {
    const { offset, head, arcKey, key, heap } = this;
    while (heap.size > 0) {
      const index = heap.pop();
      const indexKey = key[index];
      const arcEnd = offset[index + 1];
      for (let arc = offset[index]; arc < arcEnd; arc++) {
        const to = head[arc];
        const candidate = indexKey + arcKey[arc];
        // Settled indices hold a key <= candidate, so the comparison alone rejects them.
        if (candidate < key[to]) {
          key[to] = candidate;
          heap.pushOrDecrease(to, candidate);
        }
      }
    }
  }
}
