/**
 * The solver's input model: the one contract between the service (planning), the file parsers and
 * every algorithm in this library. All quantities are integers: metres, seconds, fen, and each
 * capacity dimension in its own unit (grams, cm³, parcels ... as the caller chooses).
 *
 * A problem is validated once by `validateProblem` and then treated as immutable.
 */

/** Integer matrices for one vehicle profile, row-major, `size × size`. */
export interface ProfileMatrices {
  /** Number of locations; matrices are `size * size` long. */
  size: number;
  distanceM: Int32Array;
  durationS: Int32Array;
}

export interface TimeWindow {
  /** Earliest start of service, seconds from the planning horizon origin. */
  startS: number;
  /** Latest start of service, seconds from the planning horizon origin. */
  endS: number;
}

export interface Vehicle {
  id: string;
  /** Index into the profile matrices. */
  startLocation: number;
  /** Index into the profile matrices, or `null` for an open route that ends at its last stop. */
  endLocation: number | null;
  /** One entry per capacity dimension; every job amount has the same length. */
  capacity: number[];
  fixedCostFen: number;
  costPerKmFen: number;
  costPerHourFen: number;
  /** Name of the entry in `Problem.profiles` whose matrices this vehicle drives on. */
  profile: string;
  shift: TimeWindow;
  maxDurationS?: number;
  maxDistanceM?: number;
  skills?: string[];
  /**
   * Locations where the vehicle may end one trip and start the next (multi-trip): it unloads the
   * pickups, loads the next trip's deliveries, and capacity applies per trip. Absent: one trip.
   */
  reloadLocations?: number[];
}

export type JobKind = 'delivery' | 'pickup';

/**
 * A single-stop job. A `delivery` is loaded at the vehicle's start and dropped here; a `pickup` is
 * collected here and carried to the vehicle's end (farm produce riding down on the same run).
 */
export interface Job {
  id: string;
  kind: JobKind;
  location: number;
  serviceS: number;
  /** Sorted, non-overlapping; empty means "any time". */
  timeWindows: TimeWindow[];
  amount: number[];
  skills?: string[];
  /** Higher is more important when not every job fits; 0 by default. */
  priority?: number;
  /**
   * When set, the job may stay unassigned at this cost; when absent the job is mandatory and an
   * unassigned mandatory job makes the solution infeasible (reported, never hidden).
   */
  unassignedPenaltyFen?: number;
  /**
   * When the job's goods reach the depot (a parcel arriving at the hub): the trip that carries it
   * leaves its start or reload location no earlier. Seconds from the horizon origin; 0 by default.
   */
  releaseS?: number;
}

export interface ShipmentStop {
  location: number;
  serviceS: number;
  timeWindows: TimeWindow[];
}

/** A paired pickup-and-delivery: picked up at `pickup`, carried on the same vehicle to `delivery`. */
export interface Shipment {
  id: string;
  pickup: ShipmentStop;
  delivery: ShipmentStop;
  amount: number[];
  skills?: string[];
  priority?: number;
  unassignedPenaltyFen?: number;
}

/**
 * How the benchmark conventions map onto the single integer cost:
 * - `cost`: fixed + per-km + per-hour costs in fen (the product's objective).
 * - `distance`: total distance only (CVRPLIB).
 * - `vehicles-then-distance`: hierarchical (Solomon, Li & Lim): minimise routes, then distance.
 */
export type Objective = 'cost' | 'distance' | 'vehicles-then-distance';

export interface Problem {
  name?: string;
  profiles: Record<string, ProfileMatrices>;
  vehicles: Vehicle[];
  jobs: Job[];
  shipments: Shipment[];
  objective: Objective;
  /**
   * Backhauls (VRPB): on every trip all delivery jobs (linehaul) come before any pickup job
   * (backhaul), and a trip does not open with a pickup, so produce is never loaded under parcels
   * still to be dropped.
   */
  linehaulBeforeBackhaul?: boolean;
  /**
   * Benchmark instances with real-valued Euclidean distances are scaled by this factor before
   * rounding to integers (e.g. 1000 for Solomon); reports divide by it. 1 for the product.
   */
  distanceScale?: number;
}

export type UnassignedReason = 'capacity' | 'time_window' | 'skills' | 'no_vehicle' | 'max_duration' | 'max_distance' | 'not_profitable';

