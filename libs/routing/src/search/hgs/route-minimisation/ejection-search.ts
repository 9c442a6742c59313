import { HgsData } from '../hgs-data';
import { Chain, RouteSet } from './route-set';

/** Most clients ejected to make room for one (Nagata & Bräysy 2009 use 5). */
export const MAX_EJECTED = 5;
/** Search nodes one ejection search may visit: keeps a call on a long route bounded (deterministic). */
const NODE_BUDGET = 400_000;

export interface Ejection {
  route: number;
  /** The route's clients after the insertion and the ejections, in order. */
  kept: number[];
  ejected: number[];
  /** Sum of the ejected clients' failure counters. */
  weight: number;
}

/**
 * Ejection search (Nagata & Bräysy 2009, section 3.2): insert client v into some route at some
 * position and eject at most MAX_EJECTED other clients of that route so that it is feasible,
 * minimising the sum of the ejected clients' failure counters `p` (clients that were hard to insert
 * before are ejected last). For each route and position the clients are visited in route order,
 * each kept or ejected (a lexicographic search): a kept client that arrives too late cannot be
 * helped by ejections after it, so that branch ends; and once v is placed, the first feasible join
 * with the untouched rest of the route completes the branch.
 */
export class EjectionSearch {
  private readonly sequence: Int32Array;
  /** Chain state at each depth (the kept clients so far). */
  private readonly stack: Chain[];
  private readonly ejectedStack: Int32Array;
  private readonly tail: Chain;
  private best: Ejection | null = null;
  private nodes = 0;
  private maxEjected = MAX_EJECTED;
  private length = 0;
  private insertAt = 0;
  private route = 0;
  private p: Int32Array = new Int32Array(0);
  private set: RouteSet | null = null;

  constructor(private readonly data: HgsData) {
    this.sequence = new Int32Array(data.n + 2);
    this.stack = Array.from({ length: data.n + 3 }, () => new Chain(data));
    this.ejectedStack = new Int32Array(MAX_EJECTED);
    this.tail = new Chain(data);
  }

  /**
   * The lightest ejection over the routes in `order`, or null if none ejects at most MAX_EJECTED.
   * Deepening: all routes with one ejection first, then two, ...; a deeper level runs only while it
   * could still beat the best found (k ejections weigh at least k).
   */
  search(set: RouteSet, v: number, p: Int32Array, order: ArrayLike<number>): Ejection | null {
    this.best = null;
    this.p = p;
    this.set = set;
    this.nodes = 0;
    for (let depthLimit = 1; depthLimit <= MAX_EJECTED; depthLimit++) {
      const found = this.best as Ejection | null;
      if ((found !== null && found.weight <= depthLimit) || this.nodes > NODE_BUDGET) break;
      this.maxEjected = depthLimit;
      this.searchRoutes(v, order);
    }
    return this.best;
  }

  private searchRoutes(v: number, order: ArrayLike<number>): void {
    const set = this.set!;
    for (let k = 0; k < order.length; k++) {
      const r = order[k];
      const route = set.routes[r];
      this.route = r;
      this.length = route.length + 1;
      for (let at = 0; at <= route.length; at++) {
        for (let i = 0, j = 0; i < this.length; i++) this.sequence[i] = i === at ? v : route[j++];
        this.insertAt = at;
        this.stack[0].fromDepot();
        this.descend(0, 0, 0);
        // Every ejected client weighs at least 1: nothing beats a single one of weight 1.
        const found = this.best as Ejection | null;
        if (this.nodes > NODE_BUDGET || (found !== null && found.weight <= 1)) return;
      }
    }
  }

  /** Decides client `sequence[depth]`; `ejected` clients weigh `weight` so far. */
  private descend(depth: number, ejected: number, weight: number): void {
    this.nodes++;
    const chain = this.stack[depth];
    const set = this.set!;
    const capacity = this.data.capacity;
    if (depth > this.insertAt) {
      // v is placed: the untouched rest of the route may already fit.
      const rest = depth < this.length ? this.sequence[depth] : 0;
      if (this.tail.copy(chain).addSuffix(set, rest).feasible()) {
        this.record(ejected, weight);
        return;
      }
      if (depth === this.length) return;
    } else if (depth < this.insertAt && this.tail.copy(chain).add(this.sequence[this.insertAt]).timeWarpS > 0) {
      // v is already late straight after the kept clients: keeping more before it only delays it
      // (travel times obeying the triangle inequality), so this branch cannot place it.
      return;
    }
    if (this.nodes > NODE_BUDGET) return;
    const c = this.sequence[depth];
    const next = this.stack[depth + 1].copy(chain).add(c);
    if (next.timeWarpS === 0 && next.load <= capacity) this.descend(depth + 1, ejected, weight);
    const heavier = weight + this.p[c];
    if (depth !== this.insertAt && ejected < this.maxEjected && (this.best === null || heavier < this.best.weight)) {
      this.ejectedStack[ejected] = c;
      this.stack[depth + 1].copy(chain);
      this.descend(depth + 1, ejected + 1, heavier);
    }
  }

  private record(ejected: number, weight: number): void {
    if (this.best !== null && weight >= this.best.weight) return;
    const out = Array.from(this.ejectedStack.subarray(0, ejected));
    const removed = new Set(out);
    const kept: number[] = [];
    for (let i = 0; i < this.length; i++) if (!removed.has(this.sequence[i])) kept.push(this.sequence[i]);
    this.best = { route: this.route, kept, ejected: out, weight };
  }
}
