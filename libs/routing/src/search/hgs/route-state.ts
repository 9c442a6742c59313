import { RouteAggregates } from './route-aggregates';
import { Penalties, SegmentAccumulator } from './segment';
import { leftOutPenalty } from './window-groups';

const NO_CLIENTS: number[] = [];

/**
 * The solution under local search: linked routes (route-links.ts) with prefix and suffix aggregates
 * (route-aggregates.ts), and the move-pricing primitives on them.
 */
export class RouteState extends RouteAggregates {
  /** Penalties of the optional clients left out of every route (their `routeOf` is -1). */
  skippedPenalty = 0;

  /** Whether two slots drive the same matrices with the same shift (then stored suffixes move between them as they are). */
  sameTiming(a: number, b: number): boolean {
    const d = this.data;
    return d.slotsShareTiming || (d.slotProfile[a] === d.slotProfile[b] && d.slotShiftStart[a] === d.slotShiftStart[b] && d.slotShiftEnd[a] === d.slotShiftEnd[b]);
  }

  /**
   * Loads routes of clients: route i on slot `slots[i]`, or on slot i when no slots are given;
   * the other slots are empty.
   */
  load(routes: ArrayLike<ArrayLike<number>>, penalties: Penalties, slots?: ArrayLike<number>): void {
    if (routes.length > this.routeSlots) throw new Error(`${routes.length} routes exceed ${this.routeSlots} slots`);
    this.penalties = penalties;
    const onSlot: Array<ArrayLike<number>> = [];
    for (let i = 0; i < routes.length; i++) onSlot[slots ? slots[i] : i] = routes[i];
    if (this.data.hasOptional) this.routeOf.fill(-1, 1, this.n + 1);
    for (let r = 0; r < this.routeSlots; r++) {
      let previous = this.startDepot(r);
      const clients = onSlot[r] ?? NO_CLIENTS;
      for (let i = 0; i < clients.length; i++) {
        const c = clients[i];
        this.next[previous] = c;
        this.prev[c] = previous;
        previous = c;
      }
      this.next[previous] = this.endDepot(r);
      this.prev[this.endDepot(r)] = previous;
      this.next[this.endDepot(r)] = this.endDepot(r);
      this.prev[this.startDepot(r)] = this.startDepot(r);
      this.updateRoute(r);
    }
    this.skippedPenalty = 0;
    if (this.data.hasOptional) this.skippedPenalty = leftOutPenalty(this.data, (c) => this.routeOf[c] >= 0);
  }

  /** Takes an optional client out of its route; it then pays its penalty. */
  removeClient(client: number): void {
    const route = this.routeOf[client];
    this.relink(this.prev[client], this.seqNone, 0, this.next[client]);
    this.updateRoute(route);
    this.routeOf[client] = -1;
    this.skippedPenalty += this.data.skipPenalty[client];
  }

  /** Puts a left-out client on a route, right after `after`. */
  insertClient(client: number, after: number): void {
    this.seqOne[0] = client;
    this.insertClients(this.seqOne, 1, after);
  }

  /** Puts left-out clients `seq[0..length)` on a route, in that order, right after `after`. */
  insertClients(seq: Int32Array, length: number, after: number): void {
    this.relink(after, seq, length, this.next[after]);
    this.updateRoute(this.routeOf[after]);
    for (let i = 0; i < length; i++) this.skippedPenalty -= this.data.skipPenalty[seq[i]];
  }

  private readonly seqNone = new Int32Array(0);
  private readonly seqOne = new Int32Array(1);

  /** Penalised cost of a closed route segment on its slot; multi-trip: its own cost plus its vehicle's chain with it. */
  private closedCost(acc: SegmentAccumulator): number {
    return this.trips ? this.trips.priceInChain(this, acc) : acc.penalisedCost(this.penalties);
  }

