import { Random } from '../random';
import { SearchContext, SearchState, WorkingRoute } from './search-state';

/** Where and at what (penalised) price a customer could go. `route` -1 means a new route at `satellite`. */
interface Insertion {
  cost: number;
  route: number;
  satellite: number;
  position: number;
}

export interface RepairSettings {
  /** Price of one unit of demand over a vehicle's or satellite's capacity. */
  penalty: number;
  /** Satellite the repair must not use, or -1. */
  closedSatellite: number;
  /** Satellite whose first-level cost is waived this repair (satellite opening), or -1. */
  openedSatellite: number;
  /** Relative noise on insertion prices, for diversification (0 = none). */
  noise: number;
  random: Random;
}

/** Puts every listed customer back into `state` (in place). */
export type RepairOperator = (state: SearchState, customers: number[], settings: RepairSettings) => void;

/**
 * The best insertion of `c` into each route (and each satellite where a new route is allowed),
 * sorted cheapest first. Prices are in scaled cost units: distance × rate, new-route fixed cost,
 * handling at the satellite, and the penalty for any capacity excess the insertion adds.
 */
function insertionOptions(state: SearchState, c: number, settings: RepairSettings, loads: number[]): Insertion[] {
  const context: SearchContext = state.context;
  const problem = context.problem;
  const fleet = problem.secondLevel;
  const demand = context.demand[c];
  const options: Insertion[] = [];
  const extraBySatellite = new Float64Array(context.satelliteCount);
  for (let s = 0; s < context.satelliteCount; s++) {
    const capacity = problem.satellites[s].capacity ?? Infinity;
    const excessAdded = Math.max(0, loads[s] + demand - capacity) - Math.max(0, loads[s] - capacity);
    extraBySatellite[s] = (problem.satellites[s].handlingCost ?? 0) * demand + settings.penalty * excessAdded;
    // The first-level price of the extra freight (opening a satellite, another truck).
    if (s !== settings.openedSatellite) extraBySatellite[s] += firstLevelMarginal(context, loads, s, demand);
  }
  const satelliteExtra = (s: number): number => extraBySatellite[s];
  state.routes.forEach((route: WorkingRoute, r) => {
    if (route.satellite === settings.closedSatellite) return;
    let bestDelta = Infinity;
    let bestPosition = 0;
    for (let i = 0; i <= route.customers.length; i++) {
      const delta = context.insertionDelta(route, c, i);
      if (delta < bestDelta) {
        bestDelta = delta;
        bestPosition = i;
      }
    }
    const overload = Math.max(0, route.load + demand - fleet.capacity) - Math.max(0, route.load - fleet.capacity);
    const cost = fleet.costPerDistance * bestDelta + settings.penalty * overload + satelliteExtra(route.satellite);
    options.push({ cost, route: r, satellite: route.satellite, position: bestPosition });
  });
  if (state.routes.length < fleet.maxVehicles) {
    for (let s = 0; s < context.satelliteCount; s++) {
      if (s === settings.closedSatellite || state.vehiclesAt(s) >= context.maxVehiclesAt(s)) continue;
      const node = context.customerNode(c);
      const distance = context.arc(1 + s, node) + context.arc(node, 1 + s);
      options.push({ cost: fleet.fixedCost + fleet.costPerDistance * distance + satelliteExtra(s), route: -1, satellite: s, position: 0 });
    }
  }
  if (settings.noise > 0) {
    for (const option of options) option.cost *= 1 + settings.noise * (settings.random.nextFloat() - 0.5);
  }
  options.sort((a, b) => a.cost - b.cost || a.route - b.route || a.satellite - b.satellite);
  return options;
}

/** Marginal first-level costs for the current loads, keyed by satellite and demand; cleared on change. */
const marginalCache = new Map<number, number>();

function firstLevelMarginal(context: SearchContext, loads: number[], satellite: number, demand: number): number {
  const key = demand * context.satelliteCount + satellite;
  const cached = marginalCache.get(key);
  if (cached !== undefined) return cached;
  if (marginalCache.size === 0) marginalCache.set(-1, context.firstLevel.estimate(loads));
  const before = marginalCache.get(-1)!;
  loads[satellite] += demand;
  const after = context.firstLevel.estimate(loads);
  loads[satellite] -= demand;
  marginalCache.set(key, after - before);
  return after - before;
}

function apply(state: SearchState, c: number, insertion: Insertion, loads: number[]): void {
  const context = state.context;
  marginalCache.clear();
  if (insertion.route < 0) {
    state.routes.push({ satellite: insertion.satellite, customers: [c], load: 0, distance: 0 });
  } else {
    state.routes[insertion.route].customers.splice(insertion.position, 0, c);
  }
  const route = insertion.route < 0 ? state.routes[state.routes.length - 1] : state.routes[insertion.route];
  route.load += context.demand[c];
  route.distance = context.routeDistance(route.satellite, route.customers);
  loads[route.satellite] += context.demand[c];
}

/**
 * Cheapest insertion of the customers in random order. When the closed satellite leaves no room
 * at all (every vehicle in use elsewhere), the closure is lifted rather than losing a customer.
 */
export const greedyRepair: RepairOperator = (state, customers, settings) => {
  const order = customers.slice();
  settings.random.shuffle(order);
  const loads = state.satelliteLoads();
  marginalCache.clear();
  for (const c of order) {
    let options = insertionOptions(state, c, settings, loads);
    if (options.length === 0) options = insertionOptions(state, c, { ...settings, closedSatellite: -1 }, loads);
    apply(state, c, options[0], loads);
  }
};

function regretRepair(k: number): RepairOperator {
  return (state, customers, settings) => {
    const left = customers.slice();
    const loads = state.satelliteLoads();
    marginalCache.clear();
    while (left.length > 0) {
      let chosen = -1;
      let chosenRegret = -Infinity;
      let chosenInsertion: Insertion | undefined;
      for (let index = 0; index < left.length; index++) {
        let options = insertionOptions(state, left[index], settings, loads);
        if (options.length === 0) options = insertionOptions(state, left[index], { ...settings, closedSatellite: -1 }, loads);
        // Customers with fewer than k options get a large regret: place them while they still fit.
        let regret = 0;
        for (let j = 1; j < k; j++) regret += (options[j]?.cost ?? options[0].cost + 1e12) - options[0].cost;
        if (regret > chosenRegret || (regret === chosenRegret && options[0].cost < chosenInsertion!.cost)) {
          chosen = index;
          chosenRegret = regret;
          chosenInsertion = options[0];
        }
      }
      apply(state, left[chosen], chosenInsertion!, loads);
      left.splice(chosen, 1);
    }
  };
}

export const REPAIR_OPERATORS: ReadonlyArray<{ name: string; operator: RepairOperator }> = [
  { name: 'greedy', operator: greedyRepair },
  { name: 'regret-2', operator: regretRepair(2) },
  { name: 'regret-3', operator: regretRepair(3) },
];
