import { IndexedMinHeap } from './indexed-min-heap';
import { ProfileWeights } from './profile-weights';
import { RoadGraph } from './road-graph';

/**
 * A contraction hierarchy of one graph and vehicle class: vertices ranked by importance, with
 * shortcuts that keep every shortest path expressible as "up, then down". The matrix code uses it as
 * PHAST does: a small upward search from each source, then one linear sweep down the ranks, which
 * reads memory in order instead of popping a heap for every vertex.
 *
 * Weights are the packed (duration, distance) search keys, so the hierarchy minimises the same
 * lexicographic order as ShortestPathSearch and gives identical answers.
 */
export interface ContractionHierarchy {
  vertexCount: number;
  /** Vertices with rank >= contractedCount form the core, searched in every direction. */
  contractedCount: number;
  /** Contraction order: 0 was contracted first (least important). */
  rank: Int32Array;
  /** Arcs from each vertex to higher-ranked vertices, and between core vertices (original ids), CSR. */
  upOffset: Int32Array;
  upHead: Int32Array;
  upKey: Float64Array;
  /** Vertex at each sweep position; position p holds rank vertexCount - 1 - p (most important first). */
  sweepVertex: Int32Array;
  /** Arcs into each sweep position from higher-ranked vertices (smaller positions), CSR by head position. */
  downOffset: Int32Array;
  downTailPosition: Int32Array;
  downKey: Float64Array;
  shortcutCount: number;
}

/** Witness searches give up after settling this many vertices (then a shortcut is added to be safe). */
const WITNESS_SETTLE_LIMIT = 40;
/**
 * The first priorities only order the queue (every vertex is simulated again with the full limit when
 * it is popped, and contracted with that simulation's shortcuts), so a cheap estimate does. Vertices
 * settled by all witness searches on the 100k-edge grid, against shortcuts: limit 40: 9.6 M, 202.8 k;
 * 10: 8.0 M, 204.4 k; 5: 7.2 M, 206.3 k; 3: 6.8 M, 209.8 k; 1: 8.8 M, 285.0 k (order degrades).
 */
const INITIAL_SETTLE_LIMIT = 5;
/**
 * Share of vertices left uncontracted as the core. The last vertices are the densest: contracting
 * them costs more preprocessing than searching them costs per row, so queries search the core with
 * plain Dijkstra instead (a "core" contraction hierarchy). 5 % balanced the two on a 100k-edge grid.
 */
const CORE_SHARE = 0.05;
/** Measured on the 100k-edge grid: 5 cut preprocessing by about a quarter for 1 % more shortcuts. */
const LAZY_UPDATE_SLACK = 5;

/** Builds the hierarchy with lazy-updated priorities (edge difference plus contracted neighbours). */
export function buildContractionHierarchy(graph: RoadGraph, weights: ProfileWeights): ContractionHierarchy {
  const n = graph.vertexCount;
  const dynamic = new DynamicGraph(graph, weights);
  const witness = new WitnessSearch(n);
  const contractedNeighbours = new Int32Array(n);
  const rank = new Int32Array(n);
  const upLists: number[][] = new Array(n);
  const downInto: number[][] = Array.from({ length: n }, () => []); // (tail, key) pairs per head
  let shortcutCount = 0;

  // Simulating a contraction collects its shortcuts; the vertex that wins the lazy check is contracted
  // with exactly the shortcuts its last simulation found, so no search runs twice for it.
  const pending: number[] = [];
  const priorityOf = (v: number, settleLimit = WITNESS_SETTLE_LIMIT): number => {
    pending.length = 0;
    const added = dynamic.findShortcuts(v, witness, pending, settleLimit);
    return added - dynamic.degree(v) + contractedNeighbours[v];
  };
  const queue = new IndexedMinHeap(n);
  for (let v = 0; v < n; v++) queue.pushOrDecrease(v, priorityOf(v, INITIAL_SETTLE_LIMIT));

  const contractUntil = n - Math.ceil(n * CORE_SHARE);
  for (let next = 0; next < contractUntil; next++) {
    let v = queue.pop();
    for (;;) {
      // Lazy update: a stale priority is recomputed, and the vertex waits if it is clearly no longer
      // the minimum. The slack skips re-simulations that would barely change the order.
      const priority = priorityOf(v);
      if (queue.size === 0 || priority <= queue.peekKey() + LAZY_UPDATE_SLACK) break;
      queue.pushOrDecrease(v, priority);
      v = queue.pop();
    }
    for (let k = 0; k < pending.length; k += 3) dynamic.addArc(pending[k], pending[k + 1], pending[k + 2]);
    shortcutCount += pending.length / 3;
    rank[v] = next;
    // No copy: removing v edits its neighbours' lists, never its own, and no later arc touches v.
    upLists[v] = dynamic.out[v];
    downInto[v] = dynamic.in[v];
    for (let k = 0; k < upLists[v].length; k += 2) contractedNeighbours[upLists[v][k]]++;
    for (let k = 0; k < downInto[v].length; k += 2) contractedNeighbours[downInto[v][k]]++;
    dynamic.remove(v);
  }
  // Core vertices: every remaining arc goes into the upward graph (searched in any direction), none down.
  for (let next = contractUntil; next < n; next++) {
    const v = queue.pop();
    rank[v] = next;
    upLists[v] = dynamic.out[v];
  }
  return assemble(n, contractUntil, rank, upLists, downInto, shortcutCount);
}

