import { HgsData } from './hgs-data';
import { Penalties, SegmentAccumulator } from './segment';
import { TripChain } from './trip-chain';
import { StoredTrips, TripChainAggregates } from './trip-chain-aggregates';

/**
 * What the trip bookkeeping reads and writes in the route state (`RouteState` is one): declared
 * here so that the two modules do not import each other.
 */
export interface TripSlotsState extends StoredTrips {
  readonly penalties: Penalties;
  readonly routeCost: Float64Array;
  readonly routePenaltyCost: Float64Array;
  readonly whenModified: Int32Array;
  readonly moveCount: number;
}

/**
 * The route state's bookkeeping for multi-trip vehicles. A route slot is one trip, and
 * `RouteState.routeCost[r]` is the trip's own cost (arcs, load) plus the time cost of its vehicle's
 * whole chain of trips, so that a move changing one trip is priced as "new trip's own cost + chain
 * with the new trip" minus `routeCost`, as for single-trip routes, and every lower bound that
 * counts only arcs stays one. The chain with one new trip is priced in O(1) in the number of trips
 * from the chains before and after its slot (trip-chain-aggregates.ts), rebuilt once per applied
 * move. A move changing two trips of one vehicle (`priceTwoTrips`) and a swap of two trips
 * (`swapDelta`) walk the whole chain instead: two changed trips break the prefix and suffix, and
 * those moves are rarer (2-opt* and the paired edits within one vehicle, and one reordering pass).
 */
export class TripSlots {
  private readonly ownCost: Float64Array;
  /** Rate x arc cost of each trip: what move bounds may count on. */
  private readonly arcCost: Float64Array;
  /** Per vehicle: fixed cost, cost of duration and time-warp penalty of its chain of trips. */
  private readonly vehicleCost: Float64Array;
  private readonly chain = new TripChain();
  private readonly aggregates: TripChainAggregates;
  private holding = false;
  /** The trip priced first while holding: it replaces its slot's stored trip in the next pricing. */
  private heldSlot = -1;
  private heldOwnCost = 0;
  private heldVisits = false;
  private heldDurationS = 0;
  private heldTimeWarpS = 0;
  private heldEarliestS = 0;
  private heldLatestS = 0;
  private heldReleaseS = 0;
  private heldDistance = 0;
  private heldFirst = 0;
  private heldLast = 0;

  constructor(
    private readonly data: HgsData,
    routeSlots: number,
  ) {
    this.ownCost = new Float64Array(routeSlots);
    this.arcCost = new Float64Array(routeSlots);
    this.vehicleCost = new Float64Array(data.vehicleFirstSlot.length - 1);
    this.aggregates = new TripChainAggregates(data, routeSlots);
  }

  /**
   * After trip `route` changed (its closed segment in `acc`): reprices its vehicle's chain and every
   * trip slot of the vehicle (their cost includes the chain's), and marks them all modified: moves
   * into any of them are priced differently now.
   */
  update(state: TripSlotsState, route: number, acc: SegmentAccumulator): void {
    const d = this.data;
    this.ownCost[route] = acc.tripCost(state.penalties);
    this.arcCost[route] = d.slotCostFactor[route] * acc.cost;
    const vehicle = d.slotVehicle[route];
    const first = d.vehicleFirstSlot[vehicle];
    const end = d.vehicleFirstSlot[vehicle + 1];
    const chain = this.aggregates.rebuild(state, vehicle, this.chain);
    const timeCost = chain.penalisedCost(d, first, state.penalties);
    this.vehicleCost[vehicle] = timeCost;
    for (let t = first; t < end; t++) {
      state.routeCost[t] = this.ownCost[t] + timeCost;
      state.routePenaltyCost[t] = state.routeCost[t] - this.arcCost[t];
      state.whenModified[t] = state.moveCount;
    }
  }

