import { Random } from '../../../random';
import { HgsData } from '../hgs-data';
import { Chain, RouteSet } from './route-set';

/** SISR's mean number of clients removed per ruin (c̄) and longest string (L_max). */
const MEAN_REMOVED = 10;
const MAX_STRING = 10;
/** Simulated-annealing temperature, as a share of the mean arc cost, at the start and at the end. */
const START_TEMPERATURE = 0.1;
const END_TEMPERATURE = 0.001;

/**
 * Distance at a fixed fleet, by ruin and recreate with simulated annealing (after the SISR of
 * Christiaens & Vanden Berghe 2020, simplified): remove a client and some of its nearest
 * neighbours, put each back at its cheapest feasible position (never opening a route), and accept
 * by the annealing rule. A route that empties is gone for good. Every route set it holds is
 * feasible, so the best it returns is too; moves are checked in O(1) from the route set's segments.
 */
export class RuinAndRecreate {
  private readonly set: RouteSet;
  private readonly chain: Chain;
  private readonly meanArcCost: number;
  /** The routes changed in this iteration, as they were before: what a rejection restores. */
  private readonly saved = new Map<number, number[]>();
  /** Iterations done: what a step-counting stopping rule counts. */
  steps = 0;

  constructor(
    private readonly data: HgsData,
    private readonly random: Random,
  ) {
    this.set = new RouteSet(data);
    this.chain = new Chain(data);
    let total = 0;
    for (let i = 0; i < data.arcCost.length; i++) total += data.arcCost[i];
    this.meanArcCost = total / data.arcCost.length;
  }

  /**
   * The best feasible routes found from feasible `routes` (fewest routes first, then distance)
   * until `stop` (asked each iteration) returns true; `progress` in [0, 1] cools the temperature.
   */
  run(routes: number[][], stop: (steps: number) => boolean, progress: () => number): number[][] {
    const set = this.set;
    set.assign(routes);
    let best = set.snapshot();
    let bestCost = this.totalCost();
    let currentCost = bestCost;
    const removed: number[] = [];
    while (!stop(this.steps)) {
      this.steps++;
      this.saved.clear();
      let cost = currentCost + this.ruin(removed);
      let recreated = true;
      for (const c of removed) {
        const delta = this.insertCheapest(c);
        if (delta === null) {
          recreated = false;
          break;
        }
        cost += delta;
      }
      const temperature = this.meanArcCost * START_TEMPERATURE * Math.pow(END_TEMPERATURE / START_TEMPERATURE, Math.min(1, progress()));
      const fewerRoutes = set.routes.some((route) => route.length === 0);
      if (!recreated || (!fewerRoutes && cost > currentCost - temperature * Math.log(1 - this.random.nextFloat()))) {
        // Only the changed routes go back (a full reassignment would cost O(n) per rejection).
        for (const [r, clients] of this.saved) set.replace(r, clients, true);
        continue;
      }
      set.compact();
      currentCost = cost;
      if (set.routes.length < best.length || (set.routes.length === best.length && cost < bestCost - 1e-9)) {
        best = set.snapshot();
        bestCost = cost;
      }
    }
    return best;
  }

  /**
   * SISR's ruin: from a random seed client, walk its nearest neighbours; for each one on a route not
   * yet ruined, remove a string of consecutive clients around it, until `strings` routes are ruined.
   * Returns the change of cost.
   */
  private ruin(removed: number[]): number {
    const set = this.set;
    const d = this.data;
    removed.length = 0;
    const route = set.routes[this.random.nextInt(set.routes.length)];
    const seed = route[this.random.nextInt(route.length)];
    const meanLength = d.n / set.routes.length;
    const longestString = Math.min(MAX_STRING, meanLength);
    const maxStrings = Math.max(1, (4 * MEAN_REMOVED) / (1 + longestString) - 1);
    const strings = 1 + this.random.nextInt(Math.floor(maxStrings));
    const ruined: number[] = [];
    const candidates = [seed, ...d.neighbours[seed]];
    let delta = 0;
    for (let k = 0; k < candidates.length && ruined.length < strings; k++) {
      const c = candidates[k];
      const r = set.routeOf[c];
      if (r < 0 || ruined.includes(r)) continue;
      const clients = set.routes[r];
      const length = 1 + this.random.nextInt(Math.floor(Math.min(clients.length, longestString)));
      // A string of `length` clients that contains c, at a random offset.
      const position = set.positionOf[c];
      const first = Math.max(0, Math.min(position - this.random.nextInt(length), clients.length - length));
      const previous = first === 0 ? 0 : clients[first - 1];
      const next = first + length === clients.length ? 0 : clients[first + length];
      delta += d.arcCost[previous * d.stride + next] - d.arcCost[previous * d.stride + clients[first]] - d.arcCost[clients[first + length - 1] * d.stride + next];
      for (let i = first; i < first + length - 1; i++) delta -= d.arcCost[clients[i] * d.stride + clients[i + 1]];
      this.save(r);
      const kept = clients.slice();
      const string = kept.splice(first, length);
      removed.push(...string);
      for (const out of string) set.routeOf[out] = set.positionOf[out] = -1;
      // An emptied route stays in place (empty) until the iteration is accepted.
      set.replace(r, kept, true);
      ruined.push(r);
    }
    this.order(removed);
    return delta;
  }

  /** SISR's recreation orders: random 4, largest demand 4, farthest from the depot 2, closest 1. */
  private order(removed: number[]): void {
    const d = this.data;
    const draw = this.random.nextInt(11);
    this.random.shuffle(removed);
    if (draw < 4) return;
    const key = draw < 8 ? (c: number) => -d.demand[c] : draw < 10 ? (c: number) => -d.arcCost[c] : (c: number) => d.arcCost[c];
    removed.sort((a, b) => key(a) - key(b));
  }

  /** Inserts v at its cheapest feasible position; returns the change of cost, or null if none. */
  private insertCheapest(v: number): number | null {
    const set = this.set;
    const d = this.data;
    let bestDelta = Infinity;
    let bestRoute = -1;
    let bestAt = 0;
    for (let r = 0; r < set.routes.length; r++) {
      const clients = set.routes[r];
      if (clients.length === 0 || set.suffixLoad[clients[0]] + d.demand[v] > d.capacity) continue;
      for (let at = 0; at <= clients.length; at++) {
        const previous = at === 0 ? 0 : clients[at - 1];
        const next = at === clients.length ? 0 : clients[at];
        const delta = d.arcCost[previous * d.stride + v] + d.arcCost[v * d.stride + next] - d.arcCost[previous * d.stride + next];
        if (delta >= bestDelta) continue;
        if (!this.chain.fromPrefix(set, previous).add(v).addSuffix(set, next).feasible()) continue;
        bestDelta = delta;
        bestRoute = r;
        bestAt = at;
      }
    }
    if (bestRoute < 0) return null;
    this.save(bestRoute);
    const clients = set.routes[bestRoute].slice();
    clients.splice(bestAt, 0, v);
    set.replace(bestRoute, clients);
    return bestDelta;
  }

  private save(r: number): void {
    if (!this.saved.has(r)) this.saved.set(r, this.set.routes[r]);
  }

  private totalCost(): number {
    const d = this.data;
    let cost = 0;
    for (const route of this.set.routes) {
      let previous = 0;
      for (const c of route) {
        cost += d.arcCost[previous * d.stride + c];
        previous = c;
      }
      cost += d.arcCost[previous * d.stride];
    }
    return cost;
  }
}
