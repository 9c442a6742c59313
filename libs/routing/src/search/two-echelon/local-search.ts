import { SearchContext, SearchState, WorkingRoute } from './search-state';

const EPSILON = 1e-7;
/** Nearest neighbours each customer may be moved next to. */
const GRANULARITY = 20;

/**
 * Improves the second-level routes in place until no move helps: 2-opt and or-opt inside a route,
 * relocate of one customer to another route, swap of two customers between routes, 2-opt* (tail
 * exchange) between routes of the same satellite, and moving a whole route to another used satellite. Moves are priced by distance × rate, handling cost and the
 * capacity penalty; the first-level cost is left to the LNS acceptance, which prices it exactly.
 */
export function improveRoutes(state: SearchState, penalty: number): void {
  const search = new RouteImprover(state, penalty);
  let improved = true;
  let rounds = 0;
  while (improved && rounds++ < 50) {
    improved = false;
    for (const route of state.routes) if (search.twoOpt(route)) improved = true;
    if (search.relocateAndSwap()) improved = true;
    if (search.tailExchange()) improved = true;
    if (search.reRoot()) improved = true;
  }
  state.dropEmptyRoutes();
}

class RouteImprover {
  private readonly context: SearchContext;
  private readonly rate: number;
  private readonly capacity: number;
  private readonly loads: number[];
  /** False when no satellite has a handling cost or capacity: moving freight between them is free. */
  private readonly satellitesPriced: boolean;

  constructor(
    private readonly state: SearchState,
    private readonly penalty: number,
  ) {
    this.context = state.context;
    this.rate = this.context.problem.secondLevel.costPerDistance;
    this.capacity = this.context.problem.secondLevel.capacity;
    this.loads = state.satelliteLoads();
    this.satellitesPriced = this.context.problem.satellites.some((s) => (s.handlingCost ?? 0) > 0 || s.capacity !== undefined);
  }