  /**
   * Arc costs (plus fixed cost, and the cost of the busy seconds when paid by the hour) of
   * prefix(..`prefixEnd`) + suffix(`suffixStart`..) on the prefix's slot: a lower bound.
   */
  prefixSuffixArcCost(prefixEnd: number, suffixStart: number): number {
    const d = this.data;
    const slot = this.routeOf[prefixEnd];
    // A suffix stored on other matrices bounds nothing on these ones: costs are never negative.
    if (d.slotProfile[slot] !== d.slotProfile[this.routeOf[suffixStart]]) return 0;
    const visits = prefixEnd <= this.n || suffixStart <= this.n;
    const arc = this.client(prefixEnd) * d.stride + this.client(suffixStart);
    const cost = d.slotCostFactor[slot] * (this.fCost[prefixEnd] + this.arcsOf(slot)[arc] + this.bCost[suffixStart]) + (visits ? d.slotFixedCost[slot] : 0);
    if (!visits || !this.pricesDuration) return cost;
    return cost + d.slotDurationCost[slot] * (this.fBusy[prefixEnd] + d.profileTravelS[d.slotProfile[slot]][arc] + this.bBusy[suffixStart]);
  }

  /** What one unit of arc cost costs on `route`'s vehicle (1 unless the fleet is mixed). */
  costFactor(route: number): number {
    return this.data.slotCostFactor[route];
  }

  /**
   * Penalised cost of `route`'s clients if another vehicle, `slot`, drove them: from the stored
   * route when the two drive the same matrices with the same shift (the same time warp and
   * duration), else recomputed on the slot's matrices (O(route length)); a trip always so, priced
   * in the chain of the slot's vehicle.
   */
  priceOnSlot(route: number, slot: number): number {
    const d = this.data;
    const end = this.endDepot(route);
    // An empty trip leaves the slot's vehicle its other trips.
    if (this.routeSize[route] === 0 && !this.trips) return 0;
    if (this.trips || !this.sameTiming(route, slot)) {
      const acc = this.acc.startAtDepot(slot);
      for (let node = this.next[this.startDepot(route)]; node !== end; node = this.next[node]) acc.appendClient(node);
      return this.closedCost(acc.appendClient(0));
    }
    const excess = this.loads ? this.loads.excessOnSlot(end, slot) : Math.max((d.simpleLoad ? this.routeLoad[route] : this.fPeak[end]) - d.slotCapacity[slot], 0);
    let warpS = this.fWarp[end];
    if (d.hasReleaseTimes) warpS += Math.max(this.fRelease[end] - this.fLate[end], 0);
    if (d.hasDurationLimits) warpS += Math.max(this.fDur[end] - d.slotMaxDuration[slot], 0);
    const overM = d.hasDistanceLimits ? Math.max(this.fDist[end] - d.slotMaxDistance[slot], 0) : 0;
    return (
      d.slotCostFactor[slot] * this.fCost[end] +
      d.slotFixedCost[slot] +
      d.slotDurationCost[slot] * this.fDur[end] +
      (excess > 0 ? this.penalties.capacity * excess : 0) +
      this.penalties.timeWarp * warpS +
      this.penalties.distance * overM
    );
  }

  /** Swaps the clients of two route slots (a route changes vehicle); either may be empty. */
  exchangeSlots(a: number, b: number, scratchA: Int32Array, scratchB: Int32Array): void {
    const lengthA = this.copyBetween(this.startDepot(a), this.endDepot(a), scratchA, 0);
    const lengthB = this.copyBetween(this.startDepot(b), this.endDepot(b), scratchB, 0);
    this.relink(this.startDepot(a), scratchB, lengthB, this.endDepot(a));
    this.relink(this.startDepot(b), scratchA, lengthA, this.endDepot(b));
    this.updateRoute(a);
    this.updateRoute(b);
  }

  /** Fixed cost a route on this slot pays when it visits a client. */
  fixedCost(route: number): number {
    return this.data.slotFixedCost[route];
  }

  /** The infeasibility penalty currently paid by a route (its penalised cost minus arc and fixed costs). */
  routePenalty(route: number): number {
    return this.routePenaltyCost[route];
  }

  /** Arc cost from node a to node b (depot nodes map to the depot), on the reference vehicle's matrices. */
  arc(a: number, b: number): number {
    return this.data.arcCost[this.client(a) * this.data.stride + this.client(b)];
  }

  /** Arc cost from node a to node b on the matrices of `route`'s vehicle. */
  arcIn(route: number, a: number, b: number): number {
    return this.arcsOf(route)[this.client(a) * this.data.stride + this.client(b)];
  }

