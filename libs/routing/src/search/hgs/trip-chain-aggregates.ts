import { HgsData } from './hgs-data';
import { SegmentAccumulator } from './segment';
import { TripChain } from './trip-chain';

/** What the aggregates read of the stored trips (`RouteState` holds them). */
export interface StoredTrips {
  /** Appends trip slot `t` as stored to a vehicle's chain; false (nothing appended) when it is empty. */
  appendStoredTrip(chain: TripChain, t: number): boolean;
}

/**
 * Per trip slot, the rest of its vehicle's chain of trips (trip-chain.ts), so that a move changing
 * that one trip is priced in O(1) in the number of trips: the chain before the slot, the new trip,
 * the chain after it. Rebuilt in O(trips) when a trip of the vehicle changes (`rebuild`, once per
 * applied move). Time segments concatenate associatively, so the result is the chain walked trip
 * by trip (up to the order of floating-point sums; the times and metres of the benchmark sets are
 * integers, and there it is the same to the bit).
 *
 * Closed trips at one depot are each finalised alone (their release) and chain with no travel: the
 * chain after a slot is one settled chain, whether the new trip is empty or not.
 *
 * Between depots it is not. The trip after the changed one leaves from the reload chosen by the
 * changed trip's last client and its own first client, and when the changed trip is empty, by the
 * last client of the trip before it: so that next trip is kept raw (in its route) and legged at
 * pricing, and the chain after it, which no change of an earlier trip alters, is stored settled
 * (the next trip still returns where it returns now). Likewise the last trip of the prefix is
 * still open (its return leg waits for the next trip's first client): the prefix is the
 * `TripChain` as it stood before the slot, open trip included. The reload choice stays
 * O(reload locations).
 */
export class TripChainAggregates {
  /** Per slot: the chain of its vehicle's stored trips on earlier slots, the last one still open between depots. */
  private readonly before: TripChain[] = [];
  /**
   * Per slot, the chain of its vehicle's trips on later slots, settled: with closed trips at one
   * depot, for every slot; between depots, for a slot holding a trip, its legs included (the first
   * trip's from where this one returns).
   */
  private readonly after: TripChain[] = [];
  /** Per slot: the next slot of its vehicle holding a trip, -1 when none. */
  private readonly nextTrip: Int32Array;
  /** Per slot holding a trip, between depots: the depot row it returns to (1 + r: reload r before the next trip; 0: the vehicle's end). */
  private readonly returnRow: Int32Array;
  private readonly holds: Uint8Array;

  constructor(
    private readonly data: HgsData,
    routeSlots: number,
  ) {
    for (let t = 0; t < routeSlots; t++) {
      this.before.push(new TripChain());
      this.after.push(new TripChain());
    }
    this.nextTrip = new Int32Array(routeSlots);
    this.returnRow = new Int32Array(routeSlots);
    this.holds = new Uint8Array(routeSlots);
  }

  /** Rebuilds the aggregates of `vehicle`'s slots from its stored trips; leaves `chain` holding its whole chain. */
  rebuild(trips: StoredTrips, vehicle: number, chain: TripChain): TripChain {
    const d = this.data;
    const first = d.vehicleFirstSlot[vehicle];
    const end = d.vehicleFirstSlot[vehicle + 1];
    const ends = d.vehicleTripEnds[vehicle];
    chain.start(ends);
    let previous = -1;
    for (let t = first; t < end; t++) {
      this.before[t].copyFrom(chain);
      this.holds[t] = trips.appendStoredTrip(chain, t) ? 1 : 0;
      if (this.holds[t] === 0) continue;
      // Where the trip before returned: where this one left.
      if (previous >= 0) this.returnRow[previous] = chain.outRow;
      previous = t;
    }
    if (previous >= 0) this.returnRow[previous] = 0;
    if (ends === null) this.rebuildClosedSuffixes(trips, first, end);
    else this.rebuildSuffixesBetweenDepots(trips, first, end);
    return chain;
  }

  /** Closed trips at one depot: the chain after each slot, every later trip in it. */
  private rebuildClosedSuffixes(trips: StoredTrips, first: number, end: number): void {
    this.after[end - 1].start();
    for (let t = end - 2; t >= first; t--) {
      if (this.holds[t + 1] === 0) this.after[t].copyFrom(this.after[t + 1]);
      else {
        trips.appendStoredTrip(this.after[t].start(), t + 1);
        this.after[t].appendChain(this.after[t + 1]);
      }
    }
  }

  /** Between depots, from the last trip back: the chain after trip t is its next trip, legged from where t returns, then the chain after that one. */
  private rebuildSuffixesBetweenDepots(trips: StoredTrips, first: number, end: number): void {
    const ends = this.data.vehicleTripEnds[this.data.slotVehicle[first]];
    let next = -1;
    for (let t = end - 1; t >= first; t--) {
      this.nextTrip[t] = next;
      if (this.holds[t] === 0) continue;
      const rest = this.after[t].start(ends, this.returnRow[t]);
      if (next >= 0) {
        trips.appendStoredTrip(rest, next);
        rest.closeAt(this.returnRow[next]).appendChain(this.after[next]);
      }
      next = t;
    }
  }

  /** Loads into `chain` the chain of `trip`'s vehicle with `trip` (a closed segment, maybe empty) on its slot instead of the stored one. */
  chainWith(trips: StoredTrips, trip: SegmentAccumulator, chain: TripChain): TripChain {
    const slot = trip.slot;
    chain.copyFrom(this.before[slot]).appendSegment(trip);
    if (this.data.vehicleTripEnds[this.data.slotVehicle[slot]] === null) return chain.appendChain(this.after[slot]);
    const next = this.nextTrip[slot];
    if (next < 0) return chain;
    // The next trip leaves from where the new one (or, when it is empty, the last one before it) returns.
    trips.appendStoredTrip(chain, next);
    return chain.closeAt(this.returnRow[next]).appendChain(this.after[next]);
  }
}
