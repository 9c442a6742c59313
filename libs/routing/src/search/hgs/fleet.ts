import { costPerMetre, costPerSecond, fixedRouteCost } from '../../evaluation/cost-evaluator';
import { Problem, Vehicle } from '../../model/problem';

/**
 * The route slots as HGS prices them: route slot r is vehicle r. A homogeneous fleet whose time is
 * not priced prices every slot like vehicle 0, with its rate folded into the arc costs (factor 1).
 * A mixed fleet, or one priced per hour, prices arcs as distances on each slot's own profile, times the slot's cost per metre,
 * plus its cost per second of route duration and its fixed cost, against its own capacity vector,
 * shift and duration limit. Vehicles that start or end elsewhere (several depots, open routes) or
 * have another distance limit are other vehicle types: a mixed fleet.
 */
export interface HgsFleet {
  /** Capacity dimensions (every amount and capacity has this many). */
  dims: number;
  /** Capacity of slot r in dimension 0 (`slotCapacityK[r * dims]`). */
  slotCapacity: Float64Array;
  /** Capacity of slot r in dimension k at `r * dims + k` (the same array as `slotCapacity` with one dimension). */
  slotCapacityK: Float64Array;
  slotFixedCost: Float64Array;
  slotCostFactor: Float64Array;
  /** Objective units per second of route duration (waiting and service included); 0 for a homogeneous fleet. */
  slotDurationCost: Float64Array;
  /**
   * Index into `HgsData.profileArcCost` / `profileTravelS` of the matrices each slot drives on: one
   * per travel profile and pair of start and end locations (client 0 is the start on the way out and
   * the end on the way back; an open route's way back is to where it is, see hgs-data.ts).
   */
  slotProfile: Int32Array;
  slotShiftStart: Float64Array;
  slotShiftEnd: Float64Array;
  /** Longest route duration of each slot (Infinity without a limit); the excess counts as time warp. */
  slotMaxDuration: Float64Array;
  hasDurationLimits: boolean;
  /** Every slot drives the same matrices with the same shift: segments of one route price on any other. */
  slotsShareTiming: boolean;
  /** Travel profile of each matrix set (`slotProfile` indexes these), in index order. */
  profileNames: string[];
  /** Start location of each matrix set. */
  profileStart: Int32Array;
  /** End location of each matrix set; -1 for an open route (it ends at its last visit). */
  profileEnd: Int32Array;
  /**
   * 1 for a matrix set whose legs between client 0 and the clients are free: the trip slots of a
   * vehicle whose trips run between depots (`tripsBetweenDepots`) drive it, and the chain of trips
   * prices those legs (trip-chain.ts, trip-ends.ts).
   */
  profileFreeLegs: Uint8Array;
  /**
   * The matrix set a whole route on each slot is priced on by the heuristics that cut and place
   * routes (Split, vehicle assignment, the starting solution) and by the plane: the slot's own,
   * but for a trip between depots the one out of and back to its vehicle's first reload location.
   */
  slotTourProfile: Int32Array;
  /**
   * When a route on the slot may leave client 0 and must be back: its shift, but unbounded on a
   * trip between depots, whose chain holds the shift at the depots it actually leaves and reaches.
   */
  slotDepartAfterS: Float64Array;
  slotReturnByS: Float64Array;
  /** Longest distance each slot may drive (Infinity without a limit); the excess is penalised apart (`Penalties.distance`). */
  slotMaxDistance: Float64Array;
  hasDistanceLimits: boolean;
  /** Vehicle type of each slot (slots alike in everything that prices a route share a type). */
  slotType: Int32Array;
  typeCount: number;
  /** The lowest slot of each type: what a route costs on that type. */
  typeFirstSlot: Int32Array;
  /** The slot of the largest vehicle (0 for a homogeneous fleet). */
  referenceSlot: number;
  /** Whether the slots differ (then routes carry their slot through the search). */
  heterogeneous: boolean;
  /**
   * Arcs are distances, priced per slot (`slotCostFactor`, plus `slotDurationCost` per second of
   * route duration): a mixed fleet, or time priced per hour, which must count service and waiting
   * as the cost evaluator does, not only the driving an arc's cost could hold.
   */
  slotPriced: boolean;
  /**
   * Weight of one unit of excess in each dimension: the largest capacity of dimension 0 over that
   * of dimension k, so grams, cm³ and parcels over capacity weigh alike (1 with one dimension).
   */
  dimensionWeight: Float64Array;
  /**
   * Route slots of a vehicle that reloads at the depot (multi-trip): the most trips it may make;
   * 1 when no vehicle reloads. A vehicle that does not reload has one slot.
   */
  tripsPerVehicle: number;
  /** Vehicle (index in `problem.vehicles`) of each route slot. */
  slotVehicle: Int32Array;
  /** The slots of vehicle v are `vehicleFirstSlot[v]` to `vehicleFirstSlot[v + 1] - 1`, its trips in order (one entry more than vehicles). */
  vehicleFirstSlot: Int32Array;
  /**
   * Multi-trip: each trip slot prices only its arcs and load; a vehicle's fixed cost, its cost of
   * duration and its duration limit apply once to its trips chained in time (see trip-chain.ts),
   * so `slotFixedCost`, `slotDurationCost` are 0 and `slotMaxDuration` Infinity for trip slots.
   */
  multiTrip: boolean;
  /** Per slot, what its vehicle's chain of trips pays (multi-trip only, where a vehicle that does not reload is a chain of one trip; else empty). */
  chainFixedCost: Float64Array;
  chainDurationCost: Float64Array;
  chainMaxDuration: Float64Array;
  /** The vehicle's distance limit over its whole day, every trip counted (multi-trip only). */
  chainMaxDistance: Float64Array;
  /** Routes keep their slot through the search (a mixed fleet, or trips of a multi-trip vehicle). */
  routesCarrySlots: boolean;
}