  twoOpt(route: WorkingRoute): boolean {
    const context = this.context;
    const n = route.customers.length;
    let changed = false;
    let improved = true;
    while (improved) {
      improved = false;
      for (let i = 0; i < n - 1; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = context.nodeAt(route, i - 1);
          const b = context.nodeAt(route, i);
          const c = context.nodeAt(route, j);
          const d = context.nodeAt(route, j + 1);
          if (context.arc(a, c) + context.arc(b, d) - context.arc(a, b) - context.arc(c, d) < -EPSILON) {
            reverse(route.customers, i, j);
            improved = true;
            changed = true;
          }
        }
      }
    }
    if (changed) route.distance = context.routeDistance(route.satellite, route.customers);
    return changed;
  }

  /** Penalty change when a route's load goes from `before` to `after`. */
  private overloadCost(before: number, after: number): number {
    return this.penalty * (Math.max(0, after - this.capacity) - Math.max(0, before - this.capacity));
  }

  /** Handling and satellite-capacity penalty change when `demand` moves from satellite `from` to `to`. */
  private satelliteMoveCost(from: number, to: number, demand: number): number {
    if (from === to || demand === 0 || !this.satellitesPriced) return 0;
    const satellites = this.context.problem.satellites;
    const excess = (s: number, load: number): number => Math.max(0, load - (satellites[s].capacity ?? Infinity));
    const handling = ((satellites[to].handlingCost ?? 0) - (satellites[from].handlingCost ?? 0)) * demand;
    const excessChange = excess(from, this.loads[from] - demand) - excess(from, this.loads[from]) + excess(to, this.loads[to] + demand) - excess(to, this.loads[to]);
    return handling + this.penalty * excessChange;
  }

  /**
   * Relocate and swap restricted to granular neighbourhoods (Toth & Vigo): customer c only moves
   * next to one of its nearest neighbours n, either inserted beside n (relocate) or exchanged with
   * the customer beside n (swap). That keeps each pass near-linear in the number of customers.
   */
  relocateAndSwap(): boolean {
    const context = this.context;
    const routes = this.state.routes;
    const width = context.customerCount - 1;
    const granularity = Math.min(GRANULARITY, width);
    const routeOf = new Int32Array(context.customerCount);
    const positionOf = new Int32Array(context.customerCount);
    const index = (r: number): void => routes[r].customers.forEach((c, i) => ((routeOf[c] = r), (positionOf[c] = i)));
    for (let r = 0; r < routes.length; r++) index(r);
    let changed = false;
    for (let c = 0; c < context.customerCount; c++) {
      const a = routeOf[c];
      const from = routes[a];
      const i = positionOf[c];
      const node = context.customerNode(c);
      const demand = context.demand[c];
      const prev = context.nodeAt(from, i - 1);
      const next = context.nodeAt(from, i + 1);
      const removalDelta = context.arc(prev, next) - context.arc(prev, node) - context.arc(node, next);
      let bestGain = -EPSILON;
      let best: { kind: 'relocate' | 'swap'; route: number; position: number } | undefined;
      for (let k = 0; k < granularity; k++) {
        const neighbour = context.neighbours[c * width + k];
        const b = routeOf[neighbour];
        const p = positionOf[neighbour];
        if (b === a) {
          // Or-opt inside the route: c next to its neighbour; positions i and i+1 would not move it.
          for (let j = p; j <= p + 1; j++) {
            if (j === i || j === i + 1) continue;
            const gain = this.rate * (removalDelta + context.insertionDelta(from, c, j));
            if (gain < bestGain) {
              bestGain = gain;
              best = { kind: 'relocate', route: a, position: j };
            }
          }
          continue;
        }
        const to = routes[b];
        const relocateBase =
          this.rate * removalDelta +
          this.overloadCost(from.load, from.load - demand) +
          this.overloadCost(to.load, to.load + demand) +
          this.satelliteMoveCost(from.satellite, to.satellite, demand);
        for (let j = p; j <= p + 1; j++) {
          const gain = relocateBase + this.rate * context.insertionDelta(to, c, j);
          if (gain < bestGain) {
            bestGain = gain;
            best = { kind: 'relocate', route: b, position: j };
          }
        }
        for (let j = p - 1; j <= p + 1; j += 2) {
          if (j < 0 || j >= to.customers.length) continue;
          const d = to.customers[j];
          const other = context.customerNode(d);
          const otherDemand = context.demand[d];
          const toPrev = context.nodeAt(to, j - 1);
          const toNext = context.nodeAt(to, j + 1);
          const distanceDelta =
            context.arc(prev, other) +
            context.arc(other, next) -
            context.arc(prev, node) -
            context.arc(node, next) +
            context.arc(toPrev, node) +
            context.arc(node, toNext) -
            context.arc(toPrev, other) -
            context.arc(other, toNext);
          const gain =
            this.rate * distanceDelta +
            this.overloadCost(from.load, from.load - demand + otherDemand) +
            this.overloadCost(to.load, to.load + demand - otherDemand) +
            this.satelliteMoveCost(from.satellite, to.satellite, demand - otherDemand);
          if (gain < bestGain) {
            bestGain = gain;
            best = { kind: 'swap', route: b, position: j };
          }
        }
      }
      if (!best) continue;
      const to = routes[best.route];
      if (best.kind === 'relocate' && best.route === a) {
        from.customers.splice(i, 1);
        from.customers.splice(best.position > i ? best.position - 1 : best.position, 0, c);
      } else if (best.kind === 'relocate') {
        from.customers.splice(i, 1);
        to.customers.splice(best.position, 0, c);
        this.moveLoad(from, to, demand);
      } else {
        const d = to.customers[best.position];
        from.customers[i] = d;
        to.customers[best.position] = c;
        this.moveLoad(from, to, demand - context.demand[d]);
      }
      from.distance = context.routeDistance(from.satellite, from.customers);
      to.distance = context.routeDistance(to.satellite, to.customers);
      index(a);
      index(best.route);
      changed = true;
    }
    return changed;
  }

  private moveLoad(from: WorkingRoute, to: WorkingRoute, demand: number): void {
    from.load -= demand;
    to.load += demand;
    this.loads[from.satellite] -= demand;
    this.loads[to.satellite] += demand;
  }

  /**
   * Moves a whole route to another satellite that is already in use, entering the cycle of
   * customers at its best point: shifts a block of freight between townships in one step, which
   * customer-by-customer moves cannot do when vehicles are full.
   */
  reRoot(): boolean {
    const context = this.context;
    const routes = this.state.routes;
    const vehicles = new Array<number>(context.satelliteCount).fill(0);
    for (const route of routes) if (route.customers.length > 0) vehicles[route.satellite]++;
    let changed = false;
    for (const route of routes) {
      const n = route.customers.length;
      if (n === 0) continue;
      const first = context.customerNode(route.customers[0]);
      const last = context.customerNode(route.customers[n - 1]);
      const home = 1 + route.satellite;
      let bestGain = -EPSILON;
      let best: { satellite: number; cut: number } | undefined;
      for (let s = 0; s < context.satelliteCount; s++) {
        if (s === route.satellite || this.loads[s] === 0 || vehicles[s] >= context.maxVehiclesAt(s)) continue;
        const node = 1 + s;
        const moveCost = this.satelliteMoveCost(route.satellite, s, route.load);
        // Cut the customer cycle between positions k-1 and k (k = 0 cuts the closing arc last→first).
        for (let k = 0; k < n; k++) {
          const before = k === 0 ? last : context.customerNode(route.customers[k - 1]);
          const after = context.customerNode(route.customers[k]);
          const removed = context.arc(home, first) + context.arc(last, home) - context.arc(last, first);
          const added = context.arc(before, node) + context.arc(node, after) - context.arc(before, after);
          const gain = this.rate * (added - removed) + moveCost;
          if (gain < bestGain) {
            bestGain = gain;
            best = { satellite: s, cut: k };
          }
        }
      }
      if (!best) continue;
      vehicles[route.satellite]--;
      vehicles[best.satellite]++;
      this.loads[route.satellite] -= route.load;
      this.loads[best.satellite] += route.load;
      route.customers = route.customers.slice(best.cut).concat(route.customers.slice(0, best.cut));
      route.satellite = best.satellite;
      route.distance = context.routeDistance(route.satellite, route.customers);
      changed = true;
    }
    return changed;
  }

  /** 2-opt*: exchange the tails of two routes based at the same satellite. */
  tailExchange(): boolean {
    const context = this.context;
    const routes = this.state.routes;
    let changed = false;
    for (let a = 0; a < routes.length; a++) {
      for (let b = a + 1; b < routes.length; b++) {
        const first = routes[a];
        const second = routes[b];
        if (first.satellite !== second.satellite) continue;
        const prefixA = prefixLoads(context, first);
        const prefixB = prefixLoads(context, second);
        let bestGain = -EPSILON;
        let cut: [number, number] | undefined;
        for (let i = 0; i <= first.customers.length; i++) {
          for (let j = 0; j <= second.customers.length; j++) {
            const distanceDelta =
              context.arc(context.nodeAt(first, i - 1), context.nodeAt(second, j)) +
              context.arc(context.nodeAt(second, j - 1), context.nodeAt(first, i)) -
              context.arc(context.nodeAt(first, i - 1), context.nodeAt(first, i)) -
              context.arc(context.nodeAt(second, j - 1), context.nodeAt(second, j));
            const newLoadA = prefixA[i] + (second.load - prefixB[j]);
            const newLoadB = prefixB[j] + (first.load - prefixA[i]);
            const gain = this.rate * distanceDelta + this.overloadCost(first.load, newLoadA) + this.overloadCost(second.load, newLoadB);
            if (gain < bestGain) {
              bestGain = gain;
              cut = [i, j];
            }
          }
        }
        if (!cut) continue;
        const [i, j] = cut;
        const tailA = first.customers.slice(i);
        const tailB = second.customers.slice(j);
        first.customers = first.customers.slice(0, i).concat(tailB);
        second.customers = second.customers.slice(0, j).concat(tailA);
        for (const route of [first, second]) {
          route.load = route.customers.reduce((sum, c) => sum + context.demand[c], 0);
          route.distance = context.routeDistance(route.satellite, route.customers);
        }
        changed = true;
      }
    }
    return changed;
  }
}

/** prefix[i] = load of the first i customers of the route. */
function prefixLoads(context: SearchContext, route: WorkingRoute): number[] {
  const prefix = [0];
  for (const c of route.customers) prefix.push(prefix[prefix.length - 1] + context.demand[c]);
  return prefix;
}

function reverse(values: number[], from: number, to: number): void {
  for (let i = from, j = to; i < j; i++, j--) {
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
}
