import { Objective, Vehicle } from '../model/problem';

/**
 * Owns the objective: every algorithm prices routes through these functions, so the benchmark
 * conventions and the product's fen cost cannot drift apart.
 */

/** Weight of one used vehicle under the hierarchical objective; above any realistic total distance. */
export const VEHICLE_WEIGHT = 1_000_000_000;

/** Cost of one non-empty route driven by `vehicle`. An empty route costs nothing. */
export function routeCost(objective: Objective, vehicle: Vehicle, distanceM: number, durationS: number): number {
  switch (objective) {
    case 'distance':
      return distanceM;
    case 'vehicles-then-distance':
      return VEHICLE_WEIGHT + distanceM;
    case 'cost':
      return (
        vehicle.fixedCostFen +
        Math.round((vehicle.costPerKmFen * distanceM) / 1000) +
        Math.round((vehicle.costPerHourFen * durationS) / 3600)
      );
  }
}

/** Cost of leaving an optional task unassigned (mandatory tasks are infeasibility, not cost). */
export function unassignedCost(penaltyFen: number | undefined): number {
  return penaltyFen ?? 0;
}

/**
 * Two-echelon (2E-CVRP) pricing: a route at either level costs its fixed cost plus distance times
 * the per-distance rate; a satellite's handling cost is paid per unit of freight transferred.
 */
export function echelonRouteCost(fleet: { costPerDistance: number; fixedCost: number }, distance: number): number {
  return fleet.fixedCost + Math.round(fleet.costPerDistance * distance);
}

export function satelliteHandlingCost(handlingCostPerUnit: number | undefined, load: number): number {
  return (handlingCostPerUnit ?? 0) * load;
}
