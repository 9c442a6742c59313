import { arcCost as priceArc } from '../../evaluation/cost-evaluator';
import { Problem } from '../../model/problem';
import { HgsFleet, tripsBetweenDepots } from './fleet';

/**
 * The depots a vehicle's trips run between, when they do not all leave and return to its start
 * (`tripsBetweenDepots`): its first trip leaves its start, each later one the reload location the
 * previous one ended at, and its last one ends at its end location (or at its last visit, an open
 * route). The trips themselves are priced without those legs (their slots drive a matrix set with
 * free legs to client 0); the chain of trips adds them (trip-chain.ts) from the tables here.
 *
 * Between two trips the vehicle reloads where the detour from the last visit of one to the first
 * visit of the next costs least (rate x arc cost plus the cost of its duration; ties go to the
 * location listed first): a function of those two clients, so every move is priced with the
 * reloads its trips would have, in O(reload locations) per pair of trips. A county has a hub and a
 * few township stations, so that is a handful; a table per pair of clients would cost n² memory
 * per vehicle type for no measurable gain.
 */
export class VehicleTripEnds {
  /** Number of reload locations. */
  readonly reloads: number;
  /**
   * Legs out of a depot, in the matrix set's arc units, seconds and metres: row 0 from the start,
   * row 1 + r from reload location r; client c at `row * stride + c`.
   */
  readonly outArc: Float64Array;
  readonly outTravelS: Float64Array;
  readonly outMetres: Float64Array;
  /** Legs into a depot: row 0 to the end (unused on an open route), row 1 + r to reload location r. */
  readonly inArc: Float64Array;
  readonly inTravelS: Float64Array;
  readonly inMetres: Float64Array;

  constructor(
    readonly stride: number,
    /** Problem locations of the reloads, in the vehicle's order. */
    readonly reloadLocations: readonly number[],
    /** False for an open route: the last trip ends at its last visit. */
    readonly hasEnd: boolean,
    /** Objective units per unit of arc cost (the slot's rate) and per second of the chain's duration. */
    readonly costFactor: number,
    readonly durationCost: number,
    readonly shiftStartS: number,
    readonly shiftEndS: number,
  ) {
    this.reloads = reloadLocations.length;
    const size = (1 + this.reloads) * stride;
    this.outArc = new Float64Array(size);
    this.outTravelS = new Float64Array(size);
    this.outMetres = new Float64Array(size);
    this.inArc = new Float64Array(size);
    this.inTravelS = new Float64Array(size);
    this.inMetres = new Float64Array(size);
  }

  /** The reload (index into `reloadLocations`) between a trip whose last client is `last` and one whose first client is `first`. */
  reloadBetween(last: number, first: number): number {
    if (this.reloads === 1) return 0;
    let best = 0;
    let bestCost = Infinity;
    for (let r = 0; r < this.reloads; r++) {
      const into = (1 + r) * this.stride + last;
      const out = (1 + r) * this.stride + first;
      const cost = this.costFactor * (this.inArc[into] + this.outArc[out]) + this.durationCost * (this.inTravelS[into] + this.outTravelS[out]);
      if (cost < bestCost) {
        bestCost = cost;
        best = r;
      }
    }
    return best;
  }

  /** Problem location of the reload between two trips (see `reloadBetween`). */
  reloadLocation(last: number, first: number): number {
    return this.reloadLocations[this.reloadBetween(last, first)];
  }
}

/**
 * The trip ends of each vehicle (null for a vehicle whose trips are closed at its one depot, or
 * that makes one trip); `location[c]` is client c's problem location. Arc costs are priced as the
 * vehicle's slots price theirs (`HgsData.profileArcCost`): distances on a slot-priced fleet, else
 * the objective's arc cost.
 */
export function buildTripEnds(problem: Problem, fleet: HgsFleet, location: Int32Array): Array<VehicleTripEnds | null> {
  const stride = location.length;
  const pricing = problem.vehicles[0];
  return problem.vehicles.map((vehicle, v) => {
    if (!fleet.multiTrip || !tripsBetweenDepots(vehicle)) return null;
    const slot = fleet.vehicleFirstSlot[v];
    const reloadLocations = [...new Set(vehicle.reloadLocations)];
    const ends = new VehicleTripEnds(
      stride,
      reloadLocations,
      vehicle.endLocation !== null,
      fleet.slotCostFactor[slot],
      fleet.chainDurationCost[slot],
      vehicle.shift.startS,
      vehicle.shift.endS,
    );
    const matrices = problem.profiles[vehicle.profile];
    const arc = (distanceM: number, durationS: number): number => (fleet.slotPriced ? distanceM : priceArc(problem.objective, pricing, distanceM, durationS));
    const depots = [vehicle.startLocation, ...reloadLocations];
    const into = [vehicle.endLocation ?? vehicle.startLocation, ...reloadLocations];
    for (let row = 0; row < depots.length; row++) {
      for (let c = 1; c < stride; c++) {
        const k = row * stride + c;
        const out = depots[row] * matrices.size + location[c];
        ends.outArc[k] = arc(matrices.distanceM[out], matrices.durationS[out]);
        ends.outTravelS[k] = matrices.durationS[out];
        ends.outMetres[k] = matrices.distanceM[out];
        if (row === 0 && vehicle.endLocation === null) continue;
        const back = location[c] * matrices.size + into[row];
        ends.inArc[k] = arc(matrices.distanceM[back], matrices.durationS[back]);
        ends.inTravelS[k] = matrices.durationS[back];
        ends.inMetres[k] = matrices.distanceM[back];
      }
    }
    return ends;
  });
}
