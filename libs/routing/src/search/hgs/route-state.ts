import { HgsData } from './hgs-data';
import { routesInPolarOrder } from './polar-order';
import { RouteLoads } from './route-loads';
import { Penalties, SegmentAccumulator } from './segment';
import { TripChain } from './trip-chain';
import { TripSlots } from './trip-slots';
import { leftOutPenalty } from './window-groups';

const NO_CLIENTS: number[] = [];

/**
 * The solution under local search as doubly linked lists of nodes, with prefix and suffix segment
 * aggregates per node so any move that changes a few nodes is priced in O(changed nodes).
 *
 * Node ids: clients 1..n are their own node; route r has a start depot node `n + 1 + r` and an end
 * depot node `n + 1 + R + r` (R = route slots = fleet limit).
 */
export class RouteState {
  readonly n: number;
  readonly routeSlots: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly routeOf: Int32Array;
  readonly position: Int32Array;
  readonly routeSize: Int32Array;
  readonly routeCost: Float64Array;
  readonly routeLoad: Float64Array;
  /** Backhaul pickups of each route. */
  readonly routePickupLoad: Float64Array;
  /** Penalty part of `routeCost` (excess load and time warp), kept for move lower bounds. */
  readonly routePenaltyCost: Float64Array;
  /** Move counter value when the route last changed (drives "skip pairs tested since"). */
  readonly whenModified: Int32Array;
  moveCount = 0;
  penalties: Penalties = { capacity: 1, timeWarp: 1, distance: 1 };
  /** Slot of each route returned by the last `exportRoutes` (route slot r is vehicle r). */
  exportedSlots: number[] = [];
  /** Penalties of the optional clients left out of every route (their `routeOf` is -1). */
  skippedPenalty = 0;
  readonly acc: SegmentAccumulator;
  /** Per-dimension loads of prefixes and suffixes; null with `simpleLoad`. */
  private readonly loads: RouteLoads | null;
  /** Multi-trip bookkeeping (a route slot is one trip); null when every vehicle makes one trip. */
  readonly trips: TripSlots | null;
  /** Some vehicle's trips run between depots: segments then carry their first and last client (trip-ends.ts). */
  private readonly betweenDepots: boolean;

  // prefix aggregates: start depot .. node (inclusive)
  private readonly fCost: Float64Array;
  private readonly fLoad: Float64Array;
  private readonly fPick: Float64Array;
  private readonly fRelease: Float64Array;
  /** Peak on board (one dimension with pickups). */
  private readonly fPeak: Float64Array;
  private readonly fDur: Float64Array;
  private readonly fWarp: Float64Array;
  private readonly fEarly: Float64Array;
  private readonly fLate: Float64Array;
  /** Metres driven (with distance limits; else empty). */
  private readonly fDist: Float64Array;
  // suffix aggregates: node .. end depot (inclusive)
  private readonly bCost: Float64Array;
  private readonly bLoad: Float64Array;
  private readonly bPick: Float64Array;
  private readonly bRelease: Float64Array;
  private readonly bPeak: Float64Array;
  private readonly bDur: Float64Array;
  private readonly bWarp: Float64Array;
  private readonly bEarly: Float64Array;
  private readonly bLate: Float64Array;
  private readonly bDist: Float64Array;
  /**
   * Seconds of travel and service from the start depot to a node (inclusive) and from a node to the
   * end depot: a route lasts at least that long (waiting comes on top), so a vehicle paid by the hour
   * pays at least its rate on them. Only when some vehicle is (`pricesDuration`); else empty.
   */
  private readonly fBusy: Float64Array;
  private readonly bBusy: Float64Array;
  /** Whether some slot pays per second of duration (then move bounds count the busy seconds). */
  private readonly pricesDuration: boolean;

