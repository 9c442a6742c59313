import { HgsData } from './hgs-data';

/** Cost weights for infeasibility; the genetic loop adapts them to keep ~20% of offspring feasible. */
export interface Penalties {
  /** Per unit of load above capacity. */
  capacity: number;
  /** Per second of time warp (arriving after a window closes, counted as if travelling back in time). */
  timeWarp: number;
  /** Per metre driven above a vehicle's distance limit. */
  distance: number;
}

/**
 * A route segment summarised so that two segments concatenate in O(1) (Vidal et al. 2013, the
 * "time warp" formulation): total duration, time warp, earliest and latest start that realise the
 * minimal duration, plus cost and load. Used by Split, by every move evaluation and for full routes.
 *
 * Loads: with one dimension and deliveries only, `load` is the sum of the demands. Otherwise (several
 * dimensions, or pickups) each dimension carries, as PyVRP's load segments, the delivery sum, the
 * pickup sum and the peak load on board attributable to the segment, so that the peak of a
 * concatenation is `max(peak1 + delivery2, peak2 + pickup1)`: produce collected on the way rides
 * beside the parcels still to drop, in any order.
 *
 * With distance limits, the segment also sums the metres it drives (`distance`), so the excess over
 * the slot's limit is priced in O(1) like the load's.
 *
 * The time part is on the slot's matrices and shift (each vehicle type its own profile); the cost
 * part prices the closed route on the slot: rate x arc costs + fixed cost + cost per second x
 * duration, plus the penalties. The accumulator is mutable and reused, so move evaluation allocates
 * nothing.
 */
export class SegmentAccumulator {
  cost = 0;
  /** Delivery sum of dimension 0. */
  load = 0;
  /** Pickup sum of dimension 0. */
  pickupLoad = 0;
  /** Peak load on board with one dimension and pickups (several dimensions: `peaks`). */
  peak = 0;
  /** Per dimension (only with several dimensions): delivery sum, pickup sum, peak load. */
  readonly deliveries: Float64Array;
  readonly pickups: Float64Array;
  readonly peaks: Float64Array;
  durationS = 0;
  timeWarpS = 0;
  earliestS = 0;
  latestS = 0;
  /** Last client of the segment (0 for a depot). */
  last = 0;
  /** Whether the segment visits at least one client (decides the fixed route cost). */
  visitsClient = false;
  /** First and last client visited (0 before any): where a trip between depots leaves and joins its legs (trip-chain.ts). */
  firstClient = 0;
  lastClient = 0;
  /** Latest release time of the segment's clients: the route cannot leave the depot before it. */
  releaseS = 0;
  /** Metres driven (only with distance limits). */
  distance = 0;
  /** Route slot (vehicle) whose matrices, shift, capacity and costs price the segment. */
  slot = 0;
  /** When the route must be back at client 0 (`HgsFleet.slotReturnByS`, or the shift for a whole tour). */
  private returnByS = 0;
  private arcs: Float64Array;
  private travel: Float64Array;
  private metres: Float64Array;

  constructor(private readonly data: HgsData) {
    this.deliveries = new Float64Array(data.dims);
    this.pickups = new Float64Array(data.dims);
    this.peaks = new Float64Array(data.dims);
    this.arcs = data.arcCost;
    this.travel = data.travelS;
    this.metres = data.hasDistanceLimits ? data.profileDistanceM[data.slotProfile[data.referenceSlot]] : data.travelS;
  }

  /** Puts the segment on `slot`: its matrices (`profile`) for the arcs still to come, its capacity and costs when closed. */
  onSlot(slot: number, profile = this.data.slotProfile[slot]): this {
    this.slot = slot;
    this.returnByS = this.data.slotReturnByS[slot];
    this.arcs = this.data.profileArcCost[profile];
    this.travel = this.data.profileTravelS[profile];
    if (this.data.hasDistanceLimits) this.metres = this.data.profileDistanceM[profile];
    return this;
  }

