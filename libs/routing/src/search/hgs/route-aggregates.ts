import { HgsData } from './hgs-data';
import { RouteLinks } from './route-links';
import { RouteLoads } from './route-loads';
import { Penalties, SegmentAccumulator } from './segment';
import { TripChain } from './trip-chain';
import { TripSlots } from './trip-slots';

/**
 * Prefix and suffix segment aggregates per node of the linked routes, so any move that changes a
 * few nodes is priced in O(changed nodes) (`RouteState` prices them), and each route's cost.
 */
export class RouteAggregates extends RouteLinks {
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
  readonly acc: SegmentAccumulator;
  /** Per-dimension loads of prefixes and suffixes; null with `simpleLoad`. */
  protected readonly loads: RouteLoads | null;
  /** Multi-trip bookkeeping (a route slot is one trip); null when every vehicle makes one trip. */
  readonly trips: TripSlots | null;
  /** Some vehicle's trips run between depots: segments then carry their first and last client (trip-ends.ts). */
  private readonly betweenDepots: boolean;

  // prefix aggregates: start depot .. node (inclusive)
  protected readonly fCost: Float64Array;
  protected readonly fLoad: Float64Array;
  private readonly fPick: Float64Array;
  protected readonly fRelease: Float64Array;
  /** Peak on board (one dimension with pickups). */
  protected readonly fPeak: Float64Array;
  protected readonly fDur: Float64Array;
  protected readonly fWarp: Float64Array;
  private readonly fEarly: Float64Array;
  protected readonly fLate: Float64Array;
  /** Metres driven (with distance limits; else empty). */
  protected readonly fDist: Float64Array;
  // suffix aggregates: node .. end depot (inclusive)
  protected readonly bCost: Float64Array;
  protected readonly bLoad: Float64Array;
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
  protected readonly fBusy: Float64Array;
  protected readonly bBusy: Float64Array;
  /** Whether some slot pays per second of duration (then move bounds count the busy seconds). */
  protected readonly pricesDuration: boolean;

  constructor(data: HgsData, routeSlots: number) {
    super(data, routeSlots);
    const nodes = this.nodeCount;
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

  /** Appends trip slot `t` as stored to a chain of trips; false (nothing appended) when it is empty. */
  appendStoredTrip(chain: TripChain, t: number): boolean {
    if (this.routeSize[t] === 0) return false;
    const end = this.endDepot(t);
    const metres = this.data.hasDistanceLimits ? this.fDist[end] : 0;
    chain.appendTrip(this.fDur[end], this.fWarp[end], this.fEarly[end], this.fLate[end], this.fRelease[end], metres, this.next[this.startDepot(t)], this.prev[end]);
    return true;
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
}
