/**
 * A binary min-heap of vertex ids keyed by float64, over preallocated typed arrays, with decrease-key.
 * `positionOf[v]` is the slot of `v` in the heap, NOT_IN_HEAP, or SETTLED once popped; the search uses
 * the same array as its visited state, so a relaxation touches one array and allocates nothing.
 */
export const NOT_IN_HEAP = -1;
export const SETTLED = -2;

export class IndexedMinHeap {
  readonly positionOf: Int32Array;
  private readonly slotVertex: Int32Array;
  private readonly slotKey: Float64Array;
  private length = 0;

  constructor(capacity: number) {
    this.positionOf = new Int32Array(capacity).fill(NOT_IN_HEAP);
    this.slotVertex = new Int32Array(capacity);
    this.slotKey = new Float64Array(capacity);
  }

  get size(): number {
    return this.length;
  }

  /** Empties the heap and marks every vertex NOT_IN_HEAP. */
  reset(): void {
    this.length = 0;
    this.positionOf.fill(NOT_IN_HEAP);
  }

  /** Empties the heap, resetting only `vertices[0..count)`: cheaper than reset() after a small search. */
  resetVertices(vertices: Int32Array, count: number): void {
    this.length = 0;
    for (let i = 0; i < count; i++) this.positionOf[vertices[i]] = NOT_IN_HEAP;
  }

  /** Inserts `vertex` (which must be NOT_IN_HEAP) or lowers its key (which must not rise). */
  pushOrDecrease(vertex: number, key: number): void {
    let slot = this.positionOf[vertex];
    if (slot < 0) slot = this.length++;
    this.siftUp(slot, vertex, key);
  }

  /** Key of the minimum; only valid when size > 0. */
  peekKey(): number {
    return this.slotKey[0];
  }

  /** Removes and returns the vertex with the smallest key, marking it SETTLED. */
  pop(): number {
    const top = this.slotVertex[0];
    this.positionOf[top] = SETTLED;
    const last = --this.length;
    if (last > 0) this.siftDown(this.slotVertex[last], this.slotKey[last]);
    return top;
  }

  private siftUp(start: number, vertex: number, key: number): void {
    const slotVertex = this.slotVertex;
    const slotKey = this.slotKey;
    const positionOf = this.positionOf;
    let slot = start;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      const parentKey = slotKey[parent];
      if (parentKey <= key) break;
      const parentVertex = slotVertex[parent];
      slotVertex[slot] = parentVertex;
      slotKey[slot] = parentKey;
      positionOf[parentVertex] = slot;
      slot = parent;
    }
    slotVertex[slot] = vertex;
    slotKey[slot] = key;
    positionOf[vertex] = slot;
  }

  /** Places (vertex, key) starting from the root, the hole left by pop. */
  private siftDown(vertex: number, key: number): void {
    const slotVertex = this.slotVertex;
    const slotKey = this.slotKey;
    const positionOf = this.positionOf;
    const length = this.length;
    let slot = 0;
    for (;;) {
      let child = 2 * slot + 1;
      if (child >= length) break;
      let childKey = slotKey[child];
      const right = child + 1;
      if (right < length && slotKey[right] < childKey) {
        child = right;
        childKey = slotKey[right];
      }
      if (childKey >= key) break;
      const childVertex = slotVertex[child];
      slotVertex[slot] = childVertex;
      slotKey[slot] = childKey;
      positionOf[childVertex] = slot;
      slot = child;
    }
    slotVertex[slot] = vertex;
    slotKey[slot] = key;
    positionOf[vertex] = slot;
  }
}
