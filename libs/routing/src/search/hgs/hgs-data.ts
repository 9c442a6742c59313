import { arcCost as priceArc, costPerMetre, fixedRouteCost, unassignedCost } from '../../evaluation/cost-evaluator';
import { Problem, Vehicle } from '../../model/problem';
import { embedInPlane, PlanarEmbedding } from './embedding';

/**
 * The problem as HGS sees it, in flat typed arrays indexed by "client": 0 is the depot, 1..n are
 * the jobs in problem order (client c is `problem.jobs[c - 1]`). Built once per solve.
 */
export interface HgsData {
  /** Number of clients. */
  n: number;
  /** Row stride of the matrices: n + 1. */
  stride: number;
  /** Arc cost in objective units, priced by the cost evaluator (distance, or fen for the `cost` objective). */
  arcCost: Float64Array;
  /** Travel duration. */
  travelS: Float64Array;
  serviceS: Float64Array;
  /** Earliest / latest start of service; index 0 holds the vehicle shift. */
  earlyS: Float64Array;
  lateS: Float64Array;
  /** Delivery amount (linehaul), 0 for a pickup client. */
  demand: Float64Array;
  /** Pickup amount (backhaul), 0 for a delivery client; only with linehaul before backhaul. */
  pickup: Float64Array;
  hasPickups: boolean;
  /** Capacity of the reference vehicle (the largest): what Split cuts routes for. */
  capacity: number;
  /** Most routes a solution may use (the fleet size). */
  maxRoutes: number;
  /**
   * Added to every non-empty route of the reference vehicle (fixed vehicle cost under the `cost`
   * objective). The vehicle-count weight of a vehicles-first objective is left out: the genetic
   * search ranks route counts itself.
   */
  routeFixedCost: number;
  /**
   * Route slot r is vehicle r. A mixed fleet prices a route on slot r as
   * `slotCostFactor[r] × (arc costs) + slotFixedCost[r]` with its own `slotCapacity[r]`; a
   * homogeneous fleet has factor 1 and the reference vehicle's values in every slot.
   */
  slotCapacity: Float64Array;
  slotFixedCost: Float64Array;
  slotCostFactor: Float64Array;
  /** Vehicle type of each slot (slots with equal capacity, fixed cost and factor share a type). */
  slotType: Int32Array;
  typeCount: number;
  /** The lowest slot of each type: what a route costs on that type. */
  typeFirstSlot: Int32Array;
  /** The slot of the largest vehicle (0 for a homogeneous fleet). */
  referenceSlot: number;
  /** Whether the slots differ (then routes carry their slot through the search). */
  heterogeneous: boolean;
  /**
   * Optional clients (prize-collecting): `optional[c]` is 1 when client c may be left out, at
   * `skipPenalty[c]` objective units (the cost evaluator's `unassignedCost`); 0 for mandatory ones.
   */
  optional: Uint8Array;
  skipPenalty: Float64Array;
  hasOptional: boolean;
  /** Release time of each client (0 = at the start): its route leaves the depot no earlier. */
  releaseS: Float64Array;
  hasReleaseTimes: boolean;
  /** False for pure CVRP: time windows and shifts can never bind, so time-warp work is skipped. */
  hasTimeWindows: boolean;
  /** Granular neighbourhood: `neighbours[c]` lists the most correlated clients of client c. */
  neighbours: Int32Array[];
  /** The largest arc cost, used to scale the initial capacity penalty. */
  maxArcCost: number;
  maxDemand: number;
  /** Arc costs are symmetric, so reversing a path keeps its cost (lets 2-opt price in O(1)). */
  symmetric: boolean;
  /** Planar positions recovered from the arc costs: polar order of routes and SWAP* sectors. */
  plane: PlanarEmbedding;
}

export const GRANULAR_NEIGHBOURS = 20;

