import { echelonRouteCost } from '../../evaluation/cost-evaluator';
import { SolverInternalError } from '../../model/problem';
import { FirstLevelRoute, TwoEchelonProblem } from './two-echelon-problem';
import { splitDeliveries } from './split-delivery-flow';
import { SatelliteTours } from './satellite-tours';

/** Above this many candidate route combinations the exact enumeration gives way to a heuristic. */
const MAX_ENUMERATED_COMBINATIONS = 600_000;
const MEMO_LIMIT = 200_000;
/** Up to this many combinations, search guidance uses the exact first-level cost too. */
const EXACT_ESTIMATE_LIMIT = 5_000;

interface FirstLevelPlan {
  cost: number;
  /** Satellites each truck may visit, one list per truck. */
  routeSatellites: number[][];
}

/**
 * Solves the first echelon for given satellite loads: trucks from the depot that together deliver
 * exactly each satellite's load, with split deliveries allowed.
 *
 * With few satellites (the township case and every benchmark) it is exact up to one restriction:
 * all multisets of satellite subsets with at most min(fleet, minimum trucks + 1) members are
 * enumerated once and sorted by cost (each subset driven as its optimal TSP tour), and for a load
 * vector the cheapest multiset that can carry the loads is the
 * answer. "Can carry" is Hall's condition for the truck→satellite transport problem: every set T of
 * loaded satellites needs load(T) <= capacity × (number of trucks visiting T). Results are memoised
 * by load vector because the LNS revisits the same loads often.
 */
export class FirstLevelSolver {
  private readonly satelliteCount: number;
  private readonly tours: SatelliteTours;
  private readonly routeCostByMask: Float64Array;
  private readonly sortedCombinations: Int32Array | null = null;
  private readonly combinationCost: Float64Array | null = null;
  private readonly combinationRoutes: Int32Array | null = null;
  private readonly memo = new Map<string, FirstLevelPlan>();
  /** Most trucks a plan may use in the enumeration: the minimum for the total demand, plus one. */
  private readonly routeLimit: number;

  constructor(private readonly problem: TwoEchelonProblem) {
    this.satelliteCount = problem.satellites.length;
    this.tours = new SatelliteTours(problem);
    const fleet = problem.firstLevel;
    // Plans with two or more trucks beyond the minimum are not enumerated: each extra truck adds a
    // depot round trip, and leaving them out shrinks the enumeration several-fold.
    const totalDemand = problem.customers.reduce((sum, c) => sum + c.demand, 0);
    this.routeLimit = Math.min(fleet.maxVehicles, Math.max(1, Math.ceil(totalDemand / fleet.capacity)) + 1);
    const combinations = countCombinations((1 << Math.min(this.satelliteCount, 20)) - 1, this.routeLimit);
    if (this.satelliteCount > 12 || combinations > MAX_ENUMERATED_COMBINATIONS) {
      this.routeCostByMask = new Float64Array(0);
      return;
    }
    const maskCount = 1 << this.satelliteCount;
    this.routeCostByMask = new Float64Array(maskCount);
    for (let mask = 1; mask < maskCount; mask++) {
      this.routeCostByMask[mask] = echelonRouteCost(fleet, this.tours.tourDistance(mask));
    }
    const width = this.routeLimit;
    const routes = new Int32Array(combinations * width).fill(0);
    const cost = new Float64Array(combinations);
    let written = 0;
    const current: number[] = [];
    const enumerate = (fromMask: number, runningCost: number): void => {
      if (current.length > 0) {
        for (let r = 0; r < current.length; r++) routes[written * width + r] = current[r];
        cost[written++] = runningCost;
      }
      if (current.length === width) return;
      for (let mask = fromMask; mask < maskCount; mask++) {
        current.push(mask);
        enumerate(mask, runningCost + this.routeCostByMask[mask]);
        current.pop();
      }
    };
    enumerate(1, 0);
    if (written !== combinations) throw new SolverInternalError(`enumerated ${written} first-level combinations, expected ${combinations}`);
    // Route costs are integers, so cost × 2^20 + index sorts by cost then index in one numeric sort.
    if (combinations >= 1 << 20) throw new SolverInternalError('too many first-level combinations to index');
    const order = new Int32Array(combinations);
    const largest = cost.reduce((max, value) => Math.max(max, value), 0);
    if (largest * 1048576 < Number.MAX_SAFE_INTEGER) {
      const keys = new Float64Array(combinations);
      for (let k = 0; k < combinations; k++) keys[k] = cost[k] * 1048576 + k;
      keys.sort();
      for (let k = 0; k < combinations; k++) order[k] = keys[k] % 1048576;
    } else {
      for (let k = 0; k < combinations; k++) order[k] = k;
      order.sort((x, y) => cost[x] - cost[y] || x - y);
    }
    this.sortedCombinations = order;
    this.combinationCost = cost;
    this.combinationRoutes = routes;
  }

  /** Cheapest first-level cost for these satellite loads (scaled units); Infinity if impossible. */
  cost(loads: ArrayLike<number>): number {
    return this.plan(loads).cost;
  }

  /**
   * A quick price for search guidance (repair insertion costs): exact when the enumeration is small,
   * otherwise the direct-trips-plus-chunked-tour heuristic, which costs O(satellites) and still
   * sees what matters most (opening a satellite, needing another truck).
   */
  estimate(loads: ArrayLike<number>): number {
    if (this.sortedCombinations && this.sortedCombinations.length <= EXACT_ESTIMATE_LIMIT) return this.plan(loads).cost;
    return this.heuristicPlan(loads).cost;
  }

