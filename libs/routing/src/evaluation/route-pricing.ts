import { GivenRoute, InvalidProblemError, Job, Problem, Route, RouteStep, RouteVisit, Shipment, ShipmentStop, Vehicle } from '../model/problem';
import { validateProblem } from '../model/validate-problem';
import { routeCost } from './cost-evaluator';
import { latestDepartureS, reloadStop, startWithin, TimedStop } from './departure';

export type { GivenRoute, RouteVisit } from '../model/problem';

/**
 * A hard constraint a given route breaks, named so that a caller can tell its user which one and
 * where: `at` is the job or shipment id of the visit (null: at the start, before the first visit).
 */
export type RouteViolation =
  /** `at` null: at the start of the trip; `trip` (0 first) only on a route with reloads, where capacity applies per trip. */
  | { rule: 'capacity'; dimension: number; at: string | null; load: number; capacity: number; trip?: number }
  | { rule: 'time_window'; at: string; arrivalS: number; latestStartS: number }
  | { rule: 'shift'; endS: number; shiftEndS: number }
  | { rule: 'max_duration'; durationS: number; maxDurationS: number }
  | { rule: 'max_distance'; distanceM: number; maxDistanceM: number }
  | { rule: 'skills'; at: string; skill: string }
  | { rule: 'pickup_before_delivery'; at: string }
  | { rule: 'linehaul_before_backhaul'; at: string };

export interface PricedRoute {
  /** The schedule (waiting allowed, leaving the start as late as the first visit allows), loads, distance, duration and cost. */
  route: Route;
  /** Empty when the route is feasible. */
  violations: RouteViolation[];
}

export interface PricedRoutes {
  routes: PricedRoute[];
  /** The routes' total under the problem's objective (tasks on no route are not priced). */
  cost: number;
  distanceM: number;
  durationS: number;
  /** No route breaks a hard constraint. */
  feasible: boolean;
}

interface Visit {
  id: string;
  kind: 'job' | 'pickup' | 'delivery';
  stop: ShipmentStop;
  /** Added to the load on board when the visit is served (negative for drops). */
  change: number[];
  skills: string[];
  /** A single-stop job collected here and carried to the end (a backhaul). */
  backhaul: boolean;
  releaseS: number;
}

/**
 * Prices and checks routes that were not made by the solver, for the problem they belong to: the
 * same timing rules as the solver's own routes (each engine's, and the ALNS checker's), the same
 * cost evaluator, and every hard constraint reported by name instead of a yes or no. What a
 * dispatcher's hand edit needs: the new cost and times, or which rule the edit breaks.
 * Bad references (an unknown vehicle or task, a vehicle or a visit given twice) throw InvalidProblemError
 * naming `field` (the routes' place in the caller's input: `routes`, or a solve option's name).
 */
export function priceRoutes(problem: Problem, routes: GivenRoute[], field = 'routes'): PricedRoutes {
  validateProblem(problem);
  const priced = resolveRoutes(problem, routes, field).map((resolved) => priceRoute(problem, resolved));
  return {
    routes: priced,
    cost: priced.reduce((sum, { route }) => sum + route.costFen, 0),
    distanceM: priced.reduce((sum, { route }) => sum + route.distanceM, 0),
    durationS: priced.reduce((sum, { route }) => sum + route.durationS, 0),
    feasible: priced.every(({ violations }) => violations.length === 0),
  };
}

/** A given route resolved: its vehicle, its trips (one unless it has reload visits) and where each reload is. */
interface ResolvedRoute {
  vehicle: Vehicle;
  /** Never empty; each trip non-empty when there are several. */
  trips: Visit[][];
  /** `reloadLocations[t]`: where trip t ends and trip t + 1 starts. */
  reloadLocations: number[];
}

/**
 * One route priced as HGS's chain of trips prices a vehicle's day (`trip-chain.ts`): each trip
 * leaves once the vehicle is back and the goods of its jobs are released, waiting where it must;
 * the first leaves as late as the whole day allows (`latestDepartureS` over every trip), so the
 * duration is the chain's minimal one. Capacity applies per trip, as do pickup-before-delivery
 * and linehaul-before-backhaul (a reload unloads everything); the fixed cost is paid once, and the
 * shift, duration and distance limits apply to the whole day.
 */