  /** Penalised cost of a closed trip (`acc`, on its slot): its own cost plus its vehicle's chain with it. */
  priceInChain(state: TripSlotsState, acc: SegmentAccumulator): number {
    const d = this.data;
    const slot = acc.slot;
    const first = d.vehicleFirstSlot[d.slotVehicle[slot]];
    const ownCost = acc.tripCost(state.penalties);
    // The second trip of `priceTwoTrips` walks the chain with the first one held.
    const chain = this.heldSlot >= 0 ? this.chainWithHeld(state, acc) : this.aggregates.chainWith(state, acc, this.chain);
    if (this.holding && this.heldSlot < 0) {
      this.heldSlot = slot;
      this.heldOwnCost = ownCost;
      this.heldVisits = acc.visitsClient;
      this.heldDurationS = acc.durationS;
      this.heldTimeWarpS = acc.timeWarpS;
      this.heldEarliestS = acc.earliestS;
      this.heldLatestS = acc.latestS;
      this.heldReleaseS = acc.releaseS;
      this.heldDistance = acc.distance;
      this.heldFirst = acc.firstClient;
      this.heldLast = acc.lastClient;
    }
    return ownCost + chain.penalisedCost(d, first, state.penalties);
  }

  /** The chain of `acc`'s vehicle with `acc` on its slot and the held trip on its own, walked trip by trip. */
  private chainWithHeld(state: TripSlotsState, acc: SegmentAccumulator): TripChain {
    const d = this.data;
    const slot = acc.slot;
    const vehicle = d.slotVehicle[slot];
    const chain = this.chain.start(d.vehicleTripEnds[vehicle]);
    for (let t = d.vehicleFirstSlot[vehicle]; t < d.vehicleFirstSlot[vehicle + 1]; t++) {
      if (t === slot) chain.appendSegment(acc);
      else if (t !== this.heldSlot) state.appendStoredTrip(chain, t);
      else if (this.heldVisits) {
        chain.appendTrip(this.heldDurationS, this.heldTimeWarpS, this.heldEarliestS, this.heldLatestS, this.heldReleaseS, this.heldDistance, this.heldFirst, this.heldLast);
      }
    }
    return chain;
  }

  /** Whether two route slots are trips of one vehicle. */
  sameVehicle(a: number, b: number): boolean {
    return this.data.slotVehicle[a] === this.data.slotVehicle[b];
  }

  /**
   * Two trips of one vehicle changed together: the first pricing is kept, and the second chains
   * both new trips. Returns their new own costs plus the new chain, to compare with `twoTripsCost`.
   */
  priceTwoTrips(priceFirst: () => number, priceSecond: () => number): number {
    this.holding = true;
    this.heldSlot = -1;
    priceFirst();
    const second = priceSecond();
    const total = this.heldOwnCost + second;
    this.holding = false;
    this.heldSlot = -1;
    return total;
  }

  /** Current own costs of two trips of one vehicle plus its chain (what `priceTwoTrips` replaces). */
  twoTripsCost(a: number, b: number): number {
    return this.ownCost[a] + this.ownCost[b] + this.vehicleCost[this.data.slotVehicle[a]];
  }

  /** Change in cost if trips `a` and `b` of one vehicle traded places (their own costs stay; the chain changes). */
  swapDelta(state: TripSlotsState, a: number, b: number): number {
    const vehicle = this.data.slotVehicle[a];
    const first = this.data.vehicleFirstSlot[vehicle];
    // Walked trip by trip: two trips change, which a prefix and a suffix around one slot cannot hold.
    const chain = this.chain.start(this.data.vehicleTripEnds[vehicle]);
    for (let t = first; t < this.data.vehicleFirstSlot[vehicle + 1]; t++) state.appendStoredTrip(chain, t === a ? b : t === b ? a : t);
    return chain.penalisedCost(this.data, first, state.penalties) - this.vehicleCost[vehicle];
  }

  /** Own costs of every trip plus every vehicle's chain. */
  total(): number {
    let total = 0;
    for (let r = 0; r < this.ownCost.length; r++) total += this.ownCost[r];
    for (let v = 0; v < this.vehicleCost.length; v++) total += this.vehicleCost[v];
    return total;
  }
}