  constructor(
    readonly data: HgsData,
    routeSlots: number,
  ) {
    this.n = data.n;
    this.routeSlots = routeSlots;
    const nodes = data.n + 1 + 2 * routeSlots;
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.routeOf = new Int32Array(nodes);
    this.position = new Int32Array(nodes);
    this.routeSize = new Int32Array(routeSlots);
    this.routeCost = new Float64Array(routeSlots);
    this.routeLoad = new Float64Array(routeSlots);
    this.routePickupLoad = new Float64Array(routeSlots);
    this.routePenaltyCost = new Float64Array(routeSlots);
    this.whenModified = new Int32Array(routeSlots);
    this.fCost = new Float64Array(nodes);
    this.fLoad = new Float64Array(nodes);
    this.fPick = new Float64Array(nodes);
    this.fRelease = new Float64Array(nodes);
    this.fPeak = new Float64Array(nodes);
    this.fDur = new Float64Array(nodes);
    this.fWarp = new Float64Array(nodes);
    this.fEarly = new Float64Array(nodes);
    this.fLate = new Float64Array(nodes);
    this.bCost = new Float64Array(nodes);
    this.bLoad = new Float64Array(nodes);
    this.bPick = new Float64Array(nodes);
    this.bRelease = new Float64Array(nodes);
    this.bPeak = new Float64Array(nodes);
    this.bDur = new Float64Array(nodes);
    this.bWarp = new Float64Array(nodes);
    this.bEarly = new Float64Array(nodes);
    this.bLate = new Float64Array(nodes);
    this.fDist = new Float64Array(data.hasDistanceLimits ? nodes : 0);
    this.bDist = new Float64Array(data.hasDistanceLimits ? nodes : 0);
    this.pricesDuration = data.slotDurationCost.some((cost) => cost > 0);
    this.fBusy = new Float64Array(this.pricesDuration ? nodes : 0);
    this.bBusy = new Float64Array(this.pricesDuration ? nodes : 0);
    this.acc = new SegmentAccumulator(data);
    this.loads = data.dims > 1 ? new RouteLoads(data, nodes) : null;
    this.trips = data.multiTrip ? new TripSlots(data, routeSlots) : null;
    this.betweenDepots = data.vehicleTripEnds.some((ends) => ends !== null);
  }

  /** Arc costs of the matrices `route`'s vehicle drives on. */
  arcsOf(route: number): Float64Array {
    return this.data.profileArcCost[this.data.slotProfile[route]];
  }

  /** Whether two slots drive the same matrices with the same shift (then stored suffixes move between them as they are). */
  sameTiming(a: number, b: number): boolean {
    const d = this.data;
    return d.slotsShareTiming || (d.slotProfile[a] === d.slotProfile[b] && d.slotShiftStart[a] === d.slotShiftStart[b] && d.slotShiftEnd[a] === d.slotShiftEnd[b]);
  }

  startDepot(route: number): number {
    return this.n + 1 + route;
  }

  endDepot(route: number): number {
    return this.n + 1 + this.routeSlots + route;
  }

  isClient(node: number): boolean {
    return node <= this.n;
  }