export interface RouteStep {
  /** `reload`: back at a reload location between two trips (multi-trip vehicles). */
  type: 'start' | 'job' | 'pickup' | 'delivery' | 'reload' | 'end';
  /** Job or shipment id for job steps. */
  id?: string;
  location: number;
  arrivalS: number;
  /** Start of service (arrival plus any waiting). */
  serviceStartS: number;
  departureS: number;
  /** Load on board when leaving this step, per capacity dimension. */
  load: number[];
}

export interface Route {
  vehicleId: string;
  steps: RouteStep[];
  distanceM: number;
  durationS: number;
  costFen: number;
}

export interface UnassignedTask {
  id: string;
  reason: UnassignedReason;
}

/**
 * One visit of a given route: a single-stop job, one end of a paired shipment, or a reload (the
 * vehicle is back at one of its `reloadLocations`: one trip ends there and the next starts, as a
 * `reload` step of the solver's routes). A reload needs a vehicle that may reload, at one of its
 * reload locations, between two visits of tasks (never first, last or twice in a row).
 */
export type RouteVisit = { jobId: string } | { shipmentId: string; end: 'pickup' | 'delivery' } | { reloadLocation: number };

/**
 * A route someone else chose (a dispatcher's hand edit, a stored plan): a vehicle and its visits in
 * order; with reload visits, several trips of that vehicle (its whole day).
 */
export interface GivenRoute {
  vehicleId: string;
  visits: RouteVisit[];
}

export interface SolveStatistics {
  iterations: number;
  runtimeMs: number;
  /** Milliseconds from the start until the returned solution was first found. */
  timeToBestMs: number;
  /** Best objective over time, for progress reports. */
  trajectory: Array<{ ms: number; cost: number }>;
}

export interface Solution {
  routes: Route[];
  unassigned: UnassignedTask[];
  /** The objective value under `Problem.objective`, as owned by the cost evaluator. */
  cost: number;
  distanceM: number;
  durationS: number;
  /** False when a mandatory task is unassigned or a hard constraint is violated. */
  feasible: boolean;
  statistics: SolveStatistics;
}

export interface SolveOptions {
  seed?: number;
  timeLimitMs?: number;
  /** Stops after this many iterations; with a seed, the same limit gives the same solution. */
  maxIterations?: number;
  threads?: number;
  /**
   * What `timeLimitMs` measures: `wall` (default) or `cpu`, this process's CPU time, so benchmarks
   * on a shared, overloaded machine approximate a quiet one (single-threaded runs only; with
   * worker threads the wall clock is used).
   */
  clock?: 'wall' | 'cpu';
  /** Called with the best cost whenever it improves; never from inside inner loops. */
  onProgress?: (event: { ms: number; cost: number }) => void;
  /**
   * `auto` (default): HGS when the problem is HGS-shaped, else ALNS. `alns`: ALNS in every case, for
   * callers that measured it better on their problems (the planner, see its depot-solve.ts).
   */
  engine?: 'auto' | 'alns';
  /**
   * A starting solution (the dispatcher's current plan): HGS educates it as one member of its first
   * population, ALNS starts from it; the search may then change everything. It may break hard
   * constraints (a hand edit): it is repaired, never returned as feasible when it is not. Tasks on
   * no route are placed by the engine. References are checked (`initialRoutes[i]...`). A route with
   * reload visits gives HGS its vehicle's trips in order.
   */
  initialRoutes?: GivenRoute[];
  /**
   * Routes the dispatcher has fixed: returned exactly as given, priced by `priceRoutes`; their tasks
   * are not offered to the search, and their vehicle is not used again unless it may reload
   * (`reloadLocations`): then it is available from the locked route's return (after its last trip,
   * when it has reload visits). A locked route that
   * breaks a hard constraint is refused (`lockedRoutes[i]`). A solve option, not a problem field:
   * the problem stays the whole day, and which routes are locked changes from one solve to the next.
   */
  lockedRoutes?: GivenRoute[];
}

export class InvalidProblemError extends Error {
  constructor(
    message: string,
    /** Where in the input the problem is: a field path or `line N`. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'InvalidProblemError';
  }
}

/** A broken invariant inside the solver: a bug, never a bad input. */
export class SolverInternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolverInternalError';
  }
}
