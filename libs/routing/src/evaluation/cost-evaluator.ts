import { Objective, Vehicle } from '../model/problem';

/**
 * Owns the objective: every engine prices arcs and routes through these functions (HGS builds its
 * arc table from `arcCost`, ALNS prices insertions with `costPerMetre`/`costPerSecond`, two-echelon
 * uses `echelonRouteCost`), so the benchmark conventions and the product's fen cost cannot drift
 * apart.
 *
 * A route's price is `vehicleCountWeight + fixedRouteCost + variable`, where the variable part is
 * linear in the route's distance and duration. `routeCost` rounds each component of the variable
 * part once per route; the search prices arcs unrounded (`arcCost`), since rounding per arc would
 * compound.
 */

/** Weight of one used vehicle under the hierarchical objective; above any realistic total distance. */
export const VEHICLE_WEIGHT = 1_000_000_000;

/** What one used vehicle weighs before any cost: VEHICLE_WEIGHT under a vehicles-first objective. */
export function vehicleCountWeight(objective: Objective): number {
  return objective === 'vehicles-then-distance' ? VEHICLE_WEIGHT : 0;
}

/** Fixed cost of a non-empty route (only the `cost` objective charges one). */
export function fixedRouteCost(objective: Objective, vehicle: Vehicle): number {
  return objective === 'cost' ? vehicle.fixedCostFen : 0;
}

/** Objective units per metre driven. */
export function costPerMetre(objective: Objective, vehicle: Vehicle): number {
  return objective === 'cost' ? vehicle.costPerKmFen / 1000 : 1;
}

/** Objective units per second on the road (only the `cost` objective prices time). */
export function costPerSecond(objective: Objective, vehicle: Vehicle): number {
  return objective === 'cost' ? vehicle.costPerHourFen / 3600 : 0;
}

/** Unrounded variable cost of one arc (or of any path, from its total distance and duration). */
export function arcCost(objective: Objective, vehicle: Vehicle, distanceM: number, durationS: number): number {
  return objective === 'cost' ? (vehicle.costPerKmFen * distanceM) / 1000 + (vehicle.costPerHourFen * durationS) / 3600 : distanceM;
}

/** Cost of one non-empty route driven by `vehicle`. An empty route costs nothing. */
export function routeCost(objective: Objective, vehicle: Vehicle, distanceM: number, durationS: number): number {
  const variable = objective === 'cost' ? Math.round((vehicle.costPerKmFen * distanceM) / 1000) + Math.round((vehicle.costPerHourFen * durationS) / 3600) : distanceM;
  return vehicleCountWeight(objective) + fixedRouteCost(objective, vehicle) + variable;
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
