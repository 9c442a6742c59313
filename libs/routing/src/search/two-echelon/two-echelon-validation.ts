import { InvalidProblemError } from '../../model/problem';
import { nodeCount, TwoEchelonFleet, TwoEchelonProblem } from './two-echelon-problem';

/** Real-valued coordinates of every node, used by parsers to build the integer matrix. */
export interface TwoEchelonCoordinates {
  depot: [number, number];
  satellites: Array<[number, number]>;
  customers: Array<[number, number]>;
}

/**
 * Builds the row-major integer distance matrix, depot first, then satellites, then customers:
 * round(euclidean × scale). Scaling before rounding keeps benchmark costs accurate to 1/scale.
 */
export function euclideanDistanceMatrix(coordinates: TwoEchelonCoordinates, distanceScale: number): Int32Array {
  const points = [coordinates.depot, ...coordinates.satellites, ...coordinates.customers];
  const size = points.length;
  const distance = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const dx = points[i][0] - points[j][0];
      const dy = points[i][1] - points[j][1];
      distance[i * size + j] = Math.round(Math.sqrt(dx * dx + dy * dy) * distanceScale);
    }
  }
  return distance;
}

function requireInteger(value: number, where: string, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new InvalidProblemError(`must be an integer >= ${minimum} (got ${value})`, where);
  }
}

function validateFleet(fleet: TwoEchelonFleet, where: string): void {
  requireInteger(fleet.capacity, `${where}.capacity`, 1);
  requireInteger(fleet.maxVehicles, `${where}.maxVehicles`, 1);
  requireInteger(fleet.fixedCost, `${where}.fixedCost`, 0);
  if (!Number.isFinite(fleet.costPerDistance) || fleet.costPerDistance < 0) {
    throw new InvalidProblemError(`must be a finite number >= 0 (got ${fleet.costPerDistance})`, `${where}.costPerDistance`);
  }
}

/**
 * Checks a problem once before solving. Besides field checks it rejects instances that no plan
 * can satisfy (total demand above a level's fleet capacity, a customer heavier than a vehicle),
 * because those are input errors for the operator to fix, not something a solver can repair.
 */
export function validateTwoEchelonProblem(problem: TwoEchelonProblem): void {
  const satelliteCount = problem.satellites.length;
  if (satelliteCount < 1) throw new InvalidProblemError('at least one satellite is required', 'satellites');
  if (problem.customers.length < 1) throw new InvalidProblemError('at least one customer is required', 'customers');
  validateFleet(problem.firstLevel, 'firstLevel');
  validateFleet(problem.secondLevel, 'secondLevel');
  requireInteger(problem.distanceScale, 'distanceScale', 1);
  const size = nodeCount(problem);
  if (problem.distance.length !== size * size) {
    throw new InvalidProblemError(`must hold ${size}×${size} entries (got ${problem.distance.length})`, 'distance');
  }
  for (let i = 0; i < problem.distance.length; i++) {
    if (problem.distance[i] < 0) throw new InvalidProblemError('distances must be >= 0', `distance[${i}]`);
  }
  let vehiclesAtSatellites = 0;
  problem.satellites.forEach((satellite, s) => {
    const where = `satellites[${s}]`;
    if (satellite.capacity !== undefined) requireInteger(satellite.capacity, `${where}.capacity`, 0);
    if (satellite.handlingCost !== undefined) requireInteger(satellite.handlingCost, `${where}.handlingCost`, 0);
    if (satellite.maxVehicles !== undefined) requireInteger(satellite.maxVehicles, `${where}.maxVehicles`, 0);
    vehiclesAtSatellites += satellite.maxVehicles ?? problem.secondLevel.maxVehicles;
  });
  if (vehiclesAtSatellites < 1) throw new InvalidProblemError('no satellite may base a second-level vehicle', 'satellites');
  let totalDemand = 0;
  problem.customers.forEach((customer, c) => {
    requireInteger(customer.demand, `customers[${c}].demand`, 0);
    if (customer.demand > problem.secondLevel.capacity) {
      throw new InvalidProblemError(`demand ${customer.demand} exceeds the second-level capacity ${problem.secondLevel.capacity}`, `customers[${c}].demand`);
    }
    totalDemand += customer.demand;
  });
  const firstLevelCapacity = problem.firstLevel.capacity * problem.firstLevel.maxVehicles;
  if (totalDemand > firstLevelCapacity) {
    throw new InvalidProblemError(`total demand ${totalDemand} exceeds the first-level fleet capacity ${firstLevelCapacity}`, 'firstLevel');
  }
  const secondLevelVehicles = Math.min(problem.secondLevel.maxVehicles, vehiclesAtSatellites);
  const secondLevelCapacity = problem.secondLevel.capacity * secondLevelVehicles;
  if (totalDemand > secondLevelCapacity) {
    throw new InvalidProblemError(`total demand ${totalDemand} exceeds the second-level fleet capacity ${secondLevelCapacity}`, 'secondLevel');
  }
  const satelliteCapacity = problem.satellites.reduce((sum, s) => sum + (s.capacity ?? Infinity), 0);
  if (totalDemand > satelliteCapacity) {
    throw new InvalidProblemError(`total demand ${totalDemand} exceeds the satellites' capacity ${satelliteCapacity}`, 'satellites');
  }
}