function assemble(n: number, contractedCount: number, rank: Int32Array, upLists: number[][], downInto: number[][], shortcutCount: number): ContractionHierarchy {
  const upOffset = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) upOffset[v + 1] = upOffset[v] + upLists[v].length / 2;
  const upHead = new Int32Array(upOffset[n]);
  const upKey = new Float64Array(upOffset[n]);
  for (let v = 0; v < n; v++) {
    const list = upLists[v];
    for (let k = 0; k < list.length; k += 2) {
      upHead[upOffset[v] + k / 2] = list[k];
      upKey[upOffset[v] + k / 2] = list[k + 1];
    }
  }
  const sweepVertex = new Int32Array(n);
  for (let v = 0; v < n; v++) sweepVertex[n - 1 - rank[v]] = v;
  const downOffset = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) downOffset[p + 1] = downOffset[p] + downInto[sweepVertex[p]].length / 2;
  const downTailPosition = new Int32Array(downOffset[n]);
  const downKey = new Float64Array(downOffset[n]);
  for (let p = 0; p < n; p++) {
    const list = downInto[sweepVertex[p]];
    for (let k = 0; k < list.length; k += 2) {
      downTailPosition[downOffset[p] + k / 2] = n - 1 - rank[list[k]];
      downKey[downOffset[p] + k / 2] = list[k + 1];
    }
  }
  return { vertexCount: n, contractedCount, rank, upOffset, upHead, upKey, sweepVertex, downOffset, downTailPosition, downKey, shortcutCount };
}

/** The shrinking graph during contraction: per vertex, flat [neighbour, key, ...] lists, one arc per pair. */
class DynamicGraph {
  readonly out: number[][];
  readonly in: number[][];

  constructor(graph: RoadGraph, weights: ProfileWeights) {
    this.out = Array.from({ length: graph.vertexCount }, () => []);
    this.in = Array.from({ length: graph.vertexCount }, () => []);
    for (let v = 0; v < graph.vertexCount; v++) {
      for (let arc = graph.arcOffset[v]; arc < graph.arcOffset[v + 1]; arc++) {
        const key = weights.searchKey[arc];
        if (key !== Infinity) this.addArc(v, graph.arcHead[arc], key);
      }
    }
  }

  /** Adds from→to or lowers the key of the existing arc; self-loops never help. */
  addArc(from: number, to: number, key: number): void {
    if (from === to) return;
    if (lowerOrAppend(this.out[from], to, key)) lowerOrAppend(this.in[to], from, key);
  }

  /** Lists hold live arcs only (remove() prunes them), so the degree is their length. */
  degree(v: number): number {
    return (this.out[v].length + this.in[v].length) / 2;
  }

  /** Takes a contracted vertex out of its neighbours' lists, so searches never scan dead arcs. */
  remove(v: number): void {
    for (let k = 0; k < this.out[v].length; k += 2) dropNeighbour(this.in[this.out[v][k]], v);
    for (let k = 0; k < this.in[v].length; k += 2) dropNeighbour(this.out[this.in[v][k]], v);
  }

