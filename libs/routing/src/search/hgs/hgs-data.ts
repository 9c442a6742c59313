import { arcCost as priceArc, unassignedCost } from '../../evaluation/cost-evaluator';
import { Problem } from '../../model/problem';
import { embedInPlane, PlanarEmbedding } from './embedding';
import { describeFleet, HgsFleet } from './fleet';
import { buildTripEnds, VehicleTripEnds } from './trip-ends';
import { windowSiblings } from './window-siblings';

/**
 * The problem as HGS sees it, in flat typed arrays indexed by "client": 0 is the depot, 1..n are
 * the jobs in problem order (client c is `problem.jobs[c - 1]`; a job of several windows is one
 * client per window, see `window-groups.ts`). Built once per solve.
 */
export interface HgsData extends HgsFleet {
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
  /** Delivery amount in dimension 0, 0 for a pickup client. */
  demand: Float64Array;
  /** Pickup amount in dimension 0, 0 for a delivery client. */
  pickup: Float64Array;
  /** Some client is a pickup: the load then peaks anywhere on a route (segments carry the peak). */
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
   * Arc costs and travel durations of each profile (`HgsFleet.slotProfile` says which a slot drives
   * on); `arcCost` and `travelS` are those of the reference slot's profile, which the neighbourhoods,
   * the plane and Split's linear path use.
   */
  profileArcCost: Float64Array[];
  profileTravelS: Float64Array[];
  /** Distances of each matrix set when some vehicle has a distance limit (else empty): what `slotMaxDistance` bounds. */
  profileDistanceM: Float64Array[];
  /** Delivery amount of client c in dimension k at `c * dims + k` (`demand` itself with one dimension). */
  deliveryK: Float64Array;
  /** Pickup amount of client c in dimension k at `c * dims + k` (`pickup` itself with one dimension). */
  pickupK: Float64Array;
  /** One dimension and no pickups: a route's load is the sum of its demands (the CVRP fast paths). */
  simpleLoad: boolean;
  /**
   * Optional clients (prize-collecting): `optional[c]` is 1 when client c may be left out, at
   * `skipPenalty[c]` objective units (the cost evaluator's `unassignedCost`); 0 for mandatory ones.
   */
  optional: Uint8Array;
  skipPenalty: Float64Array;
  /** Some client may be on no route: an optional one, or the client of a window its job is not served in. */
  hasOptional: boolean;
  /**
   * Jobs of several windows (`window-groups.ts`): `windowGroup[c]` is the client of the first window
   * of client c's job (c itself for a job of one window), `windowSiblings[c]` the job's other clients.
   */
  windowGroup: Int32Array;
  windowSiblings: Int32Array[];
  hasWindowGroups: boolean;
  /** Release time of each client (0 = at the start): its route leaves the depot no earlier. */
  releaseS: Float64Array;
  hasReleaseTimes: boolean;
  /**
   * False for pure CVRP: time windows and shifts can never bind, so time-warp work is skipped (and
   * the arc-and-load fast paths run, which a distance limit also rules out).
   */
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
  /** Per vehicle, the depots its trips run between (null unless its trips run between depots: trip-ends.ts). */
  vehicleTripEnds: Array<VehicleTripEnds | null>;
}

export const GRANULAR_NEIGHBOURS = 20;

/**
 * Builds the arrays. The problem must be validated and HGS-shaped (see hgs-shape.ts), with one
 * window per job: `windowGroup` (from `jobsByWindow`) says which jobs are windows of one job.
 */
