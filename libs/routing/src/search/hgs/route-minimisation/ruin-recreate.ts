import { Random } from '../../../random';
import { HgsData } from '../hgs-data';
import { Chain, RouteSet } from './route-set';

/** SISR's mean number of clients removed per ruin (c̄) and longest string (L_max). */
const MEAN_REMOVED = 10;
const MAX_STRING = 10;
/** Share of ruined routes that lose a split string rather than a string, and the chance that a split string keeps one more client. */
const SPLIT_RATE = 0.5;
const SPLIT_DEPTH = 0.01;
/** Chance that recreation skips an improving insertion position (SISR's blink rate). */
const BLINK_RATE = 0.01;
/**
 * Simulated-annealing temperature, as a share of the mean arc cost, at the start and at the end.
 * Measured on Gehring-Homberger (24 s CPU, seed 1): 0.1 → 0.001 froze within 10 s at 4.3 % (R1
 * 200) and 9.7 % (RC1 400) above the best known; 1 → 0.001 reached 1.0 % and 6.2 %.
 */
const START_TEMPERATURE = 1;
const END_TEMPERATURE = 0.001;

/**
 * Distance at a fixed fleet, by ruin and recreate with simulated annealing (after the SISR of
 * Christiaens & Vanden Berghe 2020): remove strings and split strings of clients around a client
 * and its nearest neighbours, put each back at its cheapest feasible position with blinks (never
 * opening a route), and accept by the annealing rule. Its fleet minimisation is left to the route
 * minimiser. A route that empties is gone for good. Every route set it holds is
 * feasible, so the best it returns is too; moves are checked in O(1) from the route set's segments.
 */
export class RuinAndRecreate {
  private readonly set: RouteSet;
  private readonly chain: Chain;
  private readonly meanArcCost: number;
  /** The routes changed in this iteration, as they were before: what a rejection restores. */
  private readonly saved = new Map<number, number[]>();
  /** The cheapest feasible insertion found so far by `consider`. */
  private bestDelta = Infinity;
  private bestRoute = -1;
  private bestAt = 0;
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
   * yet ruined, remove a string of consecutive clients around it (or, half the time, a split string:
   * a longer string of which a few consecutive clients stay), until `strings` routes are ruined.
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
      const preserved = length < clients.length && this.random.nextFloat() < SPLIT_RATE ? this.preservedCount(length, clients.length) : 0;
      // A span of `length + preserved` clients that contains c, at a random offset; the preserved
      // clients are a block at a random place inside it.
      const span = length + preserved;
      const first = Math.max(0, Math.min(set.positionOf[c] - this.random.nextInt(span), clients.length - span));
      const keptFrom = first + this.random.nextInt(length + 1);
      const kept: number[] = [];
      for (let p = 0; p < clients.length; p++) {
        const inSpan = p >= first && p < first + span;
        if (!inSpan || (p >= keptFrom && p < keptFrom + preserved)) kept.push(clients[p]);
        else {
          removed.push(clients[p]);
          set.routeOf[clients[p]] = set.positionOf[clients[p]] = -1;
        }
      }
      delta += this.routeCost(kept) - this.routeCost(clients);
      this.save(r);
      // An emptied route stays in place (empty) until the iteration is accepted.
      set.replace(r, kept, true);
      ruined.push(r);
    }
    this.order(removed);
    return delta;
  }

  /** Clients a split string keeps: one, and one more with probability `SPLIT_DEPTH` each time, while the route has them. */
  private preservedCount(length: number, routeLength: number): number {
    let preserved = 1;
    while (length + preserved < routeLength && this.random.nextFloat() < SPLIT_DEPTH) preserved++;
    return preserved;
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
    this.bestDelta = Infinity;
    this.bestRoute = -1;
    // Every position: on 1,000 clients, looking only next to v's nearest neighbours tripled the
    // steps but ended 6 % longer (R1, 24 s CPU).
    for (let r = 0; r < set.routes.length; r++) {
      if (!this.hasRoomFor(r, v)) continue;
      for (let at = 0; at <= set.routes[r].length; at++) this.consider(v, r, at);
    }
    if (this.bestRoute < 0) return null;
    this.save(this.bestRoute);
    const clients = set.routes[this.bestRoute].slice();
    clients.splice(this.bestAt, 0, v);
    set.replace(this.bestRoute, clients);
    return this.bestDelta;
  }

  /** Whether route r is open (not emptied by the ruin) and has room for v's demand. */
  private hasRoomFor(r: number, v: number): boolean {
    const clients = this.set.routes[r];
    return clients.length > 0 && this.set.suffixLoad[clients[0]] + this.data.demand[v] <= this.data.capacity;
  }

  /** Keeps inserting v before position `at` of route r if that is feasible and the cheapest so far. */
  private consider(v: number, r: number, at: number): void {
    const d = this.data;
    const clients = this.set.routes[r];
    const previous = at === 0 ? 0 : clients[at - 1];
    const next = at === clients.length ? 0 : clients[at];
    const delta = d.arcCost[previous * d.stride + v] + d.arcCost[v * d.stride + next] - d.arcCost[previous * d.stride + next];
    // SISR's blinks: an improving position is skipped now and then, which varies the recreation.
    if (delta >= this.bestDelta || this.random.nextFloat() < BLINK_RATE) return;
    if (!this.chain.fromPrefix(this.set, previous).add(v).addSuffix(this.set, next).feasible()) return;
    this.bestDelta = delta;
    this.bestRoute = r;
    this.bestAt = at;
  }

  private save(r: number): void {
    if (!this.saved.has(r)) this.saved.set(r, this.set.routes[r]);
  }

  private totalCost(): number {
    let cost = 0;
    for (const route of this.set.routes) cost += this.routeCost(route);
    return cost;
  }

  private routeCost(route: number[]): number {
    const d = this.data;
    let cost = 0;
    let previous = 0;
    for (const c of route) {
      cost += d.arcCost[previous * d.stride + c];
      previous = c;
    }
    return cost + d.arcCost[previous * d.stride];
  }
}
