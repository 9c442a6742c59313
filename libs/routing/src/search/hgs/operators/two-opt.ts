import { RouteState } from '../route-state';
import { EPSILON, MovePlan, NodeOperator } from './move-plan';

/** 2-OPT within a route: for u before v, reverses the path next(u) .. v. */
export class TwoOpt implements NodeOperator {
  readonly name = 'two-opt';

  plan(state: RouteState, u: number, v: number, plan: MovePlan): boolean {
    const { next, prev, position, routeOf } = state;
    if (routeOf[u] !== routeOf[v] || position[u] >= position[v] || next[u] === v) return false;
    if (state.data.symmetric) {
      const r = routeOf[u];
      const arcDelta = state.data.slotPriced
        ? state.costFactor(r) * (state.arcIn(r, u, v) + state.arcIn(r, next[u], next[v]) - state.arcIn(r, u, next[u]) - state.arcIn(r, v, next[v]))
        : state.arc(u, v) + state.arc(next[u], next[v]) - state.arc(u, next[u]) - state.arc(v, next[v]);
      if (arcDelta - state.routePenalty(routeOf[u]) >= -EPSILON) return false;
    }
    let length = 0;
    for (let node = v; node !== u; node = prev[node]) plan.seq1[length++] = node;
    plan.edits = 1;
    plan.before1 = u;
    plan.after1 = next[v];
    plan.length1 = length;
    return true;
  }
}
