import { Random } from '../../../random';
import { HgsData } from '../hgs-data';
import { ROUTE_MOVES, RouteMoves } from './route-moves';
import { Chain, RouteSet } from './route-set';

/** Repair steps one squeeze may take before it gives up. */
const MAX_REPAIR_STEPS = 100;
/** Adaptation factor of the time-warp weight (Nagata & Bräysy 2009). */
const ALPHA_FACTOR = 0.99;

/**
 * The squeeze of Nagata & Bräysy (2009): insert client v where the penalty (load above capacity
 * plus alpha × time warp) grows least, then repeatedly take a random infeasible route and apply the
 * best penalty-reducing 2-opt*, relocation or exchange between its clients and their neighbours,
 * until every route is feasible (success) or nothing reduces the penalty (the routes are restored).
 * Alpha adapts so that neither load nor time dominates the failures.
 */
export class Squeeze {
  private alpha = 1;
  private readonly chain: Chain;

  constructor(
    private readonly data: HgsData,
    private readonly set: RouteSet,
    private readonly moves: RouteMoves,
    private readonly random: Random,
  ) {
    this.chain = new Chain(data);
  }

  /** Whether v is now routed and every route feasible; on failure the routes are as before. */
  run(v: number): boolean {
    const set = this.set;
    const saved = set.snapshot();
    this.insertCheapest(v);
    for (let step = 0; step < MAX_REPAIR_STEPS; step++) {
      const infeasible: number[] = [];
      for (let r = 0; r < set.routes.length; r++) if (!set.isFeasible(r)) infeasible.push(r);
      if (infeasible.length === 0) return true;
      if (!this.repair(infeasible[this.random.nextInt(infeasible.length)])) break;
    }
    let excess = 0;
    let warpS = 0;
    for (let r = 0; r < set.routes.length; r++) {
      excess += set.excessLoad[r];
      warpS += set.warpS[r];
    }
    // Weigh the kind of violation that defeated the repair more next time.
    this.alpha = this.alpha * warpS > excess ? this.alpha / ALPHA_FACTOR : this.alpha * ALPHA_FACTOR;
    set.assign(saved);
    return false;
  }

  private insertCheapest(v: number): void {
    const set = this.set;
    let bestRoute = 0;
    let bestAt = 0;
    let bestDelta = Infinity;
    for (let r = 0; r < set.routes.length; r++) {
      const route = set.routes[r];
      const before = set.excessLoad[r] + this.alpha * set.warpS[r];
      for (let at = 0; at <= route.length; at++) {
        const previous = at === 0 ? 0 : route[at - 1];
        const next = at === route.length ? 0 : route[at];
        const delta = this.chain.fromPrefix(set, previous).add(v).addSuffix(set, next).penalty(this.alpha) - before;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestRoute = r;
          bestAt = at;
        }
      }
    }
    const route = set.routes[bestRoute];
    set.replace(bestRoute, [...route.slice(0, bestAt), v, ...route.slice(bestAt)]);
  }

  /** Applies the best penalty-reducing move from route r; false when none reduces it. */
  private repair(r: number): boolean {
    const set = this.set;
    let best = -1e-9;
    let bestMove = -1;
    let bestU = 0;
    let bestW = 0;
    for (const u of set.routes[r]) {
      for (const w of this.data.neighbours[u]) {
        if (set.routeOf[w] < 0 || set.routeOf[w] === r) continue;
        const before = this.moves.current(u, w, this.alpha);
        for (const move of ROUTE_MOVES) {
          const delta = this.moves.evaluate(move, u, w, this.alpha) - before;
          if (delta < best) {
            best = delta;
            bestMove = move;
            bestU = u;
            bestW = w;
          }
        }
      }
    }
    if (bestMove < 0) return false;
    this.moves.apply(bestMove, bestU, bestW);
    return true;
  }
}