/** Most trips a reloading vehicle is given slots for: ample for the demand, few enough to price a chain at once. */
export const MAX_TRIPS_PER_VEHICLE = 6;

const reloads = (vehicle: Vehicle): boolean => (vehicle.reloadLocations ?? []).length > 0;

/**
 * A reloading vehicle whose trips do not all leave and return to one depot: it reloads somewhere
 * else than its start, or ends elsewhere (another depot, or its last visit). Its trip slots drive
 * a matrix set with free legs to client 0, and its chain of trips prices the legs from its start,
 * between trips through a reload location, and to its end (trip-ends.ts). A vehicle that reloads
 * only at its start and ends there keeps closed trips at that depot.
 */
export function tripsBetweenDepots(vehicle: Vehicle): boolean {
  const at = vehicle.reloadLocations ?? [];
  return at.length > 0 && (vehicle.endLocation !== vehicle.startLocation || at.some((location) => location !== vehicle.startLocation));
}

/**
 * Trip slots per reloading vehicle: enough that the fleet's slots carry twice the total demand of
 * dimension 0 (Split's routes then always find one), at least 2, at most `MAX_TRIPS_PER_VEHICLE`.
 */
export function tripsPerVehicle(problem: Problem): number {
  if (!problem.vehicles.some(reloads)) return 1;
  let demand = 0;
  for (const job of problem.jobs) demand += job.amount[0];
  let reloading = 0;
  let oneTrip = 0;
  for (const v of problem.vehicles) {
    if (reloads(v)) reloading += v.capacity[0];
    else oneTrip += v.capacity[0];
  }
  return Math.min(MAX_TRIPS_PER_VEHICLE, Math.max(2, Math.ceil((2 * demand - oneTrip) / Math.max(1, reloading)) + 1));
}