  client(node: number): number {
    return node <= this.n ? node : 0;
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

  /** Whether a client is on a route (optional clients may be left out). */
  isRouted(client: number): boolean {
    return this.routeOf[client] >= 0;
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

  /** Recomputes positions and prefix/suffix aggregates of one route after a change. */
  updateRoute(route: number): void {
    const d = this.data;
    const acc = this.acc.startAtDepot(route);
    const start = this.startDepot(route);
    const end = this.endDepot(route);
    const busy = this.pricesDuration;
    const travel = d.profileTravelS[d.slotProfile[route]];
    let node = start;
    let position = 0;
    for (;;) {
      this.routeOf[node] = route;
      this.position[node] = position++;
      if (node !== start) {
        const c = this.client(node);
        if (busy) this.fBusy[node] = this.fBusy[this.prev[node]] + travel[acc.last * d.stride + c] + d.serviceS[c];
        acc.appendClient(c);
      } else if (busy) this.fBusy[node] = 0;
      this.fCost[node] = acc.cost;
      this.fLoad[node] = acc.load;
      this.fPick[node] = acc.pickupLoad;
      this.fRelease[node] = acc.releaseS;
      this.fPeak[node] = acc.peak;
      this.fDur[node] = acc.durationS;
      this.fWarp[node] = acc.timeWarpS;
      this.fEarly[node] = acc.earliestS;
      this.fLate[node] = acc.latestS;
      if (d.hasDistanceLimits) this.fDist[node] = acc.distance;
      if (this.loads) this.loads.storePrefix(node, acc);
      if (node === end) break;
      node = this.next[node];
    }
    this.routeSize[route] = position - 2;
    this.routeLoad[route] = acc.load;
    this.routePickupLoad[route] = acc.pickupLoad;
    this.routeCost[route] = acc.penalisedCost(this.penalties);
    // Everything above rate x arcs + fixed cost (penalties and the cost of duration): what move bounds may not count on.
    this.routePenaltyCost[route] = this.routeCost[route] - d.slotCostFactor[route] * acc.cost - (acc.visitsClient ? d.slotFixedCost[route] : 0);
    const arcs = this.arcsOf(route);
    // Suffixes, built backwards by prepending one node at a time to the stored suffix of its successor.
    this.bCost[end] = 0;
    this.bLoad[end] = 0;
    this.bPick[end] = 0;
    this.bRelease[end] = 0;
    this.bPeak[end] = 0;
    this.bDur[end] = 0;
    this.bWarp[end] = 0;
    this.bEarly[end] = -Infinity; // as `SegmentAccumulator.appendClient(0)`: the end depot has no earliest arrival
    this.bLate[end] = d.slotReturnByS[route];
    const metres = d.hasDistanceLimits ? d.profileDistanceM[d.slotProfile[route]] : null;
    if (metres) this.bDist[end] = 0;
    if (busy) this.bBusy[end] = 0;
    if (this.loads) this.loads.clearSuffix(end);
    let after = end;
    node = this.prev[end];
    for (;;) {
      const c = this.client(node);
      const arc = c * d.stride + this.client(after);
      this.bCost[node] = this.bCost[after] + arcs[arc];
      if (metres) this.bDist[node] = this.bDist[after] + metres[arc];
      if (!d.simpleLoad) this.bPeak[node] = Math.max(Math.max(d.demand[c], d.pickup[c]) + this.bLoad[after], this.bPeak[after] + d.pickup[c]);
      this.bLoad[node] = this.bLoad[after] + d.demand[c];
      this.bPick[node] = this.bPick[after] + d.pickup[c];
      if (this.loads) this.loads.prependToSuffix(node, c, after);
      this.bRelease[node] = Math.max(this.bRelease[after], d.releaseS[c]);
      if (d.hasTimeWindows) {
        const delta = d.serviceS[c] + travel[arc];
        const waitS = Math.max(this.bEarly[after] - delta - d.lateS[c], 0);
        const warpS = Math.max(d.earlyS[c] + delta - this.bLate[after], 0);
        this.bDur[node] = this.bDur[after] + delta + waitS;
        this.bWarp[node] = this.bWarp[after] + warpS;
        this.bEarly[node] = Math.max(this.bEarly[after] - delta, d.earlyS[c]) - waitS;
        this.bLate[node] = Math.min(this.bLate[after] - delta, d.lateS[c]) + warpS;
        if (busy) this.bBusy[node] = this.bBusy[after] + delta;
      }
      if (node === start) break;
      after = node;
      node = this.prev[node];
    }
    this.whenModified[route] = ++this.moveCount;
    if (this.trips) this.trips.update(this, route, acc);
  }

  /** Penalised cost of a closed route segment on its slot; multi-trip: its own cost plus its vehicle's chain with it. */
  private closedCost(acc: SegmentAccumulator): number {
    return this.trips ? this.trips.priceInChain(this, acc) : acc.penalisedCost(this.penalties);
  }

  /** Appends trip slot `t` as stored (nothing when empty) to a chain of trips. */
  appendStoredTrip(chain: TripChain, t: number): void {
    if (this.routeSize[t] === 0) return;
    const end = this.endDepot(t);
    const metres = this.data.hasDistanceLimits ? this.fDist[end] : 0;
    chain.appendTrip(this.fDur[end], this.fWarp[end], this.fEarly[end], this.fLate[end], this.fRelease[end], metres, this.next[this.startDepot(t)], this.prev[end]);
  }

  /** Starts the accumulator with the prefix of the route up to and including `node`. */
  beginWithPrefix(node: number): SegmentAccumulator {
    const loads = this.loads;
    if (loads) this.acc.startLoadsWith(loads.prefixDelivery, loads.prefixPickup, loads.prefixPeak, node * this.data.dims);
    if (this.betweenDepots) {
      // The trip's ends so far (a trip between depots joins its legs there).
      this.acc.firstClient = node <= this.n ? this.next[this.startDepot(this.routeOf[node])] : 0;
      this.acc.lastClient = this.client(node);
    }
    return this.acc.startWith(
      this.fCost[node],
      this.fLoad[node],
      this.fPick[node],
      this.fDur[node],
      this.fWarp[node],
      this.fEarly[node],
      this.fLate[node],
      this.client(node),
      node <= this.n,
      this.routeOf[node],
      this.fRelease[node],
      this.fPeak[node],
      this.data.hasDistanceLimits ? this.fDist[node] : 0,
    );
  }

  /** Appends the suffix of a route from `node` (inclusive) to its end depot. */
  appendSuffix(node: number): SegmentAccumulator {
    const loads = this.loads;
    if (loads) this.acc.appendLoads(loads.suffixDelivery, loads.suffixPickup, loads.suffixPeak, node * this.data.dims);
    // The suffix ends with its route's last client.
    if (this.betweenDepots && node <= this.n) this.acc.lastClient = this.prev[this.endDepot(this.routeOf[node])];
    return this.acc.appendSegment(
      this.client(node),
      this.bCost[node],
      this.bLoad[node],
      this.bPick[node],
      this.bDur[node],
      this.bWarp[node],
      this.bEarly[node],
      this.bLate[node],
      0,
      node <= this.n,
      this.bRelease[node],
      this.bPeak[node],
      this.data.hasDistanceLimits ? this.bDist[node] : 0,
    );
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

  /** Relinks: `before -> seq... -> after`. The caller updates the affected routes afterwards. */
  relink(before: number, seq: Int32Array, length: number, after: number): void {
    let previous = before;
    for (let i = 0; i < length; i++) {
      const node = seq[i];
      this.next[previous] = node;
      this.prev[node] = previous;
      previous = node;
    }
    this.next[previous] = after;
    this.prev[after] = previous;
  }

  /** Copies the clients strictly between `from` and `to` (same route) into `seq` from `offset`. */
  copyBetween(from: number, to: number, seq: Int32Array, offset: number): number {
    let length = offset;
    for (let node = this.next[from]; node !== to; node = this.next[node]) seq[length++] = node;
    return length;
  }

  /** Clients of each non-empty route, in polar order (`routesInPolarOrder`); their slots go to `exportedSlots`. */
  exportRoutes(): number[][] {
    const { routes, slots } = routesInPolarOrder(this);
    this.exportedSlots = slots;
    return routes;
  }

  /** First empty route slot, or -1. */
  firstEmptyRoute(): number {
    for (let r = 0; r < this.routeSlots; r++) if (this.routeSize[r] === 0) return r;
    return -1;
  }

  totalPenalisedCost(): number {
    let total = 0;
    if (this.trips) total = this.trips.total();
    else for (let r = 0; r < this.routeSlots; r++) total += this.routeCost[r];
    return this.data.hasOptional ? total + this.skippedPenalty : total;
  }
}
