import { HgsData } from './hgs-data';
import { EPSILON, MovePlan } from './operators/move-plan';
import { RouteState } from './route-state';

/**
 * Most left-out clients a new route is opened through at once (`openRouteThrough`). Long: where
 * prizes barely pay their detours, only a route through a whole cluster pays its way to the depot.
 */
const OPENING_CHAIN = 32;

/**
 * The local search's moves on optional clients: leaving one out, putting a left-out one back
 * (after or before a routed neighbour, or in place of an optional neighbour), opening a route
 * through a cluster of left-out clients, and dropping a route none of whose clients pays its way.
 * Every move is priced exactly, the penalties (prizes) being part of the gain.
 */
export class OptionalClientMoves {
  /** Scratch: 1 for the clients of the chain `openRouteThrough` is building. */
  private readonly inChain: Uint8Array;

  constructor(
    private readonly data: HgsData,
    private readonly state: RouteState,
    private readonly plan: MovePlan,
  ) {
    this.inChain = new Uint8Array(data.n + 1);
  }

  /**
   * Leaves out every client of a route that holds only optional clients whose penalties together
   * cost less than the route: no single removal may pay while the route's fixed cost remains. A
   * trip of a multi-trip vehicle saves its cost less what its vehicle's chain costs without it.
   */
  dropUnprofitableRoutes(): boolean {
    const state = this.state;
    const { optional, skipPenalty } = this.data;
    let improved = false;
    for (let r = 0; r < state.routeSlots; r++) {
      if (state.routeSize[r] === 0) continue;
      const end = state.endDepot(r);
      let penalties = 0;
      let node = state.next[state.startDepot(r)];
      for (; node !== end && optional[node]; node = state.next[node]) penalties += skipPenalty[node];
      if (node !== end) continue;
      const withoutRoute = state.trips ? state.replaceCost(state.startDepot(r), this.plan.seq1, 0, end) : 0;
      if (!(penalties < state.routeCost[r] - withoutRoute - EPSILON)) continue;
      while (state.routeSize[r] > 0) state.removeClient(state.next[state.startDepot(r)]);
      improved = true;
    }
    return improved;
  }

  /** Leaves optional client u out when its penalty is less than what serving it costs. */
  skipIfProfitable(u: number): boolean {
    const state = this.state;
    const route = state.routeOf[u];
    const delta = state.replaceCost(state.prev[u], this.plan.seq1, 0, state.next[u]) - state.routeCost[route] + this.data.skipPenalty[u];
    if (!(delta < -EPSILON)) return false;
    state.removeClient(u);
    return true;
  }

  /**
   * Puts a left-out client back where serving it costs less than its penalty: right after or right
   * before one of its routed neighbours v; else in place of v when v is optional and u is worth
   * more there than v (where prizes barely pay their detours, which client a stop serves matters
   * more than whether it stops). Then, with `emptyStarts` (the start depots of empty routes), a new
   * route through u and its nearest left-out neighbours if they pay for it together.
   */
  insertSkipped(u: number, emptyStarts: ArrayLike<number>, emptyCount: number): boolean {
    const state = this.state;
    const { skipPenalty, optional } = this.data;
    const penalty = skipPenalty[u];
    const seq = this.plan.seq1;
    seq[0] = u;
    const gain = (after: number): number => state.replaceCost(after, seq, 1, state.next[after]) - state.routeCost[state.routeOf[after]] - penalty;
    const neighbours = this.data.neighbours[u];
    let swapOut = -1;
    let swapGain = -EPSILON;
    for (let k = 0; k < neighbours.length; k++) {
      const v = neighbours[k];
      if (!state.isRouted(v)) continue;
      const before = state.prev[v];
      const after = gain(v) < -EPSILON ? v : gain(before) < -EPSILON ? before : -1;
      if (after >= 0) {
        state.insertClient(u, after);
        return true;
      }
      if (!optional[v]) continue;
      const swap = state.replaceCost(before, seq, 1, state.next[v]) - state.routeCost[state.routeOf[v]] - penalty + skipPenalty[v];
      if (swap < swapGain) {
        swapGain = swap;
        swapOut = v;
      }
    }
    if (swapOut >= 0) {
      const before = state.prev[swapOut];
      state.removeClient(swapOut);
      state.insertClient(u, before);
      return true;
    }
    for (let k = 0; k < emptyCount; k++) {
      if (this.openRouteThrough(u, emptyStarts[k])) return true;
    }
    return false;
  }

  /**
   * Opens a route on an empty vehicle through u and the left-out clients near it, one after the
   * other (up to `OPENING_CHAIN` clients): a cluster of optional clients may pay for a route that
   * none pays for alone. Each next client is the left-out neighbour of the last one reached soonest
   * (travel plus waiting, within its window) under time windows, else the nearest: a chain that
   * ignores the windows runs late on the third or fourth client and then never pays. Takes the
   * chain length of greatest gain, priced exactly; false when none gains.
   */
  private openRouteThrough(u: number, start: number): boolean {
    const state = this.state;
    const { skipPenalty, hasTimeWindows, travelS, serviceS, earlyS, stride } = this.data;
    const seq = this.plan.seq2;
    const end = state.next[start];
    const route = state.routeOf[start];
    let length = 0;
    let penalties = 0;
    let bestLength = 0;
    let bestGain = -EPSILON;
    // When the chain's last client is left, starting from the depot as late as helps (no wait at u).
    let leaveS = hasTimeWindows ? Math.max(travelS[u], earlyS[u]) + serviceS[u] : 0;
    for (let c = u; c > 0 && length < OPENING_CHAIN;) {
      seq[length++] = c;
      this.inChain[c] = 1;
      penalties += skipPenalty[c];
      const gain = state.replaceCost(start, seq, length, end) - state.routeCost[route] - penalties;
      if (gain < bestGain) {
        bestGain = gain;
        bestLength = length;
      }
      const next = hasTimeWindows ? this.soonestLeftOut(c, leaveS) : this.nearestLeftOut(c);
      if (next > 0 && hasTimeWindows) leaveS = Math.max(leaveS + travelS[c * stride + next], earlyS[next]) + serviceS[next];
      c = next;
    }
    for (let k = 0; k < length; k++) this.inChain[seq[k]] = 0;
    if (bestLength === 0) return false;
    state.insertClients(seq, bestLength, start);
    return true;
  }

  /** The left-out neighbour of c (not in the chain) of cheapest arc from c; 0 when none. */
  private nearestLeftOut(c: number): number {
    const { arcCost, stride, neighbours } = this.data;
    let next = 0;
    for (const v of neighbours[c]) {
      if (this.state.isRouted(v) || this.inChain[v]) continue;
      if (next === 0 || arcCost[c * stride + v] < arcCost[c * stride + next]) next = v;
    }
    return next;
  }

  /** The left-out neighbour of c (not in the chain) reached soonest within its window when leaving c at `leaveS`; 0 when none. */
  private soonestLeftOut(c: number, leaveS: number): number {
    const { travelS, earlyS, lateS, stride, neighbours } = this.data;
    let next = 0;
    let soonest = Infinity;
    for (const v of neighbours[c]) {
      if (this.state.isRouted(v) || this.inChain[v]) continue;
      const arrival = leaveS + travelS[c * stride + v];
      if (arrival > lateS[v]) continue;
      const startS = Math.max(arrival, earlyS[v]);
      if (startS < soonest) {
        soonest = startS;
        next = v;
      }
    }
    return next;
  }
}
