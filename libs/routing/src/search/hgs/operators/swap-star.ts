import { RouteState } from '../route-state';
import { EPSILON, MovePlan } from './move-plan';

const TOP = 3;

/**
 * SWAP* (Vidal 2022): exchanges u of route A with v of route B, each reinserted at its best position
 * in the other route (not necessarily where the other one was). Candidates are screened with arc
 * costs and the load penalty using each client's three cheapest insertion positions; the best
 * candidate is then priced exactly (time warp included) before it is applied.
 */
export class SwapStar {
  readonly name = 'swap-star';
  /**
   * Three cheapest insertions of each client into each route, cached per (client, route) with the
   * route's modification stamp, since most routes do not change between SWAP* passes. Only the
   * first `cachedRoutes` route slots are cached (the ones Split and the search fill first); the
   * slot `cachedRoutes` is scratch for the others.
   */
  private readonly cachedRoutes: number;
  private readonly insertCost: Float64Array;
  private readonly insertAfter: Int32Array;
  private readonly computedAt: Float64Array;
  private readonly removalDelta: Float64Array;

  constructor(n: number, cachedRoutes = 1) {
    this.cachedRoutes = cachedRoutes;
    const entries = (n + 1) * (cachedRoutes + 1);
    this.insertCost = new Float64Array(entries * TOP);
    this.insertAfter = new Int32Array(entries * TOP);
    this.computedAt = new Float64Array(entries).fill(-1);
    this.removalDelta = new Float64Array(n + 1);
  }

  private slot(client: number, route: number): number {
    return client * (this.cachedRoutes + 1) + (route < this.cachedRoutes ? route : this.cachedRoutes);
  }

  /** Looks for the best SWAP* between two routes and applies it when it improves. */
  tryApply(state: RouteState, routeA: number, routeB: number, plan: MovePlan): boolean {
    if (state.routeSize[routeA] === 0 || state.routeSize[routeB] === 0) return false;
    this.preprocess(state, routeA, routeB);
    this.preprocess(state, routeB, routeA);
    const { demand, pickup, slotCapacity, simpleLoad, dims } = state.data;
    const penalty = state.penalties.capacity;
    // Each route on its own vehicle: its capacity, and its rate per unit of arc cost.
    const capacityA = slotCapacity[routeA];
    const capacityB = slotCapacity[routeB];
    const factorA = state.costFactor(routeA);
    const factorB = state.costFactor(routeB);
    const loadA = state.routeLoad[routeA];
    const loadB = state.routeLoad[routeB];
    const pickA = state.routePickupLoad[routeA];
    const pickB = state.routePickupLoad[routeB];
    const excessA = Math.max(Math.max(loadA, pickA) - capacityA, 0);
    const excessB = Math.max(Math.max(loadB, pickB) - capacityB, 0);
    let best = -EPSILON;
    let bestU = -1;
    let bestV = -1;
    let bestAfterU = -1;
    let bestAfterV = -1;
    const endA = state.endDepot(routeA);
    const endB = state.endDepot(routeB);
    for (let u = state.next[state.startDepot(routeA)]; u !== endA; u = state.next[u]) {
      for (let v = state.next[state.startDepot(routeB)]; v !== endB; v = state.next[v]) {
        // One dimension: the load estimated by the larger of the delivery and pickup sums (exact with
        // deliveries only, or linehaul first). Several dimensions: screened as if every penalty of
        // both routes could vanish.
        const penaltyA =
          dims === 1
            ? penalty * (Math.max(Math.max(loadA - demand[u] + demand[v], simpleLoad ? 0 : pickA - pickup[u] + pickup[v]) - capacityA, 0) - excessA)
            : -state.routePenalty(routeA);
        const penaltyB =
          dims === 1
            ? penalty * (Math.max(Math.max(loadB - demand[v] + demand[u], simpleLoad ? 0 : pickB - pickup[v] + pickup[u]) - capacityB, 0) - excessB)
            : -state.routePenalty(routeB);
        const base = penaltyA + penaltyB + factorA * this.removalDelta[u] + factorB * this.removalDelta[v];
        if (base >= 0) continue;
        this.bestInsertion(state, v, u);
        const costV = this.foundCost;
        const afterV = this.foundAfter;
        this.bestInsertion(state, u, v);
        const total = base + factorA * costV + factorB * this.foundCost;
        if (total < best) {
          best = total;
          bestU = u;
          bestV = v;
          bestAfterV = afterV;
          bestAfterU = this.foundAfter;
        }
      }
    }
    if (bestU < 0) return false;
    plan.edits = 2;
    plan.before1 = state.startDepot(routeA);
    plan.after1 = endA;
    plan.length1 = this.rebuild(state, routeA, bestU, bestV, bestAfterV, plan.seq1);
    plan.before2 = state.startDepot(routeB);
    plan.after2 = endB;
    plan.length2 = this.rebuild(state, routeB, bestV, bestU, bestAfterU, plan.seq2);
    if (!(plan.delta(state) < -EPSILON)) return false;
    plan.apply(state);
    return true;
  }

