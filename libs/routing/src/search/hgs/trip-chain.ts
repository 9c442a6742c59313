import { HgsData } from './hgs-data';
import { concatenateTime, copyTime, Penalties, SegmentAccumulator, TimeSegment } from './segment';
import { VehicleTripEnds } from './trip-ends';

/**
 * The trips of one multi-trip vehicle chained in time: trip t + 1 leaves the depot once trip t is
 * back and once every client it carries is released. Each trip arrives as a closed route segment
 * (duration, time warp, earliest and latest start at the depot, latest release). Before it joins
 * the chain it is "finalised" as PyVRP's duration segments are: it cannot start before its
 * release, and a release after its latest start costs the difference as time warp. Then it is
 * concatenated with no travel between (the reload is at the depot it returned to), in O(1), so a
 * vehicle's chain of at most `tripsPerVehicle` trips is priced in O(trips); two chains, the
 * trips before a slot and those after it, concatenate in O(1) too (`appendChain`), so a move
 * changing one trip is priced from them (trip-chain-aggregates.ts). Empty trips are skipped;
 * a vehicle that does not reload is a chain of one trip. The chain also sums the trips' metres: a
 * vehicle's distance limit bounds its whole day, as its route with reloads is measured.
 *
 * Trips between depots (`start(ends)`, trip-ends.ts) arrive without their legs to and from client
 * 0, with their first and last client: the chain holds the last trip open until the next one
 * says where the vehicle reloads (or the chain is read: then it goes to the vehicle's end), adds
 * the legs' time, metres and cost, and finalises it then, so a trip leaves its depot no earlier
 * than its release.
 */
export class TripChain {
  durationS = 0;
  timeWarpS = 0;
  earliestS = 0;
  latestS = 0;
  /** Metres of the trips so far (only with distance limits). */
  distance = 0;
  /** Whether some trip visits a client (the vehicle then pays its fixed cost). */
  used = false;
  /** Rate x arc cost of the legs between the trips and their depots (trips between depots only). */
  legCost = 0;
  private ends: VehicleTripEnds | null = null;
  /** Some trip is chained already (the rest extend it). */
  private chained = false;
  /** The last trip between depots, from its depot on, until the chain knows where it ends. */
  private open = false;
  private readonly openTrip: TimeSegment = { durationS: 0, timeWarpS: 0, earliestS: 0, latestS: 0 };
  private openReleaseS = 0;
  private openDistance = 0;
  private openLast = 0;
  /** The depot row (`VehicleTripEnds`) the chain's first trip leaves: 0 the vehicle's start. */
  private firstRow = 0;
  /** Between depots: the depot row the last appended trip left (1 + r: the trip before it returned to reload location r). */
  outRow = 0;

  /**
   * Starts an empty chain; `ends` for a vehicle whose trips run between depots. `firstRow`: the
   * depot row its first trip leaves, 1 + r for the trips that follow one that returned to reload
   * location r (trip-chain-aggregates.ts); 0, the vehicle's start, for a whole day.
   */
  start(ends: VehicleTripEnds | null = null, firstRow = 0): this {
    this.firstRow = firstRow;
    this.outRow = 0;
    this.distance = 0;
    this.durationS = 0;
    this.timeWarpS = 0;
    this.earliestS = -Infinity;
    this.latestS = Infinity;
    this.used = false;
    this.chained = false;
    this.ends = ends;
    this.open = false;
    this.legCost = 0;
    return this;
  }

  /** Appends a closed segment read as one trip; a trip that visits no client leaves the chain as it is. */
  appendSegment(trip: SegmentAccumulator): this {
    return trip.visitsClient
      ? this.appendTrip(trip.durationS, trip.timeWarpS, trip.earliestS, trip.latestS, trip.releaseS, trip.distance, trip.firstClient, trip.lastClient)
      : this;
  }

