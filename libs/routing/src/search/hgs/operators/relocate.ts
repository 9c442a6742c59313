import { RouteState } from '../route-state';
import { EPSILON, MovePlan, NodeOperator } from './move-plan';

/**
 * RELOCATE: moves u (or the pair u, next(u), optionally reversed) to just after v, within a route
 * or across routes. v may be a start depot (insert at the front) or an empty route's start depot.
 */
export class Relocate implements NodeOperator {
  readonly name: string;
  private cachedU = -1;
  private cachedStamp = -1;
  private cachedRemoval = 0;
  private cachedState: RouteState | null = null;

  constructor(
    private readonly chainLength: 1 | 2,
    private readonly reversed: boolean,
  ) {
    this.name = `relocate-${chainLength}${reversed ? '-reversed' : ''}`;
  }

  plan(state: RouteState, u: number, v: number, plan: MovePlan): boolean {
    const { next, prev, position, routeOf } = state;
    const last = this.chainLength === 2 ? next[u] : u;
    if (!state.isClient(last) || v === u || v === last) return false;
    if (v === prev[u] && !this.reversed) return false;
    const chainStart = this.reversed ? last : u;
    const chainEnd = this.reversed ? u : last;
    if (v !== prev[u]) {
      // Arc-cost change minus every penalty the touched routes pay: a lower bound of the delta.
      // The removal part depends on u only and is reused while u and the routes stay the same.
      if (u !== this.cachedU || state.moveCount !== this.cachedStamp || state !== this.cachedState) {
        const before = prev[u];
        const after = next[last];
        // On u's vehicle's matrices (one matrix for all unless the fleet is mixed).
        const arcs = state.data.slotPriced ? state.arcsOf(routeOf[u]) : state.data.arcCost;
        const stride = state.data.stride;
        const b = state.client(before) * stride;
        const a = state.client(after);
        this.cachedRemoval =
          arcs[b + a] - arcs[b + u] - arcs[state.client(last) * stride + a] + (this.chainLength === 2 ? arcs[chainStart * stride + chainEnd] - arcs[u * stride + last] : 0);
        this.cachedU = u;
        this.cachedStamp = state.moveCount;
        this.cachedState = state;
      }
      const penalties = state.routePenalty(routeOf[u]) + (routeOf[u] !== routeOf[v] ? state.routePenalty(routeOf[v]) : 0);
      if (state.data.slotPriced) {
        // Each route at its own vehicle's rate; emptying a route saves its fixed cost, opening one pays it.
        const ru = routeOf[u];
        const rv = routeOf[v];
        const arcs = state.arcsOf(rv);
        const stride = state.data.stride;
        const from = state.client(v) * stride;
        const to = state.client(next[v]);
        const insertion = arcs[from + chainStart] + arcs[chainEnd * stride + to] - arcs[from + to];
        let bound = state.costFactor(ru) * this.cachedRemoval + state.costFactor(rv) * insertion;
        if (ru !== rv && state.routeSize[ru] === this.chainLength) bound -= state.fixedCost(ru);
        if (ru !== rv && state.routeSize[rv] === 0) bound += state.fixedCost(rv);
        if (bound - penalties >= -EPSILON) return false;
      } else {
        const arcDelta = this.cachedRemoval + state.arc(v, chainStart) + state.arc(chainEnd, next[v]) - state.arc(v, next[v]);
        if (arcDelta - penalties >= -EPSILON) return false;
      }
    }
    if (routeOf[u] !== routeOf[v]) {
      plan.edits = 2;
      plan.before1 = prev[u];
      plan.after1 = next[last];
      plan.length1 = 0;
      plan.before2 = v;
      plan.after2 = next[v];
      plan.seq2[0] = chainStart;
      if (this.chainLength === 2) plan.seq2[1] = chainEnd;
      plan.length2 = this.chainLength;
      return true;
    }
    plan.edits = 1;
    const seq = plan.seq1;
    if (position[v] < position[u]) {
      // v ... u: the chain jumps backwards to just after v.
      seq[0] = chainStart;
      if (this.chainLength === 2) seq[1] = chainEnd;
      plan.length1 = state.copyBetween(v, u, seq, this.chainLength);
      plan.before1 = v;
      plan.after1 = next[last];
    } else {
      // u ... v: the nodes after the chain up to v move forward, then the chain.
      let length = state.copyBetween(last, next[v], seq, 0);
      seq[length++] = chainStart;
      if (this.chainLength === 2) seq[length++] = chainEnd;
      plan.length1 = length;
      plan.before1 = prev[u];
      plan.after1 = next[v];
    }
    return true;
  }
}