/** Builds the arrays. The problem must be validated and HGS-shaped (see hgs-shape.ts). */
export function buildHgsData(problem: Problem, neighbourCount = GRANULAR_NEIGHBOURS): HgsData {
  const vehicle = problem.vehicles[0];
  const fleet = describeFleet(problem);
  const matrices = problem.profiles[vehicle.profile];
  const n = problem.jobs.length;
  const stride = n + 1;
  const location = new Int32Array(stride);
  location[0] = vehicle.startLocation;
  problem.jobs.forEach((job, k) => (location[k + 1] = job.location));
  const arcCost = new Float64Array(stride * stride);
  const travelS = new Float64Array(stride * stride);
  let maxArcCost = 0;
  for (let i = 0; i < stride; i++) {
    for (let j = 0; j < stride; j++) {
      // Arcs into the depot use the end location (equal to the start for HGS-shaped problems).
      const from = location[i];
      const to = j === 0 ? (vehicle.endLocation ?? vehicle.startLocation) : location[j];
      const distanceM = matrices.distanceM[from * matrices.size + to];
      const durationS = matrices.durationS[from * matrices.size + to];
      const cost = fleet.heterogeneous ? distanceM : priceArc(problem.objective, vehicle, distanceM, durationS);
      arcCost[i * stride + j] = cost;
      travelS[i * stride + j] = durationS;
      if (cost > maxArcCost) maxArcCost = cost;
    }
  }
  const serviceS = new Float64Array(stride);
  const earlyS = new Float64Array(stride);
  const lateS = new Float64Array(stride);
  const demand = new Float64Array(stride);
  const pickup = new Float64Array(stride);
  const releaseS = new Float64Array(stride);
  earlyS[0] = vehicle.shift.startS;
  lateS[0] = vehicle.shift.endS;
  const optional = new Uint8Array(stride);
  const skipPenalty = new Float64Array(stride);
  let hasTimeWindows = false;
  let maxDemand = 0;
  let longestTourS = 0;
  problem.jobs.forEach((job, k) => {
    const c = k + 1;
    serviceS[c] = job.serviceS;
    releaseS[c] = job.releaseS ?? 0;
    if (releaseS[c] > vehicle.shift.startS) hasTimeWindows = true;
    if (job.kind === 'pickup') pickup[c] = job.amount[0];
    else demand[c] = job.amount[0];
    if (job.unassignedPenaltyFen !== undefined) {
      optional[c] = 1;
      skipPenalty[c] = unassignedCost(job.unassignedPenaltyFen);
    }
    maxDemand = Math.max(maxDemand, demand[c], pickup[c]);
    const window = job.timeWindows[0];
    earlyS[c] = window ? window.startS : vehicle.shift.startS;
    lateS[c] = window ? window.endS : vehicle.shift.endS;
    if (window) hasTimeWindows = true;
    let slowest = 0;
    for (let j = 0; j < stride; j++) slowest = Math.max(slowest, travelS[c * stride + j]);
    longestTourS += job.serviceS + slowest;
  });
  // A shift shorter than the longest conceivable tour can bind even without job windows.
  if (vehicle.shift.endS - vehicle.shift.startS < longestTourS) hasTimeWindows = true;
  const data: HgsData = {
    n,
    stride,
    arcCost,
    travelS,
    serviceS,
    earlyS,
    lateS,
    demand,
    pickup,
    hasPickups: pickup.some((amount) => amount > 0),
    capacity: fleet.slotCapacity[fleet.referenceSlot],
    maxRoutes: problem.vehicles.length,
    routeFixedCost: fleet.slotFixedCost[fleet.referenceSlot],
    ...fleet,
    releaseS,
    hasReleaseTimes: releaseS.some((release) => release > vehicle.shift.startS),
    optional,
    skipPenalty,
    hasOptional: optional.includes(1),
    hasTimeWindows,
    neighbours: [],
    maxArcCost,
    maxDemand,
    symmetric: isSymmetric(arcCost, stride),
    plane: embedInPlane(arcCost, stride),
  };
  if (problem.linehaulBeforeBackhaul) forbidBackhaulFirst(data);
  data.neighbours = buildNeighbours(data, Math.min(neighbourCount, n - 1));
  return data;
}

/**
 * Cost of an arc that breaks the backhaul order: far above any route, so the search leaves it
 * (after PyVRP, which prices these arcs at its maximum value); the final check still refuses it.
 */
export const FORBIDDEN_ARC_COST = 1e9;

/**
 * Linehaul before backhaul: depot → backhaul (a trip opening with a pickup) and backhaul → linehaul
 * arcs are forbidden. The plane and the largest arc cost were taken from the true costs first.
 */
function forbidBackhaulFirst(data: HgsData): void {
  const { n, stride, arcCost, pickup } = data;
  for (let i = 0; i <= n; i++) {
    for (let j = 1; j <= n; j++) {
      const opensWithPickup = i === 0 && pickup[j] > 0;
      const linehaulAfterBackhaul = i > 0 && pickup[i] > 0 && pickup[j] === 0;
      if (opensWithPickup || linehaulAfterBackhaul) arcCost[i * stride + j] = FORBIDDEN_ARC_COST;
    }
  }
  data.symmetric = false;
}

/**
 * The route slots. A fleet whose vehicles differ only in capacity, fixed cost and cost per metre
 * is priced on distance arcs times each slot's cost per metre (hgs-shape.ts keeps other mixed
 * fleets away); otherwise every slot prices arcs like vehicle 0, with factor 1.
 */
