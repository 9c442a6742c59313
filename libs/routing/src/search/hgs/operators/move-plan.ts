import { RouteState } from '../route-state';

/** Improvement threshold: deltas above this are treated as no gain (float penalties). */
export const EPSILON = 1e-7;

/**
 * A move described as one or two "replace the nodes strictly between `before` and `after` by this
 * sequence" edits, each on one route. Relocate, swap and 2-opt all reduce to this shape, so they
 * share one exact evaluation and one apply. Reused, never reallocated.
 */
export class MovePlan {
  edits = 0;
  before1 = 0;
  after1 = 0;
  length1 = 0;
  readonly seq1: Int32Array;
  before2 = 0;
  after2 = 0;
  length2 = 0;
  readonly seq2: Int32Array;

  constructor(n: number) {
    this.seq1 = new Int32Array(n + 4);
    this.seq2 = new Int32Array(n + 4);
  }

  /** Change in total penalised cost if the plan were applied. */
  delta(state: RouteState): number {
    const route1 = state.routeOf[this.before1];
    if (state.data.hasTimeWindows) {
      // Arc costs alone bound the new penalised cost from below: skip the time-warp work when
      // even they cannot beat the current routes.
      let bound = state.replaceArcCost(this.before1, this.seq1, this.length1, this.after1) - state.routeCost[route1];
      if (this.edits === 2) {
        bound += state.replaceArcCost(this.before2, this.seq2, this.length2, this.after2) - state.routeCost[state.routeOf[this.before2]];
      }
      if (bound >= -EPSILON) return bound;
    }
    if (this.edits === 2 && state.trips) {
      const route2 = state.routeOf[this.before2];
      if (route2 !== route1 && state.trips.sameVehicle(route1, route2)) {
        // Two trips of one vehicle: their chain in time must hold both new trips.
        const total = state.trips.priceTwoTrips(
          () => state.replaceCost(this.before1, this.seq1, this.length1, this.after1),
          () => state.replaceCost(this.before2, this.seq2, this.length2, this.after2),
        );
        return total - state.trips.twoTripsCost(route1, route2);
      }
    }
    let delta = state.replaceCost(this.before1, this.seq1, this.length1, this.after1) - state.routeCost[route1];
    if (this.edits === 2) {
      const route2 = state.routeOf[this.before2];
      delta += state.replaceCost(this.before2, this.seq2, this.length2, this.after2) - state.routeCost[route2];
    }
    return delta;
  }

  apply(state: RouteState): void {
    const route1 = state.routeOf[this.before1];
    const route2 = this.edits === 2 ? state.routeOf[this.before2] : -1;
    state.relink(this.before1, this.seq1, this.length1, this.after1);
    if (this.edits === 2) state.relink(this.before2, this.seq2, this.length2, this.after2);
    state.updateRoute(route1);
    if (route2 >= 0 && route2 !== route1) state.updateRoute(route2);
  }
}

/** A local-search operator on the pair (u, v): `plan` returns false when it does not apply. */
export interface NodeOperator {
  readonly name: string;
  /** Fills `plan` for the move on (u, v); false when the move is undefined or a no-op. */
  plan(state: RouteState, u: number, v: number, plan: MovePlan): boolean;
}