  /**
   * Appends a closed trip that starts in [earliestS, latestS], whose clients are released at
   * `releaseS`, and that drives `distance` metres; between depots, from client `first` to client `last`.
   */
  appendTrip(durationS: number, timeWarpS: number, earliestS: number, latestS: number, releaseS: number, distance = 0, first = 0, last = 0): this {
    const ends = this.ends;
    this.used = true;
    if (ends === null) return this.chainTrip(durationS, timeWarpS, earliestS, latestS, releaseS, distance);
    let row = this.firstRow;
    if (this.open) {
      row = 1 + ends.reloadBetween(this.openLast, first);
      this.closeOpenTrip(row);
    }
    // The trip leaves its depot (the start, or where the last trip ended) within the shift, and drives its leg to its first client.
    const leg = row * ends.stride + first;
    const trip = this.openTrip;
    trip.durationS = 0;
    trip.timeWarpS = 0;
    trip.earliestS = ends.shiftStartS;
    trip.latestS = ends.shiftEndS;
    concatenateTime(trip, ends.outTravelS[leg], durationS, timeWarpS, earliestS, latestS);
    this.legCost += ends.costFactor * ends.outArc[leg];
    this.openReleaseS = releaseS;
    this.openDistance = distance + ends.outMetres[leg];
    this.openLast = last;
    this.open = true;
    this.outRow = row;
    return this;
  }

  /** Ends the open trip, if any, at depot `row` (see `closeOpenTrip`) and chains it. */
  closeAt(row: number): this {
    if (this.open) this.closeOpenTrip(row);
    return this;
  }

  /**
   * Appends `rest`, a chain of the trips that follow this chain's (started with the row its first
   * trip leaves, and settled), in O(1): time segments concatenate, as each trip does, with no travel
   * between. This chain must hold no open trip (`closeAt`).
   */
  appendChain(rest: TripChain): this {
    if (!rest.chained) return this;
    this.used = true;
    this.distance += rest.distance;
    this.legCost += rest.legCost;
    if (!this.chained) {
      copyTime(this, rest);
      this.chained = true;
      return this;
    }
    concatenateTime(this, 0, rest.durationS, rest.timeWarpS, rest.earliestS, rest.latestS);
    return this;
  }

  /** Makes this chain a copy of `other` (its open trip included), to go on from where `other` is. */
  copyFrom(other: TripChain): this {
    copyTime(this, other);
    this.distance = other.distance;
    this.used = other.used;
    this.legCost = other.legCost;
    this.ends = other.ends;
    this.chained = other.chained;
    this.open = other.open;
    this.firstRow = other.firstRow;
    this.outRow = other.outRow;
    if (!other.open) return this;
    copyTime(this.openTrip, other.openTrip);
    this.openReleaseS = other.openReleaseS;
    this.openDistance = other.openDistance;
    this.openLast = other.openLast;
    return this;
  }

  /** Ends the open trip at depot `row` (0: the vehicle's end; none on an open route) by the shift's end, and chains it. */
  private closeOpenTrip(row: number): void {
    const ends = this.ends!;
    const trip = this.openTrip;
    if (row > 0 || ends.hasEnd) {
      const leg = row * ends.stride + this.openLast;
      concatenateTime(trip, ends.inTravelS[leg], 0, 0, -Infinity, ends.shiftEndS);
      this.legCost += ends.costFactor * ends.inArc[leg];
      this.openDistance += ends.inMetres[leg];
    }
    this.open = false;
    this.chainTrip(trip.durationS, trip.timeWarpS, trip.earliestS, trip.latestS, this.openReleaseS, this.openDistance);
  }

  /** Closes the last trip at the vehicle's end: what the readers below see. */
  private settle(): void {
    if (this.open) this.closeOpenTrip(0);
  }

