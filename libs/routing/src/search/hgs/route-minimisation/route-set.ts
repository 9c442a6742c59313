import { HgsData } from '../hgs-data';
import { concatenateTime, copyTime } from '../segment';

/**
 * A time-warp segment (Vidal et al. 2013) built up one piece at a time: duration, time warp,
 * earliest and latest start that realise the minimal duration, and load. Mutable and reused, so
 * checking a move allocates nothing.
 */
export class Chain {
  durationS = 0;
  timeWarpS = 0;
  earliestS = 0;
  latestS = 0;
  load = 0;
  /** Last client of the chain (0: the depot). */
  last = 0;

  constructor(private readonly data: HgsData) {}

  /** The depot at the start of a route. */
  fromDepot(): this {
    this.durationS = this.timeWarpS = this.load = this.last = 0;
    this.earliestS = this.data.earlyS[0];
    this.latestS = this.data.lateS[0];
    return this;
  }

  /** The route from its depot up to and including client `c` (c = 0: the depot alone). */
  fromPrefix(routes: RouteSet, c: number): this {
    if (c === 0) return this.fromDepot();
    this.durationS = routes.prefixDurationS[c];
    this.timeWarpS = routes.prefixWarpS[c];
    this.earliestS = routes.prefixEarliestS[c];
    this.latestS = routes.prefixLatestS[c];
    this.load = routes.prefixLoad[c];
    this.last = c;
    return this;
  }

  copy(other: Chain): this {
    copyTime(this, other);
    this.load = other.load;
    this.last = other.last;
    return this;
  }

  /** Appends one client. */
  add(c: number): this {
    const d = this.data;
    this.merge(this.last * d.stride + c, d.serviceS[c], 0, d.earlyS[c], d.lateS[c], d.demand[c]);
    this.last = c;
    return this;
  }

  /** Appends the rest of a route from client `c` to its end depot (c = 0: the end depot alone). */
  addSuffix(routes: RouteSet, c: number): this {
    const d = this.data;
    if (c === 0) this.merge(this.last * d.stride, 0, 0, d.earlyS[0], d.lateS[0], 0);
    else this.merge(this.last * d.stride + c, routes.suffixDurationS[c], routes.suffixWarpS[c], routes.suffixEarliestS[c], routes.suffixLatestS[c], routes.suffixLoad[c]);
    this.last = 0;
    return this;
  }

  /** Load above capacity plus `alpha` times the time warp: the squeeze's penalty of a closed route. */
  penalty(alpha: number): number {
    return Math.max(this.load - this.data.capacity, 0) + alpha * this.timeWarpS;
  }

  feasible(): boolean {
    return this.timeWarpS === 0 && this.load <= this.data.capacity;
  }

  private merge(arc: number, durationS: number, warpS: number, earliestS: number, latestS: number, load: number): void {
    concatenateTime(this, this.data.travelS[arc], durationS, warpS, earliestS, latestS);
    this.load += load;
  }
}

/**
 * The routes of a VRPTW solution (one capacity, time windows, one depot) with, for every routed
 * client, the time-warp segment of its route from the depot up to it (prefix) and from it back to
 * the depot (suffix). Any insertion, removal, exchange or tail swap is then checked in O(1) by
 * joining a prefix, a few clients and a suffix; only changed routes are recomputed.
 */
export class RouteSet {
  routes: number[][] = [];
  /** Route index and position of each client; -1 when it is not routed (e.g. in the ejection pool). */
  readonly routeOf: Int32Array;
  readonly positionOf: Int32Array;
  readonly prefixDurationS: Float64Array;
  readonly prefixWarpS: Float64Array;
  readonly prefixEarliestS: Float64Array;
  readonly prefixLatestS: Float64Array;
  readonly prefixLoad: Float64Array;
  readonly suffixDurationS: Float64Array;
  readonly suffixWarpS: Float64Array;
  readonly suffixEarliestS: Float64Array;
  readonly suffixLatestS: Float64Array;
  readonly suffixLoad: Float64Array;
  /** Squeeze penalty parts of each closed route: load above capacity and time warp. */
  excessLoad: number[] = [];
  warpS: number[] = [];
  private readonly chain: Chain;

  constructor(readonly data: HgsData) {
    const size = data.n + 1;
    this.routeOf = new Int32Array(size).fill(-1);
    this.positionOf = new Int32Array(size).fill(-1);
    this.prefixDurationS = new Float64Array(size);
    this.prefixWarpS = new Float64Array(size);
    this.prefixEarliestS = new Float64Array(size);
    this.prefixLatestS = new Float64Array(size);
    this.prefixLoad = new Float64Array(size);
    this.suffixDurationS = new Float64Array(size);
    this.suffixWarpS = new Float64Array(size);
    this.suffixEarliestS = new Float64Array(size);
    this.suffixLatestS = new Float64Array(size);
    this.suffixLoad = new Float64Array(size);
    this.chain = new Chain(data);
  }

