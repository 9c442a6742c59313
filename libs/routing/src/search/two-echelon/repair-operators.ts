import { Random } from '../../random';
import { FirstLevelMarginal } from './first-level-marginal';
import { InsertionTable } from './insertion-table';
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

/** Loads and vehicle counts per satellite plus the insertion cache, kept current during one repair. */
interface RepairScratch {
  loads: number[];
  vehicles: number[];
  table: InsertionTable;
  marginal: FirstLevelMarginal;
}

function newScratch(state: SearchState, pending: readonly number[]): RepairScratch {
  const context = state.context;
  let smallest = Infinity;
  let largest = 0;
  for (const c of pending) {
    smallest = Math.min(smallest, context.demand[c]);
    largest = Math.max(largest, context.demand[c]);
  }
  const loads = state.satelliteLoads();
  const vehicles = new Array<number>(context.satelliteCount).fill(0);
  for (const route of state.routes) vehicles[route.satellite]++;
  const maxRoutes = Math.min(context.problem.secondLevel.maxVehicles, state.routes.length + pending.length);
  return {
    loads,
    vehicles,
    table: new InsertionTable(state, Math.max(maxRoutes, state.routes.length)),
    marginal: new FirstLevelMarginal(context, loads, smallest, largest),
  };
}

/**
 * The `keep` cheapest insertions of `c` over every route (and every satellite where a new route is
 * allowed), cheapest first. Prices are in scaled cost units: distance × rate, new-route fixed cost,
 * handling and first-level marginal cost at the satellite, and the penalty for added excess.
 */
function cheapestInsertions(state: SearchState, c: number, settings: RepairSettings, scratch: RepairScratch, keep: number): Insertion[] {
  const context: SearchContext = state.context;
  const problem = context.problem;
  const fleet = problem.secondLevel;
  const demand = context.demand[c];
  const { loads, vehicles, table } = scratch;
  const best: Insertion[] = [];
  const offer = (cost: number, route: number, satellite: number, position: number): void => {
    if (settings.noise > 0) cost *= 1 + settings.noise * (settings.random.nextFloat() - 0.5);
    if (best.length === keep && cost >= best[keep - 1].cost) return;
    let at = best.length < keep ? best.length : keep - 1;
    while (at > 0 && best[at - 1].cost > cost) at--;
    best.splice(at, 0, { cost, route, satellite, position });
    if (best.length > keep) best.pop();
  };
  const extraBySatellite = new Float64Array(context.satelliteCount);
  for (let s = 0; s < context.satelliteCount; s++) {
    const capacity = problem.satellites[s].capacity ?? Infinity;
    const excessAdded = Math.max(0, loads[s] + demand - capacity) - Math.max(0, loads[s] - capacity);
    extraBySatellite[s] = (problem.satellites[s].handlingCost ?? 0) * demand + settings.penalty * excessAdded;
    // The first-level price of the extra freight (opening a satellite, another truck).
    if (s !== settings.openedSatellite) extraBySatellite[s] += scratch.marginal.cost(s, demand);
  }
  const routes = state.routes;
  for (let r = 0; r < routes.length; r++) {
    const route: WorkingRoute = routes[r];
    if (route.satellite === settings.closedSatellite) continue;
    const cell = table.lookup(c, r);
    const overload = Math.max(0, route.load + demand - fleet.capacity) - Math.max(0, route.load - fleet.capacity);
    const cost = fleet.costPerDistance * table.deltaAt(cell) + settings.penalty * overload + extraBySatellite[route.satellite];
    offer(cost, r, route.satellite, table.positionAt(cell));
  }
  if (routes.length < fleet.maxVehicles) {
    const node = context.customerNode(c);
    for (let s = 0; s < context.satelliteCount; s++) {
      if (s === settings.closedSatellite || vehicles[s] >= context.maxVehiclesAt(s)) continue;
      const distance = context.arc(1 + s, node) + context.arc(node, 1 + s);
      offer(fleet.fixedCost + fleet.costPerDistance * distance + extraBySatellite[s], -1, s, 0);
    }
  }
  return best;
}

function apply(state: SearchState, c: number, insertion: Insertion, scratch: RepairScratch): void {
  const context = state.context;
  let r = insertion.route;
  if (r < 0) {
    state.routes.push({ satellite: insertion.satellite, customers: [c], load: 0, distance: 0 });
    r = state.routes.length - 1;
    scratch.vehicles[insertion.satellite]++;
  } else {
    state.routes[r].customers.splice(insertion.position, 0, c);
  }
  const route = state.routes[r];
  route.load += context.demand[c];
  route.distance = context.routeDistance(route.satellite, route.customers);
  scratch.loads[route.satellite] += context.demand[c];
  scratch.table.invalidateRoute(r);
  scratch.marginal.reset();
}

/**
 * Cheapest insertion of the customers in random order. When the closed satellite leaves no room
 * at all (every vehicle in use elsewhere), the closure is lifted rather than losing a customer.
 */
export const greedyRepair: RepairOperator = (state, customers, settings) => {
  const order = customers.slice();
  settings.random.shuffle(order);
  const scratch = newScratch(state, order);
  for (const c of order) {
    let options = cheapestInsertions(state, c, settings, scratch, 1);
    if (options.length === 0) options = cheapestInsertions(state, c, { ...settings, closedSatellite: -1 }, scratch, 1);
    apply(state, c, options[0], scratch);
  }
};

function regretRepair(k: number): RepairOperator {
  return (state, customers, settings) => {
    const left = customers.slice();
    const scratch = newScratch(state, left);
    while (left.length > 0) {
      let chosen = -1;
      let chosenRegret = -Infinity;
      let chosenInsertion: Insertion | undefined;
      for (let index = 0; index < left.length; index++) {
        let options = cheapestInsertions(state, left[index], settings, scratch, k);
        if (options.length === 0) options = cheapestInsertions(state, left[index], { ...settings, closedSatellite: -1 }, scratch, k);
        // Customers with fewer than k options get a large regret: place them while they still fit.
        let regret = 0;
        for (let j = 1; j < k; j++) regret += (options[j]?.cost ?? options[0].cost + 1e12) - options[0].cost;
        if (regret > chosenRegret || (regret === chosenRegret && options[0].cost < chosenInsertion!.cost)) {
          chosen = index;
          chosenRegret = regret;
          chosenInsertion = options[0];
        }
      }
      apply(state, left[chosen], chosenInsertion!, scratch);
      left.splice(chosen, 1);
    }
  };
}

export const REPAIR_OPERATORS: ReadonlyArray<{ name: string; operator: RepairOperator }> = [
  { name: 'greedy', operator: greedyRepair },
  { name: 'regret-2', operator: regretRepair(2) },
  { name: 'regret-3', operator: regretRepair(3) },
];
