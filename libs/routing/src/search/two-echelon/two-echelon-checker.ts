import { echelonRouteCost, satelliteHandlingCost } from '../../evaluation/cost-evaluator';
import { FirstLevelRoute, nodeCount, SecondLevelRoute, TwoEchelonProblem } from './two-echelon-problem';

export interface TwoEchelonCheckInput {
  firstLevelRoutes: ReadonlyArray<Pick<FirstLevelRoute, 'stops'>>;
  secondLevelRoutes: ReadonlyArray<Pick<SecondLevelRoute, 'satellite' | 'customers'>>;
  /** The cost the solution claims, in scaled units; omitted when only the recomputed cost is wanted. */
  cost?: number;
}

export interface TwoEchelonCheckResult {
  feasible: boolean;
  violations: string[];
  /** Cost recomputed from the routes alone, in scaled units. */
  cost: number;
  firstLevelCost: number;
  secondLevelCost: number;
  handlingCost: number;
}

/**
 * Independent feasibility check of a 2E-CVRP solution, written from the problem definition only
 * (it shares no code with the search): every customer served exactly once, vehicle capacities at
 * both levels, fleet limits (total and per satellite), satellite capacities, flow conservation at
 * satellites (trucks drop exactly what the satellite's routes carry out), and the recomputed cost.
 */
export function checkTwoEchelonSolution(problem: TwoEchelonProblem, solution: TwoEchelonCheckInput): TwoEchelonCheckResult {
  const violations: string[] = [];
  const size = nodeCount(problem);
  const satelliteCount = problem.satellites.length;
  const customerCount = problem.customers.length;
  const arc = (from: number, to: number): number => problem.distance[from * size + to];
  const validSatellite = (s: number): boolean => Number.isInteger(s) && s >= 0 && s < satelliteCount;

  const outbound = new Array<number>(satelliteCount).fill(0);
  const vehiclesAt = new Array<number>(satelliteCount).fill(0);
  const visits = new Array<number>(customerCount).fill(0);
  let secondLevelCost = 0;
  solution.secondLevelRoutes.forEach((route, r) => {
    const label = `second-level route ${r + 1}`;
    if (!validSatellite(route.satellite)) {
      violations.push(`${label}: unknown satellite ${route.satellite}`);
      return;
    }
    if (route.customers.length === 0) violations.push(`${label}: empty route`);
    let load = 0;
    let distance = 0;
    let previous = 1 + route.satellite;
    for (const c of route.customers) {
      if (!Number.isInteger(c) || c < 0 || c >= customerCount) {
        violations.push(`${label}: unknown customer ${c}`);
        continue;
      }
      visits[c]++;
      load += problem.customers[c].demand;
      distance += arc(previous, 1 + satelliteCount + c);
      previous = 1 + satelliteCount + c;
    }
    distance += arc(previous, 1 + route.satellite);
    if (load > problem.secondLevel.capacity) violations.push(`${label}: load ${load} exceeds capacity ${problem.secondLevel.capacity}`);
    outbound[route.satellite] += load;
    vehiclesAt[route.satellite]++;
    secondLevelCost += echelonRouteCost(problem.secondLevel, distance);
  });
  visits.forEach((count, c) => {
    if (count === 0) violations.push(`customer ${c + 1} (${problem.customers[c].id}) is not served`);
    if (count > 1) violations.push(`customer ${c + 1} (${problem.customers[c].id}) is served ${count} times`);
  });
  if (solution.secondLevelRoutes.length > problem.secondLevel.maxVehicles) {
    violations.push(`${solution.secondLevelRoutes.length} second-level vehicles exceed the fleet of ${problem.secondLevel.maxVehicles}`);
  }
  problem.satellites.forEach((satellite, s) => {
    if (satellite.maxVehicles !== undefined && vehiclesAt[s] > satellite.maxVehicles) {
      violations.push(`satellite ${s + 1}: ${vehiclesAt[s]} second-level vehicles exceed its limit ${satellite.maxVehicles}`);
    }
    if (satellite.capacity !== undefined && outbound[s] > satellite.capacity) {
      violations.push(`satellite ${s + 1}: load ${outbound[s]} exceeds its capacity ${satellite.capacity}`);
    }
  });

  const inbound = new Array<number>(satelliteCount).fill(0);
  let firstLevelCost = 0;
  solution.firstLevelRoutes.forEach((route, r) => {
    const label = `first-level route ${r + 1}`;
    if (route.stops.length === 0) violations.push(`${label}: empty route`);
    let carried = 0;
    let distance = 0;
    let previous = 0;
    for (const stop of route.stops) {
      if (!validSatellite(stop.satellite)) {
        violations.push(`${label}: unknown satellite ${stop.satellite}`);
        continue;
      }
      if (!Number.isInteger(stop.quantity) || stop.quantity <= 0) {
        violations.push(`${label}: quantity ${stop.quantity} at satellite ${stop.satellite + 1} must be a positive integer`);
      }
      carried += stop.quantity;
      inbound[stop.satellite] += stop.quantity;
      distance += arc(previous, 1 + stop.satellite);
      previous = 1 + stop.satellite;
    }
    distance += arc(previous, 0);
    if (carried > problem.firstLevel.capacity) violations.push(`${label}: load ${carried} exceeds capacity ${problem.firstLevel.capacity}`);
    firstLevelCost += echelonRouteCost(problem.firstLevel, distance);
  });
  if (solution.firstLevelRoutes.length > problem.firstLevel.maxVehicles) {
    violations.push(`${solution.firstLevelRoutes.length} first-level vehicles exceed the fleet of ${problem.firstLevel.maxVehicles}`);
  }
  for (let s = 0; s < satelliteCount; s++) {
    if (inbound[s] !== outbound[s]) violations.push(`satellite ${s + 1}: trucks deliver ${inbound[s]} but its routes carry ${outbound[s]}`);
  }

  let handlingCost = 0;
  outbound.forEach((load, s) => (handlingCost += satelliteHandlingCost(problem.satellites[s].handlingCost, load)));
  const cost = firstLevelCost + secondLevelCost + handlingCost;
  if (solution.cost !== undefined && solution.cost !== cost) violations.push(`reported cost ${solution.cost} differs from recomputed ${cost}`);
  return { feasible: violations.length === 0, violations, cost, firstLevelCost, secondLevelCost, handlingCost };
}
