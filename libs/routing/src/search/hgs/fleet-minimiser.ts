import { Individual } from './individual';

/** Share of the budget after which fleet reduction gives up and the search turns to distance. */
const REDUCTION_SHARE = 0.6;

/**
 * Fleet minimisation for the vehicles-first objective: the search runs with a route limit one
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

  get fleet(): number {
    return this.fleetSize;
  }
}