  private foundCost = 0;
  private foundAfter = 0;

  /**
   * Cheapest place for `client` in the route of `removed` once `removed` has left it: one of the
   * three precomputed positions not touching `removed`, or `removed`'s own place.
   */
  private bestInsertion(state: RouteState, client: number, removed: number): void {
    const stride = state.data.stride;
    const arcCost = state.arcsOf(state.routeOf[removed]);
    const base = this.slot(client, state.routeOf[removed]) * TOP;
    const before = state.prev[removed];
    const after = state.next[removed];
    const b = state.client(before);
    const a = state.client(after);
    this.foundCost = arcCost[b * stride + client] + arcCost[client * stride + a] - arcCost[b * stride + a];
    this.foundAfter = before;
    for (let k = 0; k < TOP; k++) {
      const position = this.insertAfter[base + k];
      if (position < 0) break;
      if (position === removed || position === before) continue;
      if (this.insertCost[base + k] < this.foundCost) {
        this.foundCost = this.insertCost[base + k];
        this.foundAfter = position;
      }
      break;
    }
  }

  /** Removal gains for clients of `from` and their three cheapest insertion places in `into`. */
  private preprocess(state: RouteState, from: number, into: number): void {
    const stride = state.data.stride;
    const arcsFrom = state.arcsOf(from);
    const arcCost = state.arcsOf(into);
    const endFrom = state.endDepot(from);
    const endInto = state.endDepot(into);
    for (let u = state.next[state.startDepot(from)]; u !== endFrom; u = state.next[u]) {
      const p = state.client(state.prev[u]);
      const x = state.client(state.next[u]);
      this.removalDelta[u] = arcsFrom[p * stride + x] - arcsFrom[p * stride + u] - arcsFrom[u * stride + x];
      const entry = this.slot(u, into);
      const stamp = state.whenModified[into];
      if (into < this.cachedRoutes && this.computedAt[entry] === stamp) continue;
      this.computedAt[entry] = stamp;
      const base = entry * TOP;
      for (let k = 0; k < TOP; k++) {
        this.insertCost[base + k] = Infinity;
        this.insertAfter[base + k] = -1;
      }
      for (let node = state.startDepot(into); node !== endInto; node = state.next[node]) {
        const a = state.client(node);
        const b = state.client(state.next[node]);
        const cost = arcCost[a * stride + u] + arcCost[u * stride + b] - arcCost[a * stride + b];
        if (cost >= this.insertCost[base + TOP - 1]) continue;
        let k = TOP - 1;
        while (k > 0 && this.insertCost[base + k - 1] > cost) {
          this.insertCost[base + k] = this.insertCost[base + k - 1];
          this.insertAfter[base + k] = this.insertAfter[base + k - 1];
          k--;
        }
        this.insertCost[base + k] = cost;
        this.insertAfter[base + k] = node;
      }
    }
  }

  /** The clients of `route` with `removed` taken out and `inserted` placed after `after`. */
  private rebuild(state: RouteState, route: number, removed: number, inserted: number, after: number, seq: Int32Array): number {
    let length = 0;
    const start = state.startDepot(route);
    if (after === start) seq[length++] = inserted;
    for (let node = state.next[start]; node !== state.endDepot(route); node = state.next[node]) {
      if (node !== removed) seq[length++] = node;
      if (node === after) seq[length++] = inserted;
    }
    return length;
  }
}