  /** The first-level routes, with each truck's drop at each satellite. */
  routes(loads: ArrayLike<number>): FirstLevelRoute[] {
    const plan = this.plan(loads);
    if (!Number.isFinite(plan.cost)) return [];
    const fleet = this.problem.firstLevel;
    const quantities = splitDeliveries(plan.routeSatellites, loads, this.satelliteCount, fleet.capacity);
    const result: FirstLevelRoute[] = [];
    plan.routeSatellites.forEach((_, r) => {
      const visited: number[] = [];
      for (let s = 0; s < this.satelliteCount; s++) if (quantities[r][s] > 0) visited.push(s);
      if (visited.length === 0) return;
      const { order, distance } = this.tours.tour(visited);
      result.push({
        stops: order.map((s) => ({ satellite: s, quantity: quantities[r][s] })),
        distance,
        cost: echelonRouteCost(fleet, distance),
      });
    });
    return result;
  }

  private plan(loads: ArrayLike<number>): FirstLevelPlan {
    let key = '';
    // Two 16-bit characters per load: a compact, collision-free key that is cheap to build.
    for (let s = 0; s < this.satelliteCount; s++) key += String.fromCharCode(loads[s] & 0xffff, loads[s] >>> 16);
    const cached = this.memo.get(key);
    if (cached) return cached;
    const plan = this.sortedCombinations ? this.exactPlan(loads) : this.heuristicPlan(loads);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, plan);
    return plan;
  }

  private exactPlan(loads: ArrayLike<number>): FirstLevelPlan {
    const maskCount = 1 << this.satelliteCount;
    const loadOfSet = new Float64Array(maskCount);
    let loaded = 0;
    for (let s = 0; s < this.satelliteCount; s++) if (loads[s] > 0) loaded |= 1 << s;
    if (loaded === 0) return { cost: 0, routeSatellites: [] };
    for (let t = 1; t < maskCount; t++) {
      const low = t & -t;
      loadOfSet[t] = loadOfSet[t ^ low] + loads[31 - Math.clz32(low)];
    }
    const capacity = this.problem.firstLevel.capacity;
    const width = this.routeLimit;
    const order = this.sortedCombinations!;
    const routes = this.combinationRoutes!;
    for (let i = 0; i < order.length; i++) {
      const k = order[i];
      let feasible = true;
      // Every non-empty subset of the loaded satellites must be coverable (Hall's condition);
      // the whole loaded set comes first, which rejects combinations with too few trucks at once.
      for (let t = loaded; t > 0; t = (t - 1) & loaded) {
        let trucks = 0;
        for (let r = 0; r < width; r++) if ((routes[k * width + r] & t) !== 0) trucks++;
        if (loadOfSet[t] > capacity * trucks) {
          feasible = false;
          break;
        }
      }
      if (!feasible) continue;
      const routeSatellites: number[][] = [];
      for (let r = 0; r < width; r++) {
        const mask = this.combinationRoutes![k * width + r];
        if (mask !== 0) routeSatellites.push(satellitesOfMask(mask, this.satelliteCount));
      }
      return { cost: this.combinationCost![k], routeSatellites };
    }
    return { cost: Infinity, routeSatellites: [] };
  }

  /**
   * Many satellites: full-truck direct trips to heavy satellites, then one tour over the remaining
   * loads cut into truck-sized pieces (consecutive satellites, splitting at the cut). Uses exactly
   * ceil(total / capacity) trucks, the minimum, so it is feasible whenever any plan is.
   */
  private heuristicPlan(loads: ArrayLike<number>): FirstLevelPlan {
    const fleet = this.problem.firstLevel;
    const capacity = fleet.capacity;
    const routeSatellites: number[][] = [];
    const residual: number[] = [];
    let cost = 0;
    const satellites: number[] = [];
    for (let s = 0; s < this.satelliteCount; s++) {
      const fullTrips = Math.floor(loads[s] / capacity);
      for (let trip = 0; trip < fullTrips; trip++) {
        routeSatellites.push([s]);
        cost += echelonRouteCost(fleet, this.tours.directDistance(s));
      }
      residual[s] = loads[s] - fullTrips * capacity;
      if (residual[s] > 0) satellites.push(s);
    }
    const { order: tour } = this.tours.tour(satellites);
    let room = 0;
    let stops: number[] = [];
    const closeRoute = (): void => {
      if (stops.length === 0) return;
      cost += echelonRouteCost(fleet, this.tours.pathDistance(stops));
      routeSatellites.push(stops);
      stops = [];
    };
    for (const s of tour) {
      let remaining = residual[s];
      while (remaining > 0) {
        if (room === 0) {
          closeRoute();
          room = capacity;
        }
        const dropped = Math.min(room, remaining);
        stops.push(s);
        room -= dropped;
        remaining -= dropped;
      }
    }
    closeRoute();
    if (routeSatellites.length > fleet.maxVehicles) return { cost: Infinity, routeSatellites: [] };
    return { cost, routeSatellites };
  }
}

/** Multisets of size 1..k drawn from n kinds: C(n + k, k) - 1. */
function countCombinations(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) {
    result = (result * (n + i)) / i;
    if (result > 1e12) return Infinity;
  }
  return Math.round(result) - 1;
}

function satellitesOfMask(mask: number, satelliteCount: number): number[] {
  const satellites: number[] = [];
  for (let s = 0; s < satelliteCount; s++) if ((mask & (1 << s)) !== 0) satellites.push(s);
  return satellites;
}