function priceRoute(problem: Problem, { vehicle, trips, reloadLocations }: ResolvedRoute): PricedRoute {
  const matrices = problem.profiles[vehicle.profile];
  const leg = (from: number, to: number) => ({ distanceM: matrices.distanceM[from * matrices.size + to], durationS: matrices.durationS[from * matrices.size + to] });
  const violations: RouteViolation[] = [];
  const multiTrip = trips.length > 1;
  let overloaded = new Set<number>();
  let trip = 0;
  const checkLoad = (load: number[], at: string | null) =>
    load.forEach((amount, dimension) => {
      // Each dimension is reported once per trip, where it first goes over.
      if (amount <= vehicle.capacity[dimension] || overloaded.has(dimension)) return;
      overloaded.add(dimension);
      violations.push({ rule: 'capacity', dimension, at, load: amount, capacity: vehicle.capacity[dimension], ...(multiTrip ? { trip } : {}) });
    });
  // Deliveries are on board from the start of their trip.
  const startLoad = (visits: Visit[]) => {
    const load = vehicle.capacity.map(() => 0);
    for (const visit of visits) if (visit.kind === 'job' && !visit.backhaul) visit.change.forEach((amount, d) => (load[d] -= amount));
    return load;
  };
  const releaseOf = (visits: Visit[]) => Math.max(0, ...visits.map((visit) => visit.releaseS));

  // The day leaves once its shift has started and the first trip's goods are at the depot, and as
  // late after that as every trip's visits and releases allow: waiting at the depot is not driving.
  const stops: TimedStop[] = [];
  let from = vehicle.startLocation;
  trips.forEach((visits, t) => {
    if (t > 0) stops.push(reloadStop(leg(from, reloadLocations[t - 1]).durationS, releaseOf(visits)));
    if (t > 0) from = reloadLocations[t - 1];
    for (const visit of visits) {
      stops.push({ ...visit.stop, travelS: leg(from, visit.stop.location).durationS });
      from = visit.stop.location;
    }
  });
  let time = latestDepartureS(Math.max(vehicle.shift.startS, releaseOf(trips[0])), stops);
  const departureS = time;
  let load = startLoad(trips[0]);
  checkLoad(load, null);
  const steps: RouteStep[] = [{ type: 'start', location: vehicle.startLocation, arrivalS: time, serviceStartS: time, departureS: time, load: load.slice() }];
  let location = vehicle.startLocation;
  let distanceM = 0;
  for (const visits of trips) {
    if (trip > 0) {
      const reloadAt = reloadLocations[trip - 1];
      const travel = leg(location, reloadAt);
      distanceM += travel.distanceM;
      const arrivalS = time + travel.durationS;
      time = Math.max(arrivalS, releaseOf(visits));
      location = reloadAt;
      load = startLoad(visits);
      overloaded = new Set<number>();
      checkLoad(load, null);
      steps.push({ type: 'reload', location, arrivalS, serviceStartS: time, departureS: time, load: load.slice() });
    }
    const picked = new Set<string>();
    let backhaulSeen = false;
    visits.forEach((visit, v) => {
      const travel = leg(location, visit.stop.location);
      distanceM += travel.distanceM;
      const arrivalS = time + travel.durationS;
      const serviceStartS = startWithin(visit.stop.timeWindows, arrivalS);
      if (serviceStartS === null) violations.push({ rule: 'time_window', at: visit.id, arrivalS, latestStartS: visit.stop.timeWindows[visit.stop.timeWindows.length - 1]!.endS });
      for (const skill of visit.skills) if (!(vehicle.skills ?? []).includes(skill)) violations.push({ rule: 'skills', at: visit.id, skill });
      if (visit.kind === 'pickup') picked.add(visit.id);
      if (visit.kind === 'delivery' && !picked.has(visit.id)) violations.push({ rule: 'pickup_before_delivery', at: visit.id });
      if (problem.linehaulBeforeBackhaul && visit.kind === 'job' && (visit.backhaul ? v === 0 : backhaulSeen)) violations.push({ rule: 'linehaul_before_backhaul', at: visit.id });
      backhaulSeen ||= visit.backhaul;
      time = (serviceStartS ?? arrivalS) + visit.stop.serviceS;
      location = visit.stop.location;
      visit.change.forEach((amount, d) => (load[d] += amount));
      checkLoad(load, visit.id);
      steps.push({ type: visit.kind, id: visit.id, location, arrivalS, serviceStartS: serviceStartS ?? arrivalS, departureS: time, load: load.slice() });
    });
    // A shipment rides within one trip: the reload unloads whatever was picked up.
    for (const id of picked) if (!visits.some((visit) => visit.kind === 'delivery' && visit.id === id)) violations.push({ rule: 'pickup_before_delivery', at: id });
    trip++;
  }

  const end = vehicle.endLocation ?? location;
  const back = leg(location, end);
  distanceM += back.distanceM;
  const endS = time + back.durationS;
  // An open route (no end location) ends at its last visit, with no end step.
  if (vehicle.endLocation !== null) steps.push({ type: 'end', location: end, arrivalS: endS, serviceStartS: endS, departureS: endS, load: load.slice() });
  if (endS > vehicle.shift.endS) violations.push({ rule: 'shift', endS, shiftEndS: vehicle.shift.endS });
  const empty = trips[0].length === 0;
  const durationS = empty ? 0 : endS - departureS;
  if (vehicle.maxDurationS !== undefined && durationS > vehicle.maxDurationS) violations.push({ rule: 'max_duration', durationS, maxDurationS: vehicle.maxDurationS });
  if (vehicle.maxDistanceM !== undefined && distanceM > vehicle.maxDistanceM) violations.push({ rule: 'max_distance', distanceM, maxDistanceM: vehicle.maxDistanceM });
  const costFen = empty ? 0 : routeCost(problem.objective, vehicle, distanceM, durationS);
  return { route: { vehicleId: vehicle.id, steps, distanceM, durationS, costFen }, violations };
}

