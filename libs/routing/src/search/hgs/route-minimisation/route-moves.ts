import { HgsData } from '../hgs-data';
import { Chain, RouteSet } from './route-set';

/**
 * The inter-route moves of the route minimiser's squeeze and perturbation (Nagata & Bräysy 2009
 * use 2-opt*, relocation and exchange), for client u on one route and client w on another:
 */
export enum RouteMove {
  /** u leaves its route and follows w. */
  RelocateAfter,
  /** u leaves its route and precedes w. */
  RelocateBefore,
  /** u and w change places. */
  Exchange,
  /** the tails after u and after w change routes. */
  TailsAfter,
  /** the tails from u and from w change routes. */
  TailsFrom,
}

export const ROUTE_MOVES = [RouteMove.RelocateAfter, RouteMove.RelocateBefore, RouteMove.Exchange, RouteMove.TailsAfter, RouteMove.TailsFrom];

/** Evaluates a move in O(1) from the route set's segments, and applies it. */
export class RouteMoves {
  private readonly first: Chain;
  private readonly second: Chain;
  /** After `evaluate`: whether both changed routes would be feasible. */
  feasible = false;

  constructor(
    data: HgsData,
    private readonly routes: RouteSet,
  ) {
    this.first = new Chain(data);
    this.second = new Chain(data);
  }

  /**
   * Squeeze penalty (load above capacity + alpha × time warp) of the two routes after the move, or
   * Infinity when u and w share a route or the move changes nothing.
   */
  evaluate(move: RouteMove, u: number, w: number, alpha: number): number {
    const set = this.routes;
    if (set.routeOf[u] === set.routeOf[w] || set.routeOf[w] < 0) return Infinity;
    const a = this.first;
    const b = this.second;
    switch (move) {
      case RouteMove.RelocateAfter:
        a.fromPrefix(set, set.previous(u)).addSuffix(set, set.next(u));
        b.fromPrefix(set, w).add(u).addSuffix(set, set.next(w));
        break;
      case RouteMove.RelocateBefore:
        a.fromPrefix(set, set.previous(u)).addSuffix(set, set.next(u));
        b.fromPrefix(set, set.previous(w)).add(u).addSuffix(set, w);
        break;
      case RouteMove.Exchange:
        a.fromPrefix(set, set.previous(u)).add(w).addSuffix(set, set.next(u));
        b.fromPrefix(set, set.previous(w)).add(u).addSuffix(set, set.next(w));
        break;
      case RouteMove.TailsAfter:
        if (set.next(u) === 0 && set.next(w) === 0) return Infinity;
        a.fromPrefix(set, u).addSuffix(set, set.next(w));
        b.fromPrefix(set, w).addSuffix(set, set.next(u));
        break;
      case RouteMove.TailsFrom:
        if (set.previous(u) === 0 && set.previous(w) === 0) return Infinity;
        a.fromPrefix(set, set.previous(u)).addSuffix(set, w);
        b.fromPrefix(set, set.previous(w)).addSuffix(set, u);
        break;
    }
    this.feasible = a.feasible() && b.feasible();
    return a.penalty(alpha) + b.penalty(alpha);
  }

  /** Penalty of u's and w's routes as they are. */
  current(u: number, w: number, alpha: number): number {
    const set = this.routes;
    const r1 = set.routeOf[u];
    const r2 = set.routeOf[w];
    return set.excessLoad[r1] + alpha * set.warpS[r1] + set.excessLoad[r2] + alpha * set.warpS[r2];
  }

  apply(move: RouteMove, u: number, w: number): void {
    const set = this.routes;
    const r1 = set.routeOf[u];
    const r2 = set.routeOf[w];
    const one = set.routes[r1];
    const two = set.routes[r2];
    const pu = set.positionOf[u];
    const pw = set.positionOf[w];
    let newOne: number[];
    let newTwo: number[];
    switch (move) {
      case RouteMove.RelocateAfter:
        newOne = [...one.slice(0, pu), ...one.slice(pu + 1)];
        newTwo = [...two.slice(0, pw + 1), u, ...two.slice(pw + 1)];
        break;
      case RouteMove.RelocateBefore:
        newOne = [...one.slice(0, pu), ...one.slice(pu + 1)];
        newTwo = [...two.slice(0, pw), u, ...two.slice(pw)];
        break;
      case RouteMove.Exchange:
        newOne = [...one.slice(0, pu), w, ...one.slice(pu + 1)];
        newTwo = [...two.slice(0, pw), u, ...two.slice(pw + 1)];
        break;
      case RouteMove.TailsAfter:
        newOne = [...one.slice(0, pu + 1), ...two.slice(pw + 1)];
        newTwo = [...two.slice(0, pw + 1), ...one.slice(pu + 1)];
        break;
      case RouteMove.TailsFrom:
        newOne = [...one.slice(0, pu), ...two.slice(pw)];
        newTwo = [...two.slice(0, pw), ...one.slice(pu)];
        break;
    }
    replaceBoth(set, r1, newOne, r2, newTwo);
  }
}

/** Replaces two routes; an emptied one is deleted last, the higher index first, so indices stay valid. */
export function replaceBoth(set: RouteSet, r1: number, one: number[], r2: number, two: number[]): void {
  if (one.length > 0) set.replace(r1, one);
  if (two.length > 0) set.replace(r2, two);
  const emptied = [one.length === 0 ? r1 : -1, two.length === 0 ? r2 : -1].filter((r) => r >= 0).sort((x, y) => y - x);
  for (const r of emptied) set.replace(r, []);
}
