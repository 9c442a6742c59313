import { HgsData } from './hgs-data';
import { concatenateTime, Penalties, SegmentAccumulator } from './segment';

/**
 * The trips of one multi-trip vehicle chained in time: trip t + 1 leaves the depot once trip t is
 * back and once every client it carries is released. Each trip arrives as a closed route segment
 * (duration, time warp, earliest and latest start at the depot, latest release). Before it joins
 * the chain it is "finalised" as PyVRP's duration segments are: it cannot start before its
 * release, and a release after its latest start costs the difference as time warp. Then it is
 * concatenated with no travel between (the reload is at the depot it returned to), in O(1), so a
 * vehicle's chain of at most `tripsPerVehicle` trips is priced in O(trips). Empty trips are skipped;
 * a vehicle that does not reload is a chain of one trip. The chain also sums the trips' metres: a
 * vehicle's distance limit bounds its whole day, as its route with reloads is measured.
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

  start(): this {
    this.distance = 0;
    this.durationS = 0;
    this.timeWarpS = 0;
    this.earliestS = -Infinity;
    this.latestS = Infinity;
    this.used = false;
    return this;
  }

  /** Appends a closed segment read as one trip; a trip that visits no client leaves the chain as it is. */
  appendSegment(trip: SegmentAccumulator): this {
    return trip.visitsClient ? this.appendTrip(trip.durationS, trip.timeWarpS, trip.earliestS, trip.latestS, trip.releaseS, trip.distance) : this;
  }

  /** Appends a closed trip that starts in [earliestS, latestS], whose clients are released at `releaseS`, and that drives `distance` metres. */
  appendTrip(durationS: number, timeWarpS: number, earliestS: number, latestS: number, releaseS: number, distance = 0): this {
    this.distance += distance;
    // Finalise: the trip starts no earlier than its release, and starting after its latest start costs time warp.
    const releaseWarpS = Math.max(releaseS - latestS, 0);
    const tripEarliestS = Math.max(earliestS, releaseS);
    const tripLatestS = Math.max(latestS, releaseS);
    if (!this.used) {
      this.durationS = durationS;
      this.timeWarpS = timeWarpS + releaseWarpS;
      this.earliestS = tripEarliestS;
      this.latestS = tripLatestS;
      this.used = true;
      return this;
    }
    // The reload is at the depot the trip returned to: no travel between.
    concatenateTime(this, 0, durationS, timeWarpS + releaseWarpS, tripEarliestS, tripLatestS);
    return this;
  }

  /** Time warp of the chain, a duration above the vehicle's limit included (slot: any trip slot of the vehicle). */
  timeWarp(data: HgsData, slot: number): number {
    return this.timeWarpS + Math.max(this.durationS - data.chainMaxDuration[slot], 0);
  }

  /** What the vehicle pays once for its trips: fixed cost and cost of duration when used. */
  vehicleCost(data: HgsData, slot: number): number {
    return this.used ? data.chainFixedCost[slot] + data.chainDurationCost[slot] * this.durationS : 0;
  }

  /** Metres of the chain above the vehicle's distance limit. */
  excessDistance(data: HgsData, slot: number): number {
    return data.hasDistanceLimits ? Math.max(this.distance - data.chainMaxDistance[slot], 0) : 0;
  }

  /** `vehicleCost` plus the time-warp and distance penalties of the chain. */
  penalisedCost(data: HgsData, slot: number, penalties: Penalties): number {
    if (!this.used) return 0;
    const cost = this.vehicleCost(data, slot) + penalties.timeWarp * this.timeWarp(data, slot);
    return data.hasDistanceLimits ? cost + penalties.distance * this.excessDistance(data, slot) : cost;
  }
}

/**
 * What the vehicles of a multi-trip solution pay once for their chains of trips (fixed cost and
 * cost of duration) and the chains' time warp: route i is the trip on slot `slots[i]`, the trips of
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
    chain.start();
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