/**
 * Each route's vehicle and trips, looked up once; a reference the problem does not have, a task
 * given twice, or a reload the vehicle cannot make (it does not reload, not at that location, or
 * the reload does not stand between two visits of tasks) is bad input.
 */
function resolveRoutes(problem: Problem, routes: GivenRoute[], field: string): ResolvedRoute[] {
  const vehicles = new Map(problem.vehicles.map((vehicle) => [vehicle.id, vehicle]));
  const jobs = new Map(problem.jobs.map((job) => [job.id, job]));
  const shipments = new Map(problem.shipments.map((shipment) => [shipment.id, shipment]));
  const usedVehicles = new Set<string>();
  const visited = new Set<string>();
  return routes.map((given, r) => {
    const vehicle = vehicles.get(given.vehicleId);
    if (!vehicle) throw new InvalidProblemError(`unknown vehicle "${given.vehicleId}"`, `${field}[${r}].vehicleId`);
    if (usedVehicles.has(vehicle.id)) throw new InvalidProblemError(`vehicle "${vehicle.id}" has a route already`, `${field}[${r}].vehicleId`);
    usedVehicles.add(vehicle.id);
    const trips: Visit[][] = [[]];
    const reloadLocations: number[] = [];
    given.visits.forEach((visit, v) => {
      const where = `${field}[${r}].visits[${v}]`;
      if ('reloadLocation' in visit) {
        checkReload(vehicle, given, v, visit.reloadLocation, where);
        trips.push([]);
        reloadLocations.push(visit.reloadLocation);
        return;
      }
      const key = 'jobId' in visit ? `job:${visit.jobId}` : `shipment:${visit.shipmentId}:${visit.end}`;
      if (visited.has(key)) throw new InvalidProblemError('visited twice', where);
      visited.add(key);
      trips[trips.length - 1].push(resolveVisit(jobs, shipments, visit, where));
    });
    return { vehicle, trips, reloadLocations };
  });
}

function checkReload(vehicle: Vehicle, given: GivenRoute, v: number, location: number, where: string): void {
  const allowed = vehicle.reloadLocations ?? [];
  if (allowed.length === 0) throw new InvalidProblemError(`vehicle "${vehicle.id}" may not reload (it has no reloadLocations)`, where);
  if (!allowed.includes(location)) throw new InvalidProblemError(`${location} is not one of vehicle "${vehicle.id}"'s reload locations (${allowed.join(', ')})`, where);
  if (v === 0 || v === given.visits.length - 1) throw new InvalidProblemError('a reload must stand between two visits: not first or last', where);
  if ('reloadLocation' in given.visits[v - 1]) throw new InvalidProblemError('two reloads in a row make an empty trip', where);
}

function resolveVisit(jobs: Map<string, Job>, shipments: Map<string, Shipment>, visit: TaskVisit, where: string): Visit {
  if ('jobId' in visit) {
    const job = jobs.get(visit.jobId);
    if (!job) throw new InvalidProblemError(`unknown job "${visit.jobId}"`, where);
    const backhaul = job.kind === 'pickup';
    return {
      id: job.id,
      kind: 'job',
      stop: job,
      change: job.amount.map((amount) => (backhaul ? amount : -amount)),
      skills: job.skills ?? [],
      backhaul,
      releaseS: job.releaseS ?? 0,
    };
  }
  const shipment = shipments.get(visit.shipmentId);
  if (!shipment) throw new InvalidProblemError(`unknown shipment "${visit.shipmentId}"`, where);
  const sign = visit.end === 'pickup' ? 1 : -1;
  return {
    id: shipment.id,
    kind: visit.end,
    stop: shipment[visit.end],
    change: shipment.amount.map((amount) => sign * amount),
    skills: shipment.skills ?? [],
    backhaul: false,
    releaseS: 0,
  };
}

/** A visit of a task (not a reload). */
type TaskVisit = Exclude<RouteVisit, { reloadLocation: number }>;

/** The job or shipment a visit names, or null for a reload. */
export function visitedTask(visit: RouteVisit): string | null {
  return 'jobId' in visit ? visit.jobId : 'shipmentId' in visit ? visit.shipmentId : null;
}

export { startWithin };
