/**
 * The two-echelon CVRP (2E-CVRP) model: a county hub (depot) sends first-level trucks to township
 * stations (satellites); second-level vehicles start at a satellite, serve villages (customers) and
 * return to the same satellite. A satellite may be served by several trucks (split deliveries) and
 * must receive exactly what its second-level routes deliver: satellites do not store freight.
 *
 * Node numbering in `distance`: 0 is the depot, 1..S the satellites, S+1..S+C the customers.
 * All quantities are integers. Distances are scaled from real values by `distanceScale`, so costs
 * are in "scaled units" and reports divide by the scale. Validated once, then immutable.
 */

export interface TwoEchelonFleet {
  /** Capacity of one vehicle, in demand units. */
  capacity: number;
  /** Upper bound on the number of vehicles (routes) at this level. */
  maxVehicles: number;
  /** Cost per scaled distance unit (1 when the objective is plain distance). */
  costPerDistance: number;
  /** Fixed cost of using one vehicle, already in scaled units. */
  fixedCost: number;
}

export interface TwoEchelonSatellite {
  id: string;
  /** Most freight the satellite can handle, in demand units; absent = unlimited. */
  capacity?: number;
  /** Cost per demand unit transferred here, in scaled units; 0 when absent. */
  handlingCost?: number;
  /** Most second-level vehicles based here; absent = limited only by the fleet. */
  maxVehicles?: number;
}

export interface TwoEchelonCustomer {
  id: string;
  demand: number;
}

export interface TwoEchelonProblem {
  name?: string;
  satellites: TwoEchelonSatellite[];
  customers: TwoEchelonCustomer[];
  firstLevel: TwoEchelonFleet;
  secondLevel: TwoEchelonFleet;
  /** Row-major `(1 + S + C)²` integer distances: depot, satellites, customers. */
  distance: Int32Array;
  /** Scaled integer distance = round(real distance × distanceScale); reports divide by it. */
  distanceScale: number;
}

/** Number of nodes (depot + satellites + customers) of the distance matrix. */
export function nodeCount(problem: TwoEchelonProblem): number {
  return 1 + problem.satellites.length + problem.customers.length;
}

/** Node index of satellite `s` (0-based among satellites). */
export function satelliteNode(s: number): number {
  return 1 + s;
}

/** Node index of customer `c` (0-based among customers). */
export function customerNode(problem: TwoEchelonProblem, c: number): number {
  return 1 + problem.satellites.length + c;
}

export interface FirstLevelStop {
  /** 0-based satellite index. */
  satellite: number;
  /** Quantity this truck drops at the satellite (a split delivery when less than its load). */
  quantity: number;
}

export interface FirstLevelRoute {
  /** Visit order, depot → stops → depot. */
  stops: FirstLevelStop[];
  distance: number;
  cost: number;
}

export interface SecondLevelRoute {
  /** 0-based satellite index where the route starts and ends. */
  satellite: number;
  /** 0-based customer indices in visit order. */
  customers: number[];
  load: number;
  distance: number;
  cost: number;
}

export interface TwoEchelonStatistics {
  iterations: number;
  runtimeMs: number;
  timeToBestMs: number;
  /** Iteration at which the returned solution was found. */
  iterationOfBest: number;
  trajectory: Array<{ ms: number; cost: number }>;
}

export interface TwoEchelonSolution {
  firstLevelRoutes: FirstLevelRoute[];
  secondLevelRoutes: SecondLevelRoute[];
  /** Freight handled by each satellite (sum of its second-level loads). */
  satelliteLoads: number[];
  /** Total cost in scaled units: both echelons plus handling. */
  cost: number;
  firstLevelCost: number;
  secondLevelCost: number;
  handlingCost: number;
  /** False when a hard constraint is violated; such a plan is never presented as feasible. */
  feasible: boolean;
  violations: string[];
  statistics: TwoEchelonStatistics;
}

export interface TwoEchelonSolveOptions {
  seed?: number;
  /** Stops after this many LNS iterations; with a seed and no time limit, results are reproducible. */
  maxIterations?: number;
  timeLimitMs?: number;
  /** What `timeLimitMs` measures: wall clock (default) or this process's CPU time (shared machines). */
  clock?: 'wall' | 'cpu';
  onProgress?: (event: { ms: number; cost: number }) => void;
}