  /**
   * Starts a segment with the depot at the start of a route on `slot`. `tour`: priced as a whole
   * route out of and back to a depot within the shift even on a trip between depots (`slotTourProfile`),
   * for the heuristics that cut and place routes.
   */
  startAtDepot(slot = 0, tour = false): this {
    const d = this.data;
    this.onSlot(slot, tour ? d.slotTourProfile[slot] : d.slotProfile[slot]);
    if (tour) this.returnByS = d.slotShiftEnd[slot];
    this.releaseS = 0;
    this.cost = 0;
    this.distance = 0;
    this.load = 0;
    this.pickupLoad = 0;
    this.peak = 0;
    if (this.data.dims > 1) {
      this.deliveries.fill(0);
      this.pickups.fill(0);
      this.peaks.fill(0);
    }
    this.durationS = 0;
    this.timeWarpS = 0;
    this.earliestS = tour ? d.slotShiftStart[slot] : d.slotDepartAfterS[slot];
    this.latestS = tour ? d.slotShiftEnd[slot] : d.slotReturnByS[slot];
    this.last = 0;
    this.visitsClient = false;
    this.firstClient = 0;
    this.lastClient = 0;
    return this;
  }

  /** Starts from stored aggregates (a route prefix on `slot`); the per-dimension loads follow with `startLoadsWith`. */
  startWith(
    cost: number,
    load: number,
    pickupLoad: number,
    durationS: number,
    timeWarpS: number,
    earliestS: number,
    latestS: number,
    last: number,
    visitsClient: boolean,
    slot: number,
    releaseS = 0,
    peak = 0,
    distance = 0,
  ): this {
    this.onSlot(slot);
    this.distance = distance;
    this.releaseS = releaseS;
    this.peak = peak;
    this.cost = cost;
    this.load = load;
    this.pickupLoad = pickupLoad;
    this.durationS = durationS;
    this.timeWarpS = timeWarpS;
    this.earliestS = earliestS;
    this.latestS = latestS;
    this.last = last;
    this.visitsClient = visitsClient;
    return this;
  }

  /** Sets the per-dimension loads from stored ones at `offset` (a prefix). */
  startLoadsWith(deliveries: Float64Array, pickups: Float64Array, peaks: Float64Array, offset: number): this {
    for (let k = 0; k < this.data.dims; k++) {
      this.deliveries[k] = deliveries[offset + k];
      this.pickups[k] = pickups[offset + k];
      this.peaks[k] = peaks[offset + k];
    }
    return this;
  }

  /** Appends stored per-dimension loads at `offset` (a suffix): call before `appendSegment`'s successors read them. */
  appendLoads(deliveries: Float64Array, pickups: Float64Array, peaks: Float64Array, offset: number): this {
    for (let k = 0; k < this.data.dims; k++) {
      this.peaks[k] = Math.max(this.peaks[k] + deliveries[offset + k], peaks[offset + k] + this.pickups[k]);
      this.deliveries[k] += deliveries[offset + k];
      this.pickups[k] += pickups[offset + k];
    }
    return this;
  }

  /** Appends one client (or the depot, client 0, to close the route). */
  appendClient(client: number): this {
    const d = this.data;
    const arc = this.last * d.stride + client;
    this.cost += this.arcs[arc];
    if (d.hasDistanceLimits) this.distance += this.metres[arc];
    if (d.simpleLoad) this.load += d.demand[client];
    else if (d.dims === 1) {
      const delivery = d.demand[client];
      const pickup = d.pickup[client];
      this.peak = Math.max(this.peak + delivery, Math.max(delivery, pickup) + this.pickupLoad);
      this.load += delivery;
      this.pickupLoad += pickup;
    } else {
      this.load += d.demand[client];
      this.pickupLoad += d.pickup[client];
      const offset = client * d.dims;
      for (let k = 0; k < d.dims; k++) {
        const delivery = d.deliveryK[offset + k];
        const pickup = d.pickupK[offset + k];
        this.peaks[k] = Math.max(this.peaks[k] + delivery, Math.max(delivery, pickup) + this.pickups[k]);
        this.deliveries[k] += delivery;
        this.pickups[k] += pickup;
      }
    }
    if (d.hasReleaseTimes) this.releaseS = Math.max(this.releaseS, d.releaseS[client]);
    if (client !== 0) {
      if (!this.visitsClient) this.firstClient = client;
      this.lastClient = client;
      this.visitsClient = true;
    }
    if (d.hasTimeWindows) {
      // Back at the depot by the shift's end; arriving early (after time warp) waits for nothing.
      if (client === 0) this.mergeTime(this.travel[arc], 0, 0, -Infinity, this.returnByS);
      else this.mergeTime(this.travel[arc], d.serviceS[client], 0, d.earlyS[client], d.lateS[client]);
    }
    this.last = client;
    return this;
  }

