import { Individual } from './individual';

/** Share of the budget after which fleet reduction gives up and the search turns to distance. */
const REDUCTION_SHARE = 0.6;

/**
 * Fleet limit of the genetic search under the vehicles-first objective. For the plain VRPTW the
 * route minimiser (route-minimisation/, Nagata & Bräysy 2009) runs first and `startAt` fixes the
 * limit at the fleet it reached. Otherwise (and when it finds nothing within the fleet) the search
 * itself reduces the fleet: it runs with a route limit one
 * below the best feasible route count, so Split and local search must pack the clients into fewer
 * routes (infeasibility is penalised, not forbidden). Each time a feasible solution with fewer
 * routes appears, the limit drops again. After `REDUCTION_SHARE` of the budget without success the
 * limit returns to the best feasible count and the search minimises distance.
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
      if (this.limit === best.routeCount) return null;
      this.limit = best.routeCount;
      return this.limit;
    }
    if (best.routeCount <= this.limit && best.routeCount > 1) {
      this.limit = best.routeCount - 1;
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
