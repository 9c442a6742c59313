import { HgsData } from './hgs-data';
import { EPSILON, MovePlan } from './operators/move-plan';
import { RouteState } from './route-state';
import { SegmentAccumulator } from './segment';
import { otherWindowRouted } from './window-groups';

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
  /** Scratch: prices a chain's prefixes one client at a time. */
  private readonly chainAcc: SegmentAccumulator;
  /** Scratch: the chain of greatest gain `openRouteThrough` has built so far. */
  private readonly best: { gain: number; length: number; seq: Int32Array };

  constructor(
    private readonly data: HgsData,
    private readonly state: RouteState,
    private readonly plan: MovePlan,
  ) {
    this.inChain = new Uint8Array(data.n + 1);
    this.best = { gain: 0, length: 0, seq: new Int32Array(OPENING_CHAIN) };
    this.chainAcc = new SegmentAccumulator(data);
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
   * Opens a route on an empty vehicle through u and left-out clients near it, one after the other
   * (up to `OPENING_CHAIN` clients): a cluster of optional clients may pay for a route that none pays
   * for alone. Two chains are built, each next client a left-out neighbour of the last one, on time
   * under windows: the one started soonest (travel plus waiting) and the one of greatest penalty
   * less arc. On 1,000-client PCVRPTW (30 s, one run each) the first alone did best on tight
   * clustered windows (C1_10_1, 1.1 % below the second) and the second alone on wide random ones
   * (R2_10_1, 3.5 % below the first); with both, each instance kept most of its gain. Nearest arcs
   * alone ran late. Takes the chain and length of greatest gain, priced exactly; false when none gains.
   */
  private openRouteThrough(u: number, start: number): boolean {
    const best = this.best;
    best.gain = -EPSILON;
    best.length = 0;
    this.buildChain(u, start, false);
    this.buildChain(u, start, true);
    if (best.length === 0) return false;
    // The chains were priced as routes of their own; the exact price decides.
    const state = this.state;
    let penalties = 0;
    for (let k = 0; k < best.length; k++) penalties += this.data.skipPenalty[best.seq[k]];
    const gain = state.replaceCost(start, best.seq, best.length, state.next[start]) - state.routeCost[state.routeOf[start]] - penalties;
    if (!(gain < -EPSILON)) return false;
    state.insertClients(best.seq, best.length, start);
    return true;
  }

  /** Extends a chain from u (see `openRouteThrough`) and records in `best` its prefix of greatest gain if better. */
  private buildChain(u: number, start: number, byProfit: boolean): void {
    const state = this.state;
    const { skipPenalty, hasTimeWindows, travelS, serviceS, earlyS, stride } = this.data;
    const seq = this.plan.seq2;
    const best = this.best;
    const end = state.next[start];
    const route = state.routeOf[start];
    let length = 0;
    let penalties = 0;
    let bestLength = 0;
    let bestGain = best.gain;
    // When the chain's last client is left, starting from the depot as late as helps (no wait at u).
    let leaveS = Math.max(travelS[u], earlyS[u]) + serviceS[u];
    // One client at a time, O(1) per prefix; a multi-trip vehicle prices each trip in its chain.
    const acc = state.trips ? null : this.chainAcc.startAtDepot(route);
    for (let c = u; c > 0 && length < OPENING_CHAIN;) {
      seq[length++] = c;
      this.inChain[c] = 1;
      penalties += skipPenalty[c];
      const cost = acc ? acc.appendClient(c).costIfClosed(state.penalties) : state.replaceCost(start, seq, length, end);
      const gain = cost - state.routeCost[route] - penalties;
      if (gain < bestGain) {
        bestGain = gain;
        bestLength = length;
      }
      const next = this.nextInChain(c, leaveS, byProfit);
      if (next > 0 && hasTimeWindows) leaveS = Math.max(leaveS + travelS[c * stride + next], earlyS[next]) + serviceS[next];
      c = next;
    }
    for (let k = 0; k < length; k++) this.inChain[seq[k]] = 0;
    if (bestLength === 0) return;
    best.gain = bestGain;
    best.length = bestLength;
    best.seq.set(seq.subarray(0, bestLength));
  }

  /**
   * The left-out neighbour of c not in the chain, on time when c is left at `leaveS` (under time
   * windows), of greatest penalty less arc from c (`byProfit`), else started soonest (else of
   * cheapest arc without windows); 0 when none.
   */
  private nextInChain(c: number, leaveS: number, byProfit: boolean): number {
    const { arcCost, travelS, earlyS, lateS, skipPenalty, stride, neighbours, hasTimeWindows } = this.data;
    let next = 0;
    let least = Infinity;
    for (const v of neighbours[c]) {
      if (this.state.isRouted(v) || this.inChain[v]) continue;
      // A job is served once: not in a second window, nor twice in the chain.
      if (this.data.hasWindowGroups && otherWindowRouted(this.data, v, (w) => this.state.isRouted(w) || this.inChain[w] === 1)) continue;
      const arrival = leaveS + travelS[c * stride + v];
      if (hasTimeWindows && arrival > lateS[v]) continue;
      const score = byProfit ? arcCost[c * stride + v] - skipPenalty[v] : hasTimeWindows ? Math.max(arrival, earlyS[v]) : arcCost[c * stride + v];
      if (score < least) {
        least = score;
        next = v;
      }
    }
    return next;
  }
}