  /** Appends a stored segment that starts at `first` and ends at `last` (per-dimension loads: `appendLoads`). */
  appendSegment(
    first: number,
    cost: number,
    load: number,
    pickupLoad: number,
    durationS: number,
    timeWarpS: number,
    earliestS: number,
    latestS: number,
    last: number,
    visitsClient: boolean,
    releaseS = 0,
    peak = 0,
    distance = 0,
  ): this {
    const d = this.data;
    const arc = this.last * d.stride + first;
    this.cost += this.arcs[arc] + cost;
    if (d.hasDistanceLimits) this.distance += this.metres[arc] + distance;
    if (!d.simpleLoad) this.peak = Math.max(this.peak + load, peak + this.pickupLoad);
    this.load += load;
    this.pickupLoad += pickupLoad;
    if (releaseS > this.releaseS) this.releaseS = releaseS;
    if (visitsClient && !this.visitsClient) this.firstClient = first;
    if (visitsClient) this.visitsClient = true;
    if (d.hasTimeWindows) this.mergeTime(this.travel[arc], durationS, timeWarpS, earliestS, latestS);
    this.last = last;
    return this;
  }

  private mergeTime(travelS: number, durationS: number, timeWarpS: number, earliestS: number, latestS: number): void {
    concatenateTime(this, travelS, durationS, timeWarpS, earliestS, latestS);
  }

  /**
   * Load above the slot's capacity: with one dimension and deliveries only, the demand sum minus
   * the capacity (negative when under it); otherwise the peak's excess summed over the dimensions
   * at their weights (never negative).
   */
  excessLoad(): number {
    const d = this.data;
    if (d.simpleLoad) return this.load - d.slotCapacity[this.slot];
    if (d.dims === 1) return Math.max(this.peak - d.slotCapacity[this.slot], 0);
    let excess = 0;
    const offset = this.slot * d.dims;
    for (let k = 0; k < d.dims; k++) {
      const over = this.peaks[k] - d.slotCapacityK[offset + k];
      if (over > 0) excess += d.dimensionWeight[k] * over;
    }
    return excess;
  }

  /** Metres driven above the slot's distance limit (0 without limits). */
  excessDistance(): number {
    return this.data.hasDistanceLimits ? Math.max(this.distance - this.data.slotMaxDistance[this.slot], 0) : 0;
  }

  /** Whether the load peaks above `factor` times the capacity of `slot` in some dimension. */
  loadExceeds(factor: number, slot: number): boolean {
    const d = this.data;
    if (d.simpleLoad) return this.load > factor * d.slotCapacity[slot];
    if (d.dims === 1) return this.peak > factor * d.slotCapacity[slot];
    for (let k = 0; k < d.dims; k++) if (this.peaks[k] > factor * d.slotCapacityK[slot * d.dims + k]) return true;
    return false;
  }

  /** The peak load summed over dimensions at their weights (orders routes by size). */
  weightedPeak(): number {
    const d = this.data;
    if (d.simpleLoad) return this.load;
    if (d.dims === 1) return this.peak;
    let total = 0;
    for (let k = 0; k < d.dims; k++) total += d.dimensionWeight[k] * this.peaks[k];
    return total;
  }