  /**
   * Finds the shortcuts contracting `v` needs (u→v→w with no witness path avoiding v), appends them
   * to `shortcuts` as (from, to, key) triples and returns how many. Nothing is changed yet, so every
   * witness search sees the graph as it is before the contraction.
   */
  findShortcuts(v: number, witness: WitnessSearch, shortcuts: number[], settleLimit: number): number {
    const incoming = this.in[v];
    const out = this.out[v];
    let maxOutKey = 0;
    for (let k = 1; k < out.length; k += 2) if (out[k] > maxOutKey) maxOutKey = out[k];
    witness.setTargets(out);
    let count = 0;
    for (let i = 0; i < incoming.length; i += 2) {
      const u = incoming[i];
      const viaKey = incoming[i + 1];
      witness.run(this.out, u, v, viaKey + maxOutKey, settleLimit);
      for (let k = 0; k < out.length; k += 2) {
        const w = out[k];
        if (w === u) continue;
        const candidate = viaKey + out[k + 1];
        if (witness.keyOf(w) > candidate) {
          count++;
          shortcuts.push(u, w, candidate);
        }
      }
    }
    return count;
  }
}

function dropNeighbour(list: number[], neighbour: number): void {
  for (let k = 0; k < list.length; k += 2) {
    if (list[k] !== neighbour) continue;
    list[k] = list[list.length - 2];
    list[k + 1] = list[list.length - 1];
    list.length -= 2;
    return;
  }
}

function lowerOrAppend(list: number[], neighbour: number, key: number): boolean {
  for (let k = 0; k < list.length; k += 2) {
    if (list[k] !== neighbour) continue;
    if (key >= list[k + 1]) return false;
    list[k + 1] = key;
    return true;
  }
  list.push(neighbour, key);
  return true;
}

/**
 * Bounded Dijkstra from one in-neighbour, avoiding the vertex being contracted; reset by stamps. It
 * stops at the key bound, the settle limit, or once every out-neighbour of that vertex is settled.
 */
class WitnessSearch {
  private readonly key: Float64Array;
  private readonly stamp: Int32Array;
  private readonly heap: IndexedMinHeap;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private currentStamp = 0;
  /** Out-neighbours of the vertex being contracted carry `targetRound`: once all are settled, stop. */
  private readonly targetStamp: Int32Array;
  private targetRound = 0;
  private targetCount = 0;

  constructor(vertexCount: number) {
    this.targetStamp = new Int32Array(vertexCount);
    this.touched = new Int32Array(vertexCount);
    this.key = new Float64Array(vertexCount);
    this.stamp = new Int32Array(vertexCount);
    this.heap = new IndexedMinHeap(vertexCount);
  }

  keyOf(v: number): number {
    return this.stamp[v] === this.currentStamp ? this.key[v] : Infinity;
  }

  /** Marks the heads of a flat [neighbour, key, ...] list as the targets of the next runs. */
  setTargets(list: number[]): void {
    const round = ++this.targetRound;
    this.targetCount = list.length / 2;
    for (let k = 0; k < list.length; k += 2) this.targetStamp[list[k]] = round;
  }

  run(out: number[][], source: number, avoid: number, maxKey: number, settleLimit: number): void {
    const heap = this.heap;
    const key = this.key;
    const stamp = this.stamp;
    const touched = this.touched;
    heap.resetVertices(touched, this.touchedCount);
    const current = ++this.currentStamp;
    let touchedCount = 0;
    stamp[source] = current;
    key[source] = 0;
    touched[touchedCount++] = source;
    heap.pushOrDecrease(source, 0);
    const targetStamp = this.targetStamp;
    const round = this.targetRound;
    // The source never needs a witness, so it counts as settled from the start when it is a target.
    let targetsLeft = this.targetCount - (targetStamp[source] === round ? 1 : 0);
    let settled = 0;
    while (heap.size > 0 && settled < settleLimit && targetsLeft > 0) {
      if (heap.peekKey() > maxKey) break;
      const v = heap.pop();
      settled++;
      if (targetStamp[v] === round && v !== source) targetsLeft--;
      const vKey = key[v];
      const list = out[v];
      const listLength = list.length;
      for (let k = 0; k < listLength; k += 2) {
        const w = list[k];
        if (w === avoid) continue;
        const candidate = vKey + list[k + 1];
        if (stamp[w] !== current) {
          stamp[w] = current;
          touched[touchedCount++] = w;
        } else if (candidate >= key[w]) {
          continue;
        }
        key[w] = candidate;
        heap.pushOrDecrease(w, candidate);
      }
    }
    this.touchedCount = touchedCount;
  }
}
