import { RouteState } from '../route-state';
import { EPSILON, MovePlan } from './move-plan';

/**
 * 2-OPT*: for u and v on different routes, exchanges their tails: route(u) becomes
 * start..u + next(v)..end and route(v) becomes start..v + next(u)..end. u or v may be a start
 * depot (a whole route's clients move). Priced in O(1) from stored prefixes and suffixes.
 */
export class TwoOptStar {
  readonly name = 'two-opt-star';

  delta(state: RouteState, u: number, v: number): number {
    const routeU = state.routeOf[u];
    const routeV = state.routeOf[v];
    if (routeU === routeV) return Infinity;
    const old = state.routeCost[routeU] + state.routeCost[routeV];
    if (state.data.hasTimeWindows && state.prefixSuffixArcCost(u, state.next[v]) + state.prefixSuffixArcCost(v, state.next[u]) - old >= 0) {
      return Infinity;
    }
    if (state.trips && state.trips.sameVehicle(routeU, routeV)) {
      // Two trips of one vehicle: their chain in time must hold both new trips.
      const total = state.trips.priceTwoTrips(
        () => state.appendSuffixAfterPrefix(u, state.next[v]),
        () => state.appendSuffixAfterPrefix(v, state.next[u]),
      );
      return total - state.trips.twoTripsCost(routeU, routeV);
    }
    const costU = state.appendSuffixAfterPrefix(u, state.next[v]);
    const costV = state.appendSuffixAfterPrefix(v, state.next[u]);
    return costU + costV - old;
  }

  /** Applies when improving; returns whether it did. */
  tryApply(state: RouteState, u: number, v: number, plan: MovePlan): boolean {
    if (!(this.delta(state, u, v) < -EPSILON)) return false;
    const routeU = state.routeOf[u];
    const routeV = state.routeOf[v];
    plan.edits = 2;
    plan.before1 = u;
    plan.after1 = state.endDepot(routeU);
    plan.length1 = state.copyBetween(v, state.endDepot(routeV), plan.seq1, 0);
    plan.before2 = v;
    plan.after2 = state.endDepot(routeV);
    plan.length2 = state.copyBetween(u, state.endDepot(routeU), plan.seq2, 0);
    plan.apply(state);
    return true;
  }
}