export function buildHgsData(problem: Problem, neighbourCount = GRANULAR_NEIGHBOURS, windowGroup: Int32Array | null = null): HgsData {
  const vehicle = problem.vehicles[0];
  const fleet = describeFleet(problem);
  const n = problem.jobs.length;
  const stride = n + 1;
  const dims = fleet.dims;
  const location = new Int32Array(stride);
  location[0] = vehicle.startLocation;
  problem.jobs.forEach((job, k) => (location[k + 1] = job.location));
  const profileArcCost: Float64Array[] = [];
  const profileTravelS: Float64Array[] = [];
  const profileDistanceM: Float64Array[] = [];
  fleet.profileNames.forEach((name, set) => {
    const matrices = problem.profiles[name];
    const start = fleet.profileStart[set];
    const end = fleet.profileEnd[set];
    const arcs = new Float64Array(stride * stride);
    const travel = new Float64Array(stride * stride);
    const distances = fleet.hasDistanceLimits ? new Float64Array(stride * stride) : null;
    // Trips between depots: their legs to and from client 0 stay free, the chain of trips prices them.
    const freeLegs = fleet.profileFreeLegs[set] === 1;
    for (let i = 0; i < stride; i++) {
      // Client 0 is the set's start on the way out and its end on the way back; an open route goes back to where it is (no cost, no time).
      const from = i === 0 ? start : location[i];
      for (let j = 0; j < stride; j++) {
        if (freeLegs && (i === 0 || j === 0)) continue;
        const to = j > 0 ? location[j] : end < 0 ? from : end;
        const distanceM = matrices.distanceM[from * matrices.size + to];
        const durationS = matrices.durationS[from * matrices.size + to];
        arcs[i * stride + j] = fleet.slotPriced ? distanceM : priceArc(problem.objective, vehicle, distanceM, durationS);
        travel[i * stride + j] = durationS;
        if (distances) distances[i * stride + j] = distanceM;
      }
    }
    if (end >= 0 && end !== start) {
      // An empty route does not drive from its start to its end: it costs nothing (as priceRoutes prices it).
      arcs[0] = 0;
      travel[0] = 0;
      if (distances) distances[0] = 0;
    }
    profileArcCost.push(arcs);
    profileTravelS.push(travel);
    if (distances) profileDistanceM.push(distances);
  });
  const referenceProfile = fleet.slotProfile[fleet.referenceSlot];
  const arcCost = profileArcCost[referenceProfile];
  const travelS = profileTravelS[referenceProfile];
  // The plane is recovered around a depot: the reference vehicle's own, or its first reload location for trips between depots.
  const tourProfile = fleet.slotTourProfile[fleet.referenceSlot];
  let maxArcCost = 0;
  for (const arcs of profileArcCost) for (let i = 0; i < arcs.length; i++) if (arcs[i] > maxArcCost) maxArcCost = arcs[i];
  // Jobs without a window are open over every shift; the depot's own window is each slot's shift.
  const horizonStartS = Math.min(...fleet.slotShiftStart);
  const horizonEndS = Math.max(...fleet.slotShiftEnd);
  const serviceS = new Float64Array(stride);
  const earlyS = new Float64Array(stride);
  const lateS = new Float64Array(stride);
  const deliveryK = new Float64Array(stride * dims);
  const pickupK = new Float64Array(stride * dims);
  const pickupClient = new Uint8Array(stride);
  const releaseS = new Float64Array(stride);
  earlyS[0] = vehicle.shift.startS;
  lateS[0] = vehicle.shift.endS;
  const optional = new Uint8Array(stride);
  const skipPenalty = new Float64Array(stride);
  // Trips of one vehicle follow each other in time: the shift binds them even without windows.
  let hasTimeWindows = !fleet.slotsShareTiming || fleet.hasDurationLimits || fleet.hasDistanceLimits || fleet.slotDurationCost.some((cost) => cost > 0) || fleet.multiTrip;
  let maxDemand = 0;
  let longestTourS = 0;
  problem.jobs.forEach((job, k) => {
    const c = k + 1;
    serviceS[c] = job.serviceS;
    releaseS[c] = job.releaseS ?? 0;
    if (releaseS[c] > horizonStartS) hasTimeWindows = true;
    pickupClient[c] = job.kind === 'pickup' ? 1 : 0;
    const amounts = job.kind === 'pickup' ? pickupK : deliveryK;
    for (let d = 0; d < dims; d++) {
      amounts[c * dims + d] = job.amount[d];
      maxDemand = Math.max(maxDemand, job.amount[d] * fleet.dimensionWeight[d]);
    }
    if (job.unassignedPenaltyFen !== undefined) {
      optional[c] = 1;
      skipPenalty[c] = unassignedCost(job.unassignedPenaltyFen);
    }
    const window = job.timeWindows[0];
    earlyS[c] = window ? window.startS : horizonStartS;
    lateS[c] = window ? window.endS : horizonEndS;
    if (window) hasTimeWindows = true;
    let slowest = 0;
    for (let j = 0; j < stride; j++) slowest = Math.max(slowest, travelS[c * stride + j]);
    longestTourS += job.serviceS + slowest;
  });
  // A shift shorter than the longest conceivable tour can bind even without job windows.
  if (vehicle.shift.endS - vehicle.shift.startS < longestTourS) hasTimeWindows = true;
  const demand = dims === 1 ? deliveryK : Float64Array.from({ length: stride }, (_, c) => deliveryK[c * dims]);
  const pickup = dims === 1 ? pickupK : Float64Array.from({ length: stride }, (_, c) => pickupK[c * dims]);
  const hasPickups = pickupK.some((amount) => amount > 0);
  const data: HgsData = {
    n,
    stride,
    arcCost,
    travelS,
    profileArcCost,
    profileTravelS,
    profileDistanceM,
    serviceS,
    earlyS,
    lateS,
    demand,
    pickup,
    deliveryK,
    pickupK,
    hasPickups,
    simpleLoad: dims === 1 && !hasPickups,
    capacity: fleet.slotCapacity[fleet.referenceSlot],
    maxRoutes: fleet.slotVehicle.length,
    routeFixedCost: fleet.slotFixedCost[fleet.referenceSlot],
    ...fleet,
    releaseS,
    hasReleaseTimes: releaseS.some((release) => release > horizonStartS),
    optional,
    skipPenalty,
    hasOptional: optional.includes(1) || windowGroup !== null,
    windowGroup: windowGroup ?? Int32Array.from({ length: stride }, (_, c) => c),
    windowSiblings: windowSiblings(windowGroup, n),
    hasWindowGroups: windowGroup !== null,
    hasTimeWindows,
    neighbours: [],
    maxArcCost,
    maxDemand,
    symmetric: profileArcCost.every((arcs) => isSymmetric(arcs, stride)),
    plane: embedInPlane(planeArcs(profileArcCost[tourProfile], stride, fleet.profileStart[tourProfile], fleet.profileEnd[tourProfile]), stride),
    vehicleTripEnds: buildTripEnds(problem, fleet, location),
  };
  if (problem.linehaulBeforeBackhaul) forbidBackhaulFirst(data, pickupClient);
  data.neighbours = buildNeighbours(data, Math.min(neighbourCount, n - 1));
  return data;
}

