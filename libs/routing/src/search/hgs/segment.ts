import { HgsData } from './hgs-data';

/** Cost weights for infeasibility; the genetic loop adapts them to keep ~20% of offspring feasible. */
export interface Penalties {
  /** Per unit of load above capacity. */
  capacity: number;
  /** Per second of time warp (arriving after a window closes, counted as if travelling back in time). */
  timeWarp: number;
}

/**
 * A route segment summarised so that two segments concatenate in O(1) (Vidal et al. 2013, the
 * "time warp" formulation): total duration, time warp, earliest and latest start that realise the
 * minimal duration, plus cost and load. Used by Split, by every move evaluation and for full routes.
 *
 * The accumulator is mutable and reused, so move evaluation allocates nothing.
 */
export class SegmentAccumulator {
  cost = 0;
  load = 0;
  /** Pickups collected on the segment (backhauls); they ride to the depot beside the deliveries. */
  pickupLoad = 0;
  durationS = 0;
  timeWarpS = 0;
  earliestS = 0;
  latestS = 0;
  /** Last client of the segment (0 for a depot). */
  last = 0;
  /** Whether the segment visits at least one client (decides the fixed route cost). */
  visitsClient = false;
  /** Latest release time of the segment's clients: the route cannot leave the depot before it. */
  releaseS = 0;
  /** Route slot (vehicle) whose capacity, fixed cost and cost factor price the closed route. */
  slot = 0;

  constructor(private readonly data: HgsData) {}

  /** Starts a segment with the depot at the start of a route on `slot`. */
  startAtDepot(slot = 0): this {
    this.slot = slot;
    this.releaseS = 0;
    this.cost = 0;
    this.load = 0;
    this.pickupLoad = 0;
    this.durationS = 0;
    this.timeWarpS = 0;
    this.earliestS = this.data.earlyS[0];
    this.latestS = this.data.lateS[0];
    this.last = 0;
    this.visitsClient = false;
    return this;
  }

  /** Starts from stored aggregates (a route prefix on `slot`). */
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
  ): this {
    this.slot = slot;
    this.releaseS = releaseS;
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

  /** Appends one client (or the depot, client 0, to close the route). */
  appendClient(client: number): this {
    const d = this.data;
    const arc = this.last * d.stride + client;
    this.cost += d.arcCost[arc];
    this.load += d.demand[client];
    if (d.hasPickups) this.pickupLoad += d.pickup[client];
    if (d.hasReleaseTimes) this.releaseS = Math.max(this.releaseS, d.releaseS[client]);
    if (client !== 0) this.visitsClient = true;
    if (d.hasTimeWindows) this.mergeTime(d.travelS[arc], d.serviceS[client], 0, d.earlyS[client], d.lateS[client]);
    this.last = client;
    return this;
  }

  /** Appends a stored segment that starts at `first` and ends at `last`. */
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
  ): this {
    const d = this.data;
    const arc = this.last * d.stride + first;
    this.cost += d.arcCost[arc] + cost;
    this.load += load;
    this.pickupLoad += pickupLoad;
    if (releaseS > this.releaseS) this.releaseS = releaseS;
    if (visitsClient) this.visitsClient = true;
    if (d.hasTimeWindows) this.mergeTime(d.travelS[arc], durationS, timeWarpS, earliestS, latestS);
    this.last = last;
    return this;
  }

  private mergeTime(travelS: number, durationS: number, timeWarpS: number, earliestS: number, latestS: number): void {
    const delta = this.durationS - this.timeWarpS + travelS;
    const waitS = Math.max(earliestS - delta - this.latestS, 0);
    const warpS = Math.max(this.earliestS + delta - latestS, 0);
    this.durationS += durationS + travelS + waitS;
    this.timeWarpS += timeWarpS + warpS;
    this.earliestS = Math.max(earliestS - delta, this.earliestS) - waitS;
    this.latestS = Math.min(latestS - delta, this.latestS) + warpS;
  }

  /**
   * Load above the slot's capacity (negative when under it). With backhauls the deliveries are all
   * dropped before the first pickup (linehaul before backhaul), so the load peaks at the start or
   * at the end of the route and each sum is checked on its own.
   */
  excessLoad(): number {
    const capacity = this.data.slotCapacity[this.slot];
    if (!this.data.hasPickups) return this.load - capacity;
    return Math.max(this.load - capacity, 0) + Math.max(this.pickupLoad - capacity, 0);
  }

  /** Penalised cost if the segment were closed by returning to the depot; leaves it unchanged. */
  costIfClosed(penalties: Penalties): number {
    const d = this.data;
    const arc = this.last * d.stride;
    let warpS = this.timeWarpS;
    if (d.hasTimeWindows) {
      const delta = this.durationS - this.timeWarpS + d.travelS[arc];
      const endWarpS = Math.max(this.earliestS + delta - d.lateS[0], 0);
      warpS += endWarpS;
      if (d.hasReleaseTimes) warpS += Math.max(this.releaseS - (Math.min(d.lateS[0] - delta, this.latestS) + endWarpS), 0);
    }
    const excess = this.excessLoad();
    return (
      d.slotCostFactor[this.slot] * (this.cost + d.arcCost[arc]) +
      (this.visitsClient ? d.slotFixedCost[this.slot] : 0) +
      (excess > 0 ? penalties.capacity * excess : 0) +
      penalties.timeWarp * warpS
    );
  }

  /** Penalised cost of the segment read as a whole route. */
  penalisedCost(penalties: Penalties): number {
    const d = this.data;
    const excess = this.excessLoad();
    return (
      d.slotCostFactor[this.slot] * this.cost +
      (this.visitsClient ? d.slotFixedCost[this.slot] : 0) +
      (excess > 0 ? penalties.capacity * excess : 0) +
      penalties.timeWarp * (d.hasReleaseTimes ? this.routeTimeWarp() : this.timeWarpS)
    );
  }

  /**
   * Time warp of the segment read as a whole route: with release times (as PyVRP's duration
   * segments), leaving the depot at the latest release adds the time by which it is after the
   * latest start that keeps the minimal time warp.
   */
  routeTimeWarp(): number {
    return this.data.hasReleaseTimes ? this.timeWarpS + Math.max(this.releaseS - this.latestS, 0) : this.timeWarpS;
  }
}
