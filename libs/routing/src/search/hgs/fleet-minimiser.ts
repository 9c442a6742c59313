import { HgsData } from './hgs-data';
import { Individual } from './individual';

/** Share of the budget after which fleet reduction gives up and the search turns to distance. */
const REDUCTION_SHARE = 0.6;

/**
 * Fleet limit of the genetic search under the vehicles-first objective: the most vehicles a
 * solution may use (a vehicle's several trips count once, whatever its type, as the cost evaluator
 * charges `VEHICLE_WEIGHT` once per vehicle's day). For the plain VRPTW the
 * route minimiser (route-minimisation/, Nagata & Bräysy 2009) runs first and `startAt` fixes the
 * limit at the fleet it reached. Otherwise (and when it finds nothing within the fleet) the search
 * itself reduces the fleet: it runs with a vehicle limit one
 * below the best feasible vehicle count, so Split and local search must pack the clients into fewer
 * routes (infeasibility is penalised, not forbidden). Each time a feasible solution with fewer
 * vehicles appears, the limit drops again. After `REDUCTION_SHARE` of the budget without success the
 * limit returns to the best feasible count and the search minimises distance.
 * A homogeneous fleet of one trip each enforces the limit by giving the local search that many
 * route slots; a mixed or multi-trip fleet keeps every slot (they are particular vehicles and
 * trips) and the local search opens no vehicle beyond the limit (`LocalSearch` `vehicleCap`).
 */
export class FleetMinimiser {
  limit: number;
  private reducing: boolean;

  constructor(
    private readonly fleetSize: number,
    hierarchical: boolean,
  ) {
    this.limit = fleetSize;
    this.reducing = hierarchical;
  }

  /** Returns the new limit when it changed (the population must then be rebuilt), else null. */
  afterIteration(best: Individual | null, progress: number): number | null {
    if (!this.reducing || best === null || !best.feasible) return null;
    if (progress >= REDUCTION_SHARE) {
      this.reducing = false;
      if (this.limit === best.vehicleCount) return null;
      this.limit = best.vehicleCount;
      return this.limit;
    }
    if (best.vehicleCount <= this.limit && best.vehicleCount > 1) {
      this.limit = best.vehicleCount - 1;
      return this.limit;
    }
    return null;
  }

  /** A feasible solution with `routeCount` routes exists (route minimisation): search at that fleet only. */
  startAt(routeCount: number): void {
    this.limit = routeCount;
    this.reducing = false;
  }

  get fleet(): number {
    return this.fleetSize;
  }
}

/** Vehicles of the fleet (route slots are trips of a multi-trip vehicle). */
export function fleetVehicles(data: HgsData): number {
  return data.vehicleFirstSlot.length - 1;
}

/**
 * The most routes `vehicles` vehicles drive: one each, or with trips the slots of the vehicles
 * with the most trips (`tripVehicles` chooses those). What Split may cut under a vehicle limit.
 */
export function routesOfVehicles(data: HgsData, vehicles: number): number {
  if (!data.multiTrip) return vehicles;
  let routes = 0;
  for (const v of tripVehicles(data, vehicles)) routes += data.vehicleFirstSlot[v + 1] - data.vehicleFirstSlot[v];
  return routes;
}

/** Under a vehicle limit, the vehicles whose trips Split's routes go on: the most trip slots first, then the lower index. */
export function tripVehicles(data: HgsData, vehicles: number): number[] {
  const first = data.vehicleFirstSlot;
  const all = Array.from({ length: first.length - 1 }, (_, v) => v);
  if (vehicles >= all.length) return all;
  const trips = (v: number): number => first[v + 1] - first[v];
  return all.sort((a, b) => trips(b) - trips(a) || a - b).slice(0, vehicles);
}
