import { RouteState } from '../route-state';
import { EPSILON, MovePlan, NodeOperator } from './move-plan';

/**
 * SWAP: exchanges a chain of `lengthU` nodes starting at u with a chain of `lengthV` nodes starting
 * at v (1-1, 2-1, 2-2), within a route or across routes. Overlapping chains do not apply.
 */
export class Swap implements NodeOperator {
  readonly name: string;

  constructor(
    private readonly lengthU: 1 | 2,
    private readonly lengthV: 1 | 2,
  ) {
    this.name = `swap-${lengthU}-${lengthV}`;
  }

  plan(state: RouteState, u: number, v: number, plan: MovePlan): boolean {
    const { next, prev, position, routeOf } = state;
    if (!state.isClient(v) || u === v) return false;
    const lastU = this.lengthU === 2 ? next[u] : u;
    const lastV = this.lengthV === 2 ? next[v] : v;
    if (!state.isClient(lastU) || !state.isClient(lastV)) return false;
    if (next[lastU] !== v && next[lastV] !== u) {
      // Arc-cost change minus every penalty the touched routes pay: a lower bound of the delta.
      const arcDelta = state.data.slotPriced
        ? // each route at its own vehicle's rate
          heterogeneousArcDelta(state, u, lastU, v, lastV)
        : state.arc(prev[u], v) +
          state.arc(lastV, next[lastU]) -
          state.arc(prev[u], u) -
          state.arc(lastU, next[lastU]) +
          state.arc(prev[v], u) +
          state.arc(lastU, next[lastV]) -
          state.arc(prev[v], v) -
          state.arc(lastV, next[lastV]);
      const penalties = state.routePenalty(routeOf[u]) + (routeOf[u] !== routeOf[v] ? state.routePenalty(routeOf[v]) : 0);
      if (arcDelta - penalties >= -EPSILON) return false;
    }
    if (routeOf[u] !== routeOf[v]) {
      plan.edits = 2;
      plan.before1 = prev[u];
      plan.after1 = next[lastU];
      plan.length1 = writeChain(plan.seq1, 0, v, lastV);
      plan.before2 = prev[v];
      plan.after2 = next[lastV];
      plan.length2 = writeChain(plan.seq2, 0, u, lastU);
      return true;
    }
    plan.edits = 1;
    // Same route: the chains must be disjoint; the window spans from the first chain to the second.
    let first = u;
    let firstLast = lastU;
    let second = v;
    let secondLast = lastV;
    if (position[v] < position[u]) {
      first = v;
      firstLast = lastV;
      second = u;
      secondLast = lastU;
    }
    if (position[firstLast] >= position[second]) return false;
    let length = writeChain(plan.seq1, 0, second, secondLast);
    length = state.copyBetween(firstLast, second, plan.seq1, length);
    length = writeChain(plan.seq1, length, first, firstLast);
    plan.length1 = length;
    plan.before1 = prev[first];
    plan.after1 = next[secondLast];
    return true;
  }
}

/** The arc-cost change of a swap on a mixed fleet: each route at its own vehicle's rate, on its own matrices. */
function heterogeneousArcDelta(state: RouteState, u: number, lastU: number, v: number, lastV: number): number {
  const { next, prev, routeOf } = state;
  const ru = routeOf[u];
  const rv = routeOf[v];
  const s = state.data.stride;
  const arcsU = state.arcsOf(ru);
  const arcsV = state.arcsOf(rv);
  // u, v, lastU and lastV are clients; their neighbours may be depots (client 0).
  const pu = state.client(prev[u]) * s;
  const nu = state.client(next[lastU]);
  const pv = state.client(prev[v]) * s;
  const nv = state.client(next[lastV]);
  return (
    state.costFactor(ru) * (arcsU[pu + v] + arcsU[lastV * s + nu] - arcsU[pu + u] - arcsU[lastU * s + nu]) +
    state.costFactor(rv) * (arcsV[pv + u] + arcsV[lastU * s + nv] - arcsV[pv + v] - arcsV[lastV * s + nv])
  );
}

/** Writes a chain of one or two adjacent nodes. */
function writeChain(seq: Int32Array, offset: number, from: number, to: number): number {
  let length = offset;
  seq[length++] = from;
  if (to !== from) seq[length++] = to;
  return length;
}