  /** Penalised cost if the segment were closed by returning to the depot; leaves it unchanged. */
  costIfClosed(penalties: Penalties): number {
    const d = this.data;
    const arc = this.last * d.stride;
    let warpS = this.timeWarpS;
    let durationS = 0;
    if (d.hasTimeWindows) {
      const shiftEndS = d.slotShiftEnd[this.slot];
      const delta = this.durationS - this.timeWarpS + this.travel[arc];
      const endWarpS = Math.max(this.earliestS + delta - shiftEndS, 0);
      warpS += endWarpS;
      if (d.hasReleaseTimes) warpS += Math.max(this.releaseS - (Math.min(shiftEndS - delta, this.latestS) + endWarpS), 0);
      durationS = this.durationS + this.travel[arc];
      if (d.hasDurationLimits) warpS += Math.max(durationS - d.slotMaxDuration[this.slot], 0);
    }
    const excess = this.excessLoad();
    const cost =
      d.slotCostFactor[this.slot] * (this.cost + this.arcs[arc]) +
      (this.visitsClient ? d.slotFixedCost[this.slot] + d.slotDurationCost[this.slot] * durationS : 0) +
      (excess > 0 ? penalties.capacity * excess : 0) +
      penalties.timeWarp * warpS;
    return d.hasDistanceLimits ? cost + penalties.distance * Math.max(this.distance + this.metres[arc] - d.slotMaxDistance[this.slot], 0) : cost;
  }

  /** Cost of the segment read as a whole route without penalties: rate x arcs + fixed cost + cost of its duration. */
  routeCost(): number {
    const d = this.data;
    return d.slotCostFactor[this.slot] * this.cost + (this.visitsClient ? d.slotFixedCost[this.slot] + d.slotDurationCost[this.slot] * this.durationS : 0);
  }

  /** Penalised cost of the segment read as one trip of a multi-trip vehicle: arcs and load only (time and distance limits are the chain's, trip-chain.ts). */
  tripCost(penalties: Penalties): number {
    const excess = this.excessLoad();
    return this.routeCost() + (excess > 0 ? penalties.capacity * excess : 0);
  }

  /** Penalised cost of the segment read as a whole route. */
  penalisedCost(penalties: Penalties): number {
    const excess = this.excessLoad();
    const cost = this.routeCost() + (excess > 0 ? penalties.capacity * excess : 0) + penalties.timeWarp * this.routeTimeWarp();
    return this.data.hasDistanceLimits ? cost + penalties.distance * this.excessDistance() : cost;
  }

  /**
   * Time warp of the segment read as a whole route: with release times (as PyVRP's duration
   * segments), leaving the depot at the latest release adds the time by which it is after the
   * latest start that keeps the minimal time warp; a duration above the slot's limit counts too.
   */
  routeTimeWarp(): number {
    const d = this.data;
    let warpS = this.timeWarpS;
    if (d.hasReleaseTimes) warpS += Math.max(this.releaseS - this.latestS, 0);
    if (d.hasDurationLimits) warpS += Math.max(this.durationS - d.slotMaxDuration[this.slot], 0);
    return warpS;
  }
}

/** The time part of a time-warp segment: its duration, time warp, and the earliest and latest start that realise them. */
export interface TimeSegment {
  durationS: number;
  timeWarpS: number;
  earliestS: number;
  latestS: number;
}

/** Makes `into` the time segment `from`. */
export function copyTime(into: TimeSegment, from: TimeSegment): void {
  into.durationS = from.durationS;
  into.timeWarpS = from.timeWarpS;
  into.earliestS = from.earliestS;
  into.latestS = from.latestS;
}

/**
 * Concatenates a segment after `into`, `travelS` apart, in place (Vidal et al. 2013): wait if the
 * segment cannot start yet, warp if it should have started already. Route segments and the trip
 * chain of a reloading vehicle (trips back to back at the depot, no travel) both extend this way.
 */
export function concatenateTime(into: TimeSegment, travelS: number, durationS: number, timeWarpS: number, earliestS: number, latestS: number): void {
  const delta = into.durationS - into.timeWarpS + travelS;
  const waitS = Math.max(earliestS - delta - into.latestS, 0);
  const warpS = Math.max(into.earliestS + delta - latestS, 0);
  into.durationS += durationS + travelS + waitS;
  into.timeWarpS += timeWarpS + warpS;
  into.earliestS = Math.max(earliestS - delta, into.earliestS) - waitS;
  into.latestS = Math.min(latestS - delta, into.latestS) + warpS;
}
