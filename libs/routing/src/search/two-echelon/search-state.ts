import { echelonRouteCost, satelliteHandlingCost } from '../../evaluation/cost-evaluator';
import { nodeCount, TwoEchelonProblem } from './two-echelon-problem';
import { FirstLevelSolver } from './first-level-solver';

/** One second-level route during the search: satellite, customer indices, cached load and length. */
export interface WorkingRoute {
  satellite: number;
  customers: number[];
  load: number;
  distance: number;
}

/**
 * Read-only data the search operators share: distance lookups by customer/satellite index,
 * demands, and each customer's neighbours by distance (for related removal).
 */
export class SearchContext {
  readonly size: number;
  readonly satelliteCount: number;
  readonly customerCount: number;
  readonly demand: Int32Array;
  /** For each customer, the other customers sorted by distance, row-major `C × (C-1)`. */
  readonly neighbours: Int32Array;
  readonly firstLevel: FirstLevelSolver;

  constructor(readonly problem: TwoEchelonProblem) {
    this.size = nodeCount(problem);
    this.satelliteCount = problem.satellites.length;
    this.customerCount = problem.customers.length;
    this.demand = Int32Array.from(problem.customers, (c) => c.demand);
    const count = this.customerCount;
    this.neighbours = new Int32Array(count * Math.max(count - 1, 0));
    for (let c = 0; c < count; c++) {
      const others: number[] = [];
      for (let o = 0; o < count; o++) if (o !== c) others.push(o);
      others.sort((a, b) => this.customerDistance(c, a) - this.customerDistance(c, b) || a - b);
      this.neighbours.set(others, c * (count - 1));
    }
    this.firstLevel = new FirstLevelSolver(problem);
  }

  customerNode(c: number): number {
    return 1 + this.satelliteCount + c;
  }

  /** Distance between two nodes given as matrix indices. */
  arc(from: number, to: number): number {
    return this.problem.distance[from * this.size + to];
  }

  customerDistance(a: number, b: number): number {
    return this.arc(this.customerNode(a), this.customerNode(b));
  }

  /** Node at position `i` of `route` where -1 and `length` both mean the satellite. */
  nodeAt(route: WorkingRoute, i: number): number {
    return i < 0 || i >= route.customers.length ? 1 + route.satellite : this.customerNode(route.customers[i]);
  }

  routeDistance(satellite: number, customers: readonly number[]): number {
    let total = 0;
    let previous = 1 + satellite;
    for (const c of customers) {
      const node = this.customerNode(c);
      total += this.arc(previous, node);
      previous = node;
    }
    return total + this.arc(previous, 1 + satellite);
  }

  /** Extra distance of putting customer `c` between positions `i-1` and `i` of `route`. */
  insertionDelta(route: WorkingRoute, c: number, i: number): number {
    const node = this.customerNode(c);
    const before = this.nodeAt(route, i - 1);
    const after = this.nodeAt(route, i);
    return this.arc(before, node) + this.arc(node, after) - this.arc(before, after);
  }

  maxVehiclesAt(satellite: number): number {
    return Math.min(this.problem.satellites[satellite].maxVehicles ?? Infinity, this.problem.secondLevel.maxVehicles);
  }
}

/** A complete assignment of customers to second-level routes, with the totals the search needs. */
export class SearchState {
  constructor(
    readonly context: SearchContext,
    public routes: WorkingRoute[],
  ) {}

  static empty(context: SearchContext): SearchState {
    return new SearchState(context, []);
  }

  clone(): SearchState {
    return new SearchState(
      this.context,
      this.routes.map((r) => ({ satellite: r.satellite, customers: r.customers.slice(), load: r.load, distance: r.distance })),
    );
  }

  satelliteLoads(): number[] {
    const loads = new Array<number>(this.context.satelliteCount).fill(0);
    for (const route of this.routes) loads[route.satellite] += route.load;
    return loads;
  }

  vehiclesAt(satellite: number): number {
    let count = 0;
    for (const route of this.routes) if (route.satellite === satellite && route.customers.length > 0) count++;
    return count;
  }

  /** Removes empty routes, which the operators may leave behind. */
  dropEmptyRoutes(): void {
    this.routes = this.routes.filter((r) => r.customers.length > 0);
  }

  /** Second-level cost in scaled units. */
  secondLevelCost(): number {
    const fleet = this.context.problem.secondLevel;
    let cost = 0;
    for (const route of this.routes) if (route.customers.length > 0) cost += echelonRouteCost(fleet, route.distance);
    return cost;
  }

  handlingCost(loads: readonly number[]): number {
    let cost = 0;
    loads.forEach((load, s) => (cost += satelliteHandlingCost(this.context.problem.satellites[s].handlingCost, load)));
    return cost;
  }

  /** Demand over vehicle capacity plus freight over satellite capacity: what the penalty prices. */
  excess(loads: readonly number[]): number {
    const capacity = this.context.problem.secondLevel.capacity;
    let excess = 0;
    for (const route of this.routes) excess += Math.max(0, route.load - capacity);
    loads.forEach((load, s) => (excess += Math.max(0, load - (this.context.problem.satellites[s].capacity ?? Infinity))));
    return excess;
  }

  /** True cost of both echelons (Infinity when the first level cannot carry the loads). */
  cost(): number {
    const loads = this.satelliteLoads();
    return this.secondLevelCost() + this.context.firstLevel.cost(loads) + this.handlingCost(loads);
  }

  /** Cost plus `penalty` per unit of excess; the search compares states by this. */
  penalizedCost(penalty: number): { cost: number; excess: number; penalized: number } {
    const loads = this.satelliteLoads();
    const cost = this.secondLevelCost() + this.context.firstLevel.cost(loads) + this.handlingCost(loads);
    const excess = this.excess(loads);
    return { cost, excess, penalized: cost + penalty * excess };
  }
}