function describeFleet(
  problem: Problem,
): Pick<HgsData, 'slotCapacity' | 'slotFixedCost' | 'slotCostFactor' | 'slotType' | 'typeCount' | 'typeFirstSlot' | 'referenceSlot' | 'heterogeneous'> {
  const vehicles = problem.vehicles;
  const same = (v: Vehicle): boolean =>
    v.capacity[0] === vehicles[0].capacity[0] &&
    fixedRouteCost(problem.objective, v) === fixedRouteCost(problem.objective, vehicles[0]) &&
    costPerMetre(problem.objective, v) === costPerMetre(problem.objective, vehicles[0]);
  const heterogeneous = !vehicles.every(same);
  const slotCapacity = Float64Array.from(vehicles, (v) => v.capacity[0]);
  const slotFixedCost = Float64Array.from(vehicles, (v) => fixedRouteCost(problem.objective, v));
  const slotCostFactor = Float64Array.from(vehicles, (v) => (heterogeneous ? costPerMetre(problem.objective, v) : 1));
  const slotType = new Int32Array(vehicles.length);
  const types = new Map<string, number>();
  const firstSlots: number[] = [];
  let referenceSlot = 0;
  vehicles.forEach((_, r) => {
    const key = `${slotCapacity[r]}/${slotFixedCost[r]}/${slotCostFactor[r]}`;
    if (!types.has(key)) {
      types.set(key, types.size);
      firstSlots.push(r);
    }
    slotType[r] = types.get(key)!;
    if (slotCapacity[r] > slotCapacity[referenceSlot]) referenceSlot = r;
  });
  return { slotCapacity, slotFixedCost, slotCostFactor, slotType, typeCount: types.size, typeFirstSlot: Int32Array.from(firstSlots), referenceSlot, heterogeneous };
}

/**
 * For each client, the `count` clients with the smallest proximity. Without time windows the
 * proximity is the arc cost; with them it adds the waiting and the time warp that visiting j right
 * after i would force (weights 0.2 and 1, as in PyVRP's granular neighbourhood).
 */
function buildNeighbours(data: HgsData, count: number): Int32Array[] {
  const { n, stride, arcCost, travelS, serviceS, earlyS, lateS } = data;
  const result: Int32Array[] = [new Int32Array(0)];
  const order = new Int32Array(n);
  const proximity = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    let m = 0;
    for (let j = 1; j <= n; j++) {
      if (j === i) continue;
      let p = arcCost[i * stride + j];
      if (data.hasTimeWindows) {
        const arrive = earlyS[i] + serviceS[i] + travelS[i * stride + j];
        const wait = Math.max(earlyS[j] - (lateS[i] + serviceS[i] + travelS[i * stride + j]), 0);
        const warp = Math.max(arrive - lateS[j], 0);
        p += 0.2 * wait + warp;
      }
      proximity[j] = p;
      order[m++] = j;
    }
    const sorted = Array.from(order.subarray(0, m)).sort((a, b) => proximity[a] - proximity[b] || a - b);
    result.push(Int32Array.from(sorted.slice(0, count)));
  }
  return result;
}

function isSymmetric(matrix: Float64Array, stride: number): boolean {
  for (let i = 0; i < stride; i++) {
    for (let j = i + 1; j < stride; j++) if (matrix[i * stride + j] !== matrix[j * stride + i]) return false;
  }
  return true;
}

/**
 * The sub-problem on `clients` (parent client ids) with the parent's depot: what decomposition
 * hands to a smaller HGS. Sub client k+1 is parent client `clients[k]`. Planar positions are
 * inherited, so polar orders agree with the parent's.
 */
export function restrictHgsData(parent: HgsData, clients: ArrayLike<number>, maxRoutes: number, neighbourCount = GRANULAR_NEIGHBOURS): HgsData {
  const n = clients.length;
  const stride = n + 1;
  const parentOf = (k: number): number => (k === 0 ? 0 : clients[k - 1]);
  const arcCost = new Float64Array(stride * stride);
  const travelS = new Float64Array(stride * stride);
  let maxArcCost = 0;
  for (let i = 0; i < stride; i++) {
    const from = parentOf(i) * parent.stride;
    for (let j = 0; j < stride; j++) {
      arcCost[i * stride + j] = parent.arcCost[from + parentOf(j)];
      travelS[i * stride + j] = parent.travelS[from + parentOf(j)];
      if (arcCost[i * stride + j] > maxArcCost) maxArcCost = arcCost[i * stride + j];
    }
  }
  const pick = (values: Float64Array): Float64Array => Float64Array.from({ length: stride }, (_, k) => values[parentOf(k)]);
  const demand = pick(parent.demand);
  const x = pick(parent.plane.x);
  const y = pick(parent.plane.y);
  const angle = Float64Array.from({ length: stride }, (_, k) => Math.atan2(y[k] - y[0], x[k] - x[0]));
  const data: HgsData = {
    ...parent,
    n,
    stride,
    arcCost,
    travelS,
    serviceS: pick(parent.serviceS),
    optional: Uint8Array.from({ length: stride }, (_, k) => parent.optional[parentOf(k)]),
    pickup: pick(parent.pickup),
    releaseS: pick(parent.releaseS),
    skipPenalty: pick(parent.skipPenalty),
    earlyS: pick(parent.earlyS),
    lateS: pick(parent.lateS),
    demand,
    maxRoutes,
    neighbours: [],
    maxArcCost,
    maxDemand: Math.max(...demand),
    plane: { x, y, angle },
  };
  data.neighbours = buildNeighbours(data, Math.min(neighbourCount, n - 1));
  return data;
}