export function describeFleet(problem: Problem): HgsFleet {
  const trips = tripsPerVehicle(problem);
  const multiTrip = trips > 1;
  // A reloading vehicle holds `trips` consecutive slots, each priced like the vehicle; any other one slot.
  const slotsOf = (v: Vehicle): number => (multiTrip && reloads(v) ? trips : 1);
  const vehicleFirstSlot = new Int32Array(problem.vehicles.length + 1);
  problem.vehicles.forEach((v, k) => (vehicleFirstSlot[k + 1] = vehicleFirstSlot[k] + slotsOf(v)));
  const slotVehicle = Int32Array.from(problem.vehicles.flatMap((v, k) => Array.from({ length: slotsOf(v) }, () => k)));
  const vehicles = Array.from(slotVehicle, (k) => problem.vehicles[k]);
  const dims = vehicles[0].capacity.length;
  const R = vehicles.length;
  const first = vehicles[0];
  const betweenDepots = (v: Vehicle): boolean => multiTrip && tripsBetweenDepots(v);
  // One matrix set per profile and pair of start and end locations, in order of first use; trips
  // between depots drive their profile's set with free legs, and are cut on the set out of and
  // back to their vehicle's first reload location.
  const matrixKey = (v: Vehicle): string => (betweenDepots(v) ? `${v.profile}/free legs` : `${v.profile}/${v.startLocation}/${v.endLocation ?? -1}`);
  const tourKey = (v: Vehicle): string => (betweenDepots(v) ? `${v.profile}/${v.reloadLocations![0]}/${v.reloadLocations![0]}` : matrixKey(v));
  const matrixKeys: string[] = [];
  const profileNames: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const freeLegs: number[] = [];
  const register = (key: string, v: Vehicle, start: number, end: number, free: boolean): void => {
    if (matrixKeys.includes(key)) return;
    matrixKeys.push(key);
    profileNames.push(v.profile);
    starts.push(start);
    ends.push(end);
    freeLegs.push(free ? 1 : 0);
  };
  for (const v of vehicles) {
    register(matrixKey(v), v, v.startLocation, v.endLocation ?? -1, betweenDepots(v));
    if (betweenDepots(v)) register(tourKey(v), v, v.reloadLocations![0], v.reloadLocations![0], false);
  }
  const key = (v: (typeof vehicles)[number], priced: boolean): string =>
    [
      v.capacity.join(','),
      fixedRouteCost(problem.objective, v),
      priced ? costPerMetre(problem.objective, v) : 0,
      priced ? costPerSecond(problem.objective, v) : 0,
      v.profile,
      v.shift.startS,
      v.shift.endS,
      v.maxDurationS ?? Infinity,
      v.maxDistanceM ?? Infinity,
      v.startLocation,
      v.endLocation ?? -1,
      // Trips between depots are chained through the vehicle's own reload locations.
      betweenDepots(v) ? (v.reloadLocations ?? []).join(' ') : '',
    ].join('/');
  const heterogeneous = vehicles.some((v) => key(v, true) !== key(first, true));
  const slotPriced = heterogeneous || (problem.objective === 'cost' && vehicles.some((v) => v.costPerHourFen > 0));
  const slotCapacityK = new Float64Array(R * dims);
  vehicles.forEach((v, r) => v.capacity.forEach((c, k) => (slotCapacityK[r * dims + k] = c)));
  const slotCapacity = dims === 1 ? slotCapacityK : Float64Array.from(vehicles, (v) => v.capacity[0]);
  const chainFixedCost = Float64Array.from(multiTrip ? vehicles : [], (v) => fixedRouteCost(problem.objective, v));
  const chainDurationCost = Float64Array.from(multiTrip ? vehicles : [], (v) => (slotPriced ? costPerSecond(problem.objective, v) : 0));
  const chainMaxDuration = Float64Array.from(multiTrip ? vehicles : [], (v) => v.maxDurationS ?? Infinity);
  const slotFixedCost = Float64Array.from(vehicles, (v) => (multiTrip ? 0 : fixedRouteCost(problem.objective, v)));
  const slotCostFactor = Float64Array.from(vehicles, (v) => (slotPriced ? costPerMetre(problem.objective, v) : 1));
  const slotDurationCost = Float64Array.from(vehicles, (v) => (slotPriced && !multiTrip ? costPerSecond(problem.objective, v) : 0));
  const chainMaxDistance = Float64Array.from(multiTrip ? vehicles : [], (v) => v.maxDistanceM ?? Infinity);
  const slotMaxDistance = Float64Array.from(vehicles, (v) => (multiTrip ? Infinity : (v.maxDistanceM ?? Infinity)));
  const slotProfile = Int32Array.from(vehicles, (v) => matrixKeys.indexOf(matrixKey(v)));
  const slotTourProfile = Int32Array.from(vehicles, (v) => matrixKeys.indexOf(tourKey(v)));
  const slotShiftStart = Float64Array.from(vehicles, (v) => v.shift.startS);
  const slotShiftEnd = Float64Array.from(vehicles, (v) => v.shift.endS);
  const slotDepartAfterS = Float64Array.from(vehicles, (v) => (betweenDepots(v) ? -Infinity : v.shift.startS));
  const slotReturnByS = Float64Array.from(vehicles, (v) => (betweenDepots(v) ? Infinity : v.shift.endS));
  const slotMaxDuration = Float64Array.from(vehicles, (v) => (multiTrip ? Infinity : (v.maxDurationS ?? Infinity)));
  const slotsShareTiming = vehicles.every((v) => matrixKey(v) === matrixKey(first) && v.shift.startS === first.shift.startS && v.shift.endS === first.shift.endS);
  const slotType = new Int32Array(R);
  const types = new Map<string, number>();
  const firstSlots: number[] = [];
  const largest = new Float64Array(dims);
  let referenceSlot = 0;
  let referenceSize = -1;
  vehicles.forEach((v, r) => {
    const k = key(v, heterogeneous);
    if (!types.has(k)) {
      types.set(k, types.size);
      firstSlots.push(r);
    }
    slotType[r] = types.get(k)!;
    v.capacity.forEach((c, d) => (largest[d] = Math.max(largest[d], c)));
  });
  const dimensionWeight = Float64Array.from(largest, (c) => (dims === 1 || c === 0 ? 1 : largest[0] / c));
  vehicles.forEach((v, r) => {
    // The largest vehicle: capacities summed at the dimension weights.
    let size = 0;
    v.capacity.forEach((c, d) => (size += c * dimensionWeight[d]));
    if (size > referenceSize) {
      referenceSize = size;
      referenceSlot = r;
    }
  });
  return {
    dims,
    slotCapacity,
    slotCapacityK,
    slotFixedCost,
    slotCostFactor,
    slotDurationCost,
    slotProfile,
    slotShiftStart,
    slotShiftEnd,
    slotMaxDuration,
    hasDurationLimits: slotMaxDuration.some((m) => Number.isFinite(m)),
    slotsShareTiming,
    profileNames,
    profileStart: Int32Array.from(starts),
    profileEnd: Int32Array.from(ends),
    profileFreeLegs: Uint8Array.from(freeLegs),
    slotTourProfile,
    slotDepartAfterS,
    slotReturnByS,
    slotMaxDistance,
    hasDistanceLimits: vehicles.some((v) => v.maxDistanceM !== undefined),
    slotType,
    typeCount: types.size,
    typeFirstSlot: Int32Array.from(firstSlots),
    referenceSlot,
    heterogeneous,
    slotPriced,
    dimensionWeight,
    tripsPerVehicle: trips,
    slotVehicle,
    vehicleFirstSlot,
    multiTrip,
    chainFixedCost,
    chainDurationCost,
    chainMaxDuration,
    chainMaxDistance,
    routesCarrySlots: heterogeneous || multiTrip,
  };
}