  /** Penalised cost of prefix(..`prefixEnd`) followed by suffix(`suffixStart`..), possibly of two routes. */
  appendSuffixAfterPrefix(prefixEnd: number, suffixStart: number): number {
    const d = this.data;
    // Without time windows every slot shares one profile and one shift (see HgsData.hasTimeWindows).
    if (!d.hasTimeWindows && d.simpleLoad) {
      const slot = this.routeOf[prefixEnd];
      const cost = d.slotCostFactor[slot] * (this.fCost[prefixEnd] + d.arcCost[this.client(prefixEnd) * d.stride + this.client(suffixStart)] + this.bCost[suffixStart]);
      const fixed = prefixEnd <= this.n || suffixStart <= this.n ? d.slotFixedCost[slot] : 0;
      const excess = this.fLoad[prefixEnd] + this.bLoad[suffixStart] - d.slotCapacity[slot];
      return cost + fixed + (excess > 0 ? this.penalties.capacity * excess : 0);
    }
    const acc = this.beginWithPrefix(prefixEnd);
    if (this.sameTiming(this.routeOf[prefixEnd], this.routeOf[suffixStart])) return this.closedCost(this.appendSuffix(suffixStart));
    // The suffix was aggregated on another vehicle's matrices or shift: walk it on this one's.
    for (let node = suffixStart; ; node = this.next[node]) {
      acc.appendClient(this.client(node));
      if (!this.isClient(node)) break;
    }
    return this.closedCost(acc);
  }

  /**
   * Penalised cost of the route through `before` and `after` (same route, `before` earlier) if the
   * nodes strictly between them were replaced by `seq[0..length)`.
   */
  replaceCost(before: number, seq: Int32Array, length: number, after: number): number {
    const d = this.data;
    if (!d.hasTimeWindows && d.simpleLoad) {
      // Fast path: arc costs and load only, no segment arithmetic.
      let last = this.client(before);
      let cost = this.fCost[before];
      let load = this.fLoad[before] + this.bLoad[after];
      for (let i = 0; i < length; i++) {
        const c = seq[i];
        cost += d.arcCost[last * d.stride + c];
        load += d.demand[c];
        last = c;
      }
      cost += d.arcCost[last * d.stride + this.client(after)] + this.bCost[after];
      const slot = this.routeOf[before];
      cost = d.slotCostFactor[slot] * cost;
      if (length > 0 || before <= this.n || after <= this.n) cost += d.slotFixedCost[slot];
      const excess = load - d.slotCapacity[slot];
      return excess > 0 ? cost + this.penalties.capacity * excess : cost;
    }
    const acc = this.beginWithPrefix(before);
    for (let i = 0; i < length; i++) acc.appendClient(seq[i]);
    return this.closedCost(this.appendSuffix(after));
  }

  /**
   * Arc costs (plus fixed cost, and the cost of the busy seconds when paid by the hour) of the route
   * after the same replacement: a lower bound of its penalised cost.
   */
  replaceArcCost(before: number, seq: Int32Array, length: number, after: number): number {
    const d = this.data;
    const slot = this.routeOf[before];
    const arcs = this.arcsOf(slot);
    let last = this.client(before);
    let cost = this.fCost[before] + this.bCost[after];
    for (let i = 0; i < length; i++) {
      cost += arcs[last * d.stride + seq[i]];
      last = seq[i];
    }
    cost += arcs[last * d.stride + this.client(after)];
    cost = d.slotCostFactor[slot] * cost;
    if (length === 0 && before > this.n && after > this.n) return cost;
    cost += d.slotFixedCost[slot];
    return this.pricesDuration && d.slotDurationCost[slot] > 0 ? cost + d.slotDurationCost[slot] * this.replaceBusy(before, seq, length, after) : cost;
  }

  /** Busy seconds (travel and service) of the route through `before` and `after` after the same replacement. */
  private replaceBusy(before: number, seq: Int32Array, length: number, after: number): number {
    const d = this.data;
    const travel = d.profileTravelS[d.slotProfile[this.routeOf[before]]];
    let last = this.client(before);
    let busy = this.fBusy[before] + this.bBusy[after];
    for (let i = 0; i < length; i++) {
      busy += travel[last * d.stride + seq[i]] + d.serviceS[seq[i]];
      last = seq[i];
    }
    return busy + travel[last * d.stride + this.client(after)];
  }

  totalPenalisedCost(): number {
    let total = 0;
    if (this.trips) total = this.trips.total();
    else for (let r = 0; r < this.routeSlots; r++) total += this.routeCost[r];
    return this.data.hasOptional ? total + this.skippedPenalty : total;
  }
}