  private chainTrip(durationS: number, timeWarpS: number, earliestS: number, latestS: number, releaseS: number, distance: number): this {
    this.distance += distance;
    // Finalise: the trip starts no earlier than its release, and starting after its latest start costs time warp.
    const releaseWarpS = Math.max(releaseS - latestS, 0);
    const tripEarliestS = Math.max(earliestS, releaseS);
    const tripLatestS = Math.max(latestS, releaseS);
    if (!this.chained) {
      this.durationS = durationS;
      this.timeWarpS = timeWarpS + releaseWarpS;
      this.earliestS = tripEarliestS;
      this.latestS = tripLatestS;
      this.chained = true;
      return this;
    }
    // The reload is at the depot the trip returned to: no travel between.
    concatenateTime(this, 0, durationS, timeWarpS + releaseWarpS, tripEarliestS, tripLatestS);
    return this;
  }

  /** Time warp of the chain, a duration above the vehicle's limit included (slot: any trip slot of the vehicle). */
  timeWarp(data: HgsData, slot: number): number {
    this.settle();
    return this.timeWarpS + Math.max(this.durationS - data.chainMaxDuration[slot], 0);
  }

  /** What the vehicle pays once for its trips: fixed cost, cost of duration and the legs to and from its depots, when used. */
  vehicleCost(data: HgsData, slot: number): number {
    this.settle();
    return this.used ? data.chainFixedCost[slot] + data.chainDurationCost[slot] * this.durationS + this.legCost : 0;
  }

  /** Metres of the chain above the vehicle's distance limit. */
  excessDistance(data: HgsData, slot: number): number {
    this.settle();
    return data.hasDistanceLimits ? Math.max(this.distance - data.chainMaxDistance[slot], 0) : 0;
  }

  /** `vehicleCost` plus the time-warp and distance penalties of the chain. */
  penalisedCost(data: HgsData, slot: number, penalties: Penalties): number {
    if (!this.used) return 0;
    this.settle();
    const cost = this.vehicleCost(data, slot) + penalties.timeWarp * this.timeWarp(data, slot);
    return data.hasDistanceLimits ? cost + penalties.distance * this.excessDistance(data, slot) : cost;
  }
}

/**
 * What the vehicles of a multi-trip solution pay once for their chains of trips (fixed cost, cost
 * of duration, and between depots the legs to and from them) and the chains' time warp: route i is the trip on slot `slots[i]`, the trips of
 * a vehicle run in slot order (`vehicleFirstSlot`), and the chains' metres above their vehicles'
 * distance limits. The trips' own costs (arcs, load) are priced apart.
 */
export function priceChains(
  data: HgsData,
  routes: ArrayLike<ArrayLike<number>>,
  slots: ArrayLike<number>,
  scratch: SegmentAccumulator,
): { vehicleCost: number; timeWarpS: number; excessDistance: number } {
  const onSlot = new Int32Array(data.maxRoutes).fill(-1);
  for (let i = 0; i < routes.length; i++) onSlot[slots[i]] = i;
  const chain = new TripChain();
  let vehicleCost = 0;
  let timeWarpS = 0;
  let excessDistance = 0;
  for (let vehicle = 0; vehicle + 1 < data.vehicleFirstSlot.length; vehicle++) {
    const first = data.vehicleFirstSlot[vehicle];
    chain.start(data.vehicleTripEnds[vehicle]);
    for (let slot = first; slot < data.vehicleFirstSlot[vehicle + 1]; slot++) {
      const route = onSlot[slot] >= 0 ? routes[onSlot[slot]] : null;
      if (route === null || route.length === 0) continue;
      scratch.startAtDepot(slot);
      for (let k = 0; k < route.length; k++) scratch.appendClient(route[k]);
      chain.appendSegment(scratch.appendClient(0));
    }
    if (!chain.used) continue;
    vehicleCost += chain.vehicleCost(data, first);
    timeWarpS += chain.timeWarp(data, first);
    excessDistance += chain.excessDistance(data, first);
  }
  return { vehicleCost, timeWarpS, excessDistance };
}