/**
 * The arcs the plane is recovered from: the reference matrices, but with the way back to the depot
 * mirrored from the way out when the route ends elsewhere or nowhere (the plane is around the start).
 */
function planeArcs(arcCost: Float64Array, stride: number, start: number, end: number): Float64Array {
  if (end === start) return arcCost;
  const arcs = Float64Array.from(arcCost);
  for (let i = 1; i < stride; i++) arcs[i * stride] = arcCost[i];
  return arcs;
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
function forbidBackhaulFirst(data: HgsData, pickupClient: Uint8Array): void {
  const { n, stride } = data;
  for (let i = 0; i <= n; i++) {
    for (let j = 1; j <= n; j++) {
      const opensWithPickup = i === 0 && pickupClient[j] === 1;
      const linehaulAfterBackhaul = i > 0 && pickupClient[i] === 1 && pickupClient[j] === 0;
      if (opensWithPickup || linehaulAfterBackhaul) for (const arcs of data.profileArcCost) arcs[i * stride + j] = FORBIDDEN_ARC_COST;
    }
  }
  data.symmetric = false;
}

/**
 * For each client, the `count` clients with the smallest proximity. Without time windows the
 * proximity is the arc cost; with them it adds the waiting and the time warp that visiting j right
 * after i would force (weights 0.2 and 1, as in PyVRP's granular neighbourhood). With optional
 * clients, j's penalty is taken off: leaving j out costs that much, so a detour to j that much longer
 * is as worth trying. Penalties are capped at the longest arc (a client worth more is served
 * anyway, and the planner's penalties far above any route must not drown the distances), and a
 * mandatory client counts as worth the cap.
 */
function buildNeighbours(data: HgsData, count: number): Int32Array[] {
  const { n, stride, arcCost, travelS, serviceS, earlyS, lateS, optional, skipPenalty, windowGroup } = data;
  const result: Int32Array[] = [new Int32Array(0)];
  const order = new Int32Array(n);
  const proximity = new Float64Array(n + 1);
  let longestArc = 0;
  if (data.hasOptional) for (let k = 0; k < arcCost.length; k++) if (arcCost[k] < FORBIDDEN_ARC_COST) longestArc = Math.max(longestArc, arcCost[k]);
  for (let i = 1; i <= n; i++) {
    let m = 0;
    for (let j = 1; j <= n; j++) {
      // The other windows of i's job are never on a route with it.
      if (windowGroup[j] === windowGroup[i]) continue;
      // An order-breaking arc (backhaul before linehaul) is priced by its allowed direction: the two
      // are still neighbours where a route switches from linehaul to backhaul.
      let p = arcCost[i * stride + j] < FORBIDDEN_ARC_COST ? arcCost[i * stride + j] : arcCost[j * stride + i];
      if (data.hasTimeWindows) {
        const arrive = earlyS[i] + serviceS[i] + travelS[i * stride + j];
        const wait = Math.max(earlyS[j] - (lateS[i] + serviceS[i] + travelS[i * stride + j]), 0);
        const warp = Math.max(arrive - lateS[j], 0);
        p += 0.2 * wait + warp;
      }
      if (data.hasOptional) p -= optional[j] ? Math.min(skipPenalty[j], longestArc) : longestArc;
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
  // Distance limits ride along (one matrix set, as for the arcs).
  const distanceM = parent.hasDistanceLimits ? new Float64Array(stride * stride) : null;
  let maxArcCost = 0;
  for (let i = 0; i < stride; i++) {
    const from = parentOf(i) * parent.stride;
    for (let j = 0; j < stride; j++) {
      arcCost[i * stride + j] = parent.arcCost[from + parentOf(j)];
      travelS[i * stride + j] = parent.travelS[from + parentOf(j)];
      if (distanceM) distanceM[i * stride + j] = parent.profileDistanceM[0][from + parentOf(j)];
      if (arcCost[i * stride + j] > maxArcCost) maxArcCost = arcCost[i * stride + j];
    }
  }
  const pick = (values: Float64Array): Float64Array => Float64Array.from({ length: stride }, (_, k) => values[parentOf(k)]);
  // Decomposition runs on a homogeneous fleet: one profile, so one matrix; amounts keep every dimension.
  const dims = parent.dims;
  const pickDims = (values: Float64Array): Float64Array => Float64Array.from({ length: stride * dims }, (_, i) => values[parentOf(Math.floor(i / dims)) * dims + (i % dims)]);
  const deliveryK = pickDims(parent.deliveryK);
  const pickupK = pickDims(parent.pickupK);
  const demand = dims === 1 ? deliveryK : pick(parent.demand);
  const pickup = dims === 1 ? pickupK : pick(parent.pickup);
  // A job's windows are all in the part (decomposition keeps them together); its first one there stands for it.
  const firstOfJob = new Map<number, number>();
  const windowGroup = Int32Array.from({ length: stride }, (_, k) => {
    const job = parent.windowGroup[parentOf(k)];
    if (!firstOfJob.has(job)) firstOfJob.set(job, k);
    return firstOfJob.get(job)!;
  });
  const x = pick(parent.plane.x);
  const y = pick(parent.plane.y);
  const angle = Float64Array.from({ length: stride }, (_, k) => Math.atan2(y[k] - y[0], x[k] - x[0]));
  const data: HgsData = {
    ...parent,
    n,
    stride,
    arcCost,
    travelS,
    profileArcCost: [arcCost],
    profileTravelS: [travelS],
    profileDistanceM: distanceM ? [distanceM] : [],
    deliveryK,
    pickupK,
    serviceS: pick(parent.serviceS),
    optional: Uint8Array.from({ length: stride }, (_, k) => parent.optional[parentOf(k)]),
    pickup,
    releaseS: pick(parent.releaseS),
    skipPenalty: pick(parent.skipPenalty),
    earlyS: pick(parent.earlyS),
    lateS: pick(parent.lateS),
    demand,
    maxRoutes,
    windowGroup,
    windowSiblings: windowSiblings(parent.hasWindowGroups ? windowGroup : null, n),
    neighbours: [],
    maxArcCost,
    maxDemand: Math.max(...demand),
    plane: { x, y, angle },
  };
  data.neighbours = buildNeighbours(data, Math.min(neighbourCount, n - 1));
  return data;
}
