import { Random } from '../../../random';
import { HgsData } from '../hgs-data';
import { EjectionSearch } from './ejection-search';
import { ROUTE_MOVES, RouteMoves } from './route-moves';
import { Chain, RouteSet } from './route-set';
import { Squeeze } from './squeeze';

/** Random feasible moves after each ejection (Nagata & Bräysy's I_rand). */
const PERTURBATION_MOVES = 1000;
/** Attempts per wanted perturbation move before the perturbation gives up. */
const PERTURBATION_ATTEMPTS = 10;

/**
 * Route minimisation heuristic for the VRPTW after Nagata, Y. & Bräysy, O. (2009), "A powerful
 * route minimization heuristic for the vehicle routing problem with time windows", Operations
 * Research Letters 37(5), 333-338.
 *
 * Starting from one route per client, it deletes routes one at a time: the clients of a random
 * route go into an ejection pool (a stack); each popped client is inserted at a random feasible
 * position, else by the squeeze (penalised insertion, then local repair), else by the ejection
 * search (insert it and eject at most 5 clients of that route with the least sum of insertion
 * failure counters p, which grow each time a client fails), followed by random feasible moves
 * (perturbation). A deletion succeeds when the pool is empty; when the stopping rule fires first
 * the last feasible route set is restored. Every route set it returns is feasible (load within
 * capacity, no time warp); deterministic under the seed when the stopping rule counts steps.
 *
 * It handles the plain VRPTW shape: one capacity, time windows, a homogeneous fleet of one trip
 * each, deliveries only, no release times, optional clients or distance limits (its moves check
 * neither; `canMinimiseRoutes`). The genetic search's own fleet reduction serves the rest.
 */
export class RouteMinimiser {
  private readonly set: RouteSet;
  private readonly moves: RouteMoves;
  private readonly squeeze: Squeeze;
  private readonly ejection: EjectionSearch;
  private readonly chain: Chain;
  /** Insertion failure counter of each client (p in the paper). */
  private readonly failures: Int32Array;
  /** Ejection-pool steps taken so far: what a step-counting stopping rule counts. */
  steps = 0;
  /** Routes deleted so far: lets a stopping rule see whether the minimiser still progresses. */
  deletions = 0;

  constructor(
    private readonly data: HgsData,
    private readonly random: Random,
  ) {
    this.set = new RouteSet(data);
    this.moves = new RouteMoves(data, this.set);
    this.squeeze = new Squeeze(data, this.set, this.moves, random);
    this.ejection = new EjectionSearch(data);
    this.chain = new Chain(data);
    this.failures = new Int32Array(data.n + 1);
  }

  /**
   * The feasible route set with the fewest routes found before `stop` returns true (asked once per
   * ejection-pool step) or `target` routes are reached. Starts from `initial` (feasible routes) or
   * from one route per client; null when that start is not feasible.
   */
  run(stop: (steps: number) => boolean, target = lowerBoundOnRoutes(this.data), initial?: number[][]): number[][] | null {
    const n = this.data.n;
    this.set.assign(initial ?? Array.from({ length: n }, (_, k) => [k + 1]));
    // A client no route can serve on time: nothing feasible to start from.
    for (let r = 0; r < this.set.routes.length; r++) if (!this.set.isFeasible(r)) return null;
    let best = this.set.snapshot();
    while (this.set.routes.length > Math.max(target, 1)) {
      if (!this.deleteRoute(stop)) {
        this.set.assign(best);
        break;
      }
      best = this.set.snapshot();
      this.deletions++;
    }
    return best;
  }

  /** One route deletion; false when stopped with clients still in the pool. */
  private deleteRoute(stop: (steps: number) => boolean): boolean {
    const set = this.set;
    const pool = set.removeRoute(this.random.nextInt(set.routes.length));
    this.failures.fill(1);
    const order: number[] = [];
    while (pool.length > 0) {
      if (stop(this.steps)) return false;
      this.steps++;
      const v = pool.pop()!;
      if (this.insertFeasibly(v) || this.squeeze.run(v)) continue;
      this.failures[v]++;
      order.length = 0;
      for (let r = 0; r < set.routes.length; r++) order.push(r);
      this.random.shuffle(order);
      const ejection = this.ejection.search(set, v, this.failures, order);
      if (ejection === null) pool.unshift(v);
      else {
        set.replace(ejection.route, ejection.kept);
        pool.push(...ejection.ejected);
      }
      this.perturb();
    }
    return true;
  }

  /** Inserts v at a uniformly drawn feasible position; false when there is none. */
  private insertFeasibly(v: number): boolean {
    const set = this.set;
    const capacity = this.data.capacity;
    let found = 0;
    let route = -1;
    let position = 0;
    for (let r = 0; r < set.routes.length; r++) {
      const clients = set.routes[r];
      if (set.suffixLoad[clients[0]] + this.data.demand[v] > capacity) continue;
      for (let at = 0; at <= clients.length; at++) {
        const previous = at === 0 ? 0 : clients[at - 1];
        const next = at === clients.length ? 0 : clients[at];
        if (!this.chain.fromPrefix(set, previous).add(v).addSuffix(set, next).feasible()) continue;
        // Reservoir sampling: each feasible position is kept with equal probability.
        found++;
        if (this.random.nextInt(found) === 0) {
          route = r;
          position = at;
        }
      }
    }
    if (route < 0) return false;
    const clients = set.routes[route];
    set.replace(route, [...clients.slice(0, position), v, ...clients.slice(position)]);
    return true;
  }

  /** A copy of feasible `routes` after `moves` random feasible moves (still feasible). */
  perturbed(routes: number[][], moves: number): number[][] {
    this.set.assign(routes);
    this.perturb(moves);
    return this.set.snapshot();
  }

  /** Random feasible 2-opt*, relocation and exchange moves between neighbours: diversification. */
  private perturb(moves = PERTURBATION_MOVES): void {
    const set = this.set;
    const neighbours = this.data.neighbours;
    let applied = 0;
    for (let attempt = 0; attempt < PERTURBATION_ATTEMPTS * moves && applied < moves; attempt++) {
      if (set.routes.length < 2) return;
      const route = set.routes[this.random.nextInt(set.routes.length)];
      const u = route[this.random.nextInt(route.length)];
      const w = neighbours[u][this.random.nextInt(neighbours[u].length)];
      const move = ROUTE_MOVES[this.random.nextInt(ROUTE_MOVES.length)];
      if (this.moves.evaluate(move, u, w, 1) === Infinity || !this.moves.feasible) continue;
      this.moves.apply(move, u, w);
      applied++;
    }
  }
}

/** Whether the route minimiser handles the problem (see `RouteMinimiser`). */
export function canMinimiseRoutes(data: HgsData): boolean {
  return !data.heterogeneous && !data.multiTrip && !data.hasDistanceLimits && !data.hasPickups && !data.hasReleaseTimes && !data.hasOptional && data.n > 1;
}

/** No solution has fewer routes than the total demand over the capacity. */
export function lowerBoundOnRoutes(data: HgsData): number {
  let demand = 0;
  for (let c = 1; c <= data.n; c++) demand += data.demand[c];
  return Math.max(1, Math.ceil(demand / data.capacity));
}