  assign(routes: ArrayLike<ArrayLike<number>>): void {
    this.routeOf.fill(-1);
    this.positionOf.fill(-1);
    this.routes = [];
    this.excessLoad = [];
    this.warpS = [];
    for (let r = 0; r < routes.length; r++) {
      if (routes[r].length > 0) this.routes.push(Array.from(routes[r]));
    }
    for (let r = 0; r < this.routes.length; r++) this.refresh(r);
  }

  /** Copies of the routes. */
  snapshot(): number[][] {
    return this.routes.map((route) => route.slice());
  }

  /** Previous / next client on the route of routed client c (0: the depot). */
  previous(c: number): number {
    const p = this.positionOf[c];
    return p === 0 ? 0 : this.routes[this.routeOf[c]][p - 1];
  }

  next(c: number): number {
    const route = this.routes[this.routeOf[c]];
    const p = this.positionOf[c];
    return p === route.length - 1 ? 0 : route[p + 1];
  }

  isFeasible(r: number): boolean {
    return this.excessLoad[r] === 0 && this.warpS[r] === 0;
  }

  /**
   * Replaces route r by `clients` (an empty list deletes it) and recomputes what changed. Its old
   * clients that are neither in `clients` nor moved to another route meanwhile become unrouted.
   */
  replace(r: number, clients: number[], keepEmpty = false): void {
    for (const c of this.routes[r]) if (this.routeOf[c] === r) this.routeOf[c] = this.positionOf[c] = -1;
    if (clients.length > 0 || keepEmpty) {
      this.routes[r] = clients;
      this.refresh(r);
      return;
    }
    const last = this.routes.length - 1;
    if (r !== last) {
      this.routes[r] = this.routes[last];
      this.excessLoad[r] = this.excessLoad[last];
      this.warpS[r] = this.warpS[last];
      for (const c of this.routes[r]) this.routeOf[c] = r;
    }
    this.routes.pop();
    this.excessLoad.pop();
    this.warpS.pop();
  }

  /** Deletes the routes left empty by `replace(r, [], true)`. */
  compact(): void {
    for (let r = this.routes.length - 1; r >= 0; r--) if (this.routes[r].length === 0) this.replace(r, []);
  }

  /** Removes route r and returns its clients, now unrouted. */
  removeRoute(r: number): number[] {
    const clients = this.routes[r];
    this.replace(r, []);
    return clients;
  }

  /** Recomputes the prefix and suffix segments of route r. */
  private refresh(r: number): void {
    const route = this.routes[r];
    const chain = this.chain.fromDepot();
    for (let p = 0; p < route.length; p++) {
      const c = route[p];
      this.routeOf[c] = r;
      this.positionOf[c] = p;
      chain.add(c);
      this.prefixDurationS[c] = chain.durationS;
      this.prefixWarpS[c] = chain.timeWarpS;
      this.prefixEarliestS[c] = chain.earliestS;
      this.prefixLatestS[c] = chain.latestS;
      this.prefixLoad[c] = chain.load;
    }
    chain.addSuffix(this, 0);
    this.excessLoad[r] = Math.max(chain.load - this.data.capacity, 0);
    this.warpS[r] = chain.timeWarpS;
    // Suffixes from the back: client c followed by the suffix of its successor.
    const d = this.data;
    let next = 0;
    for (let p = route.length - 1; p >= 0; p--) {
      const c = route[p];
      const arc = c * d.stride + next;
      const travelS = d.travelS[arc];
      const nextDurationS = next === 0 ? 0 : this.suffixDurationS[next];
      const nextWarpS = next === 0 ? 0 : this.suffixWarpS[next];
      const nextEarliestS = next === 0 ? d.earlyS[0] : this.suffixEarliestS[next];
      const nextLatestS = next === 0 ? d.lateS[0] : this.suffixLatestS[next];
      const delta = d.serviceS[c] + travelS;
      const waitS = Math.max(nextEarliestS - delta - d.lateS[c], 0);
      const warpS = Math.max(d.earlyS[c] + delta - nextLatestS, 0);
      this.suffixDurationS[c] = d.serviceS[c] + nextDurationS + travelS + waitS;
      this.suffixWarpS[c] = nextWarpS + warpS;
      this.suffixEarliestS[c] = Math.max(nextEarliestS - delta, d.earlyS[c]) - waitS;
      this.suffixLatestS[c] = Math.min(nextLatestS - delta, d.lateS[c]) + warpS;
      this.suffixLoad[c] = d.demand[c] + (next === 0 ? 0 : this.suffixLoad[next]);
      next = c;
    }
  }
}
