import { GivenRoute, InvalidProblemError, Problem, Route, RouteStep, ShipmentStop, Vehicle } from '../model/problem';
import { validateProblem } from '../model/validate-problem';
import { routeCost } from './cost-evaluator';
import { latestDepartureS, startWithin } from './departure';

export type { GivenRoute, RouteVisit } from '../model/problem';

/**
 * A hard constraint a given route breaks, named so that a caller can tell its user which one and
 * where: `at` is the job or shipment id of the visit (null: at the start, before the first visit).
 */
export type RouteViolation =
  | { rule: 'capacity'; dimension: number; at: string | null; load: number; capacity: number }
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
  const resolved = resolveRoutes(problem, routes, field);
  const priced = resolved.map(({ vehicle, visits }) => priceRoute(problem, vehicle, visits));
  return {
    routes: priced,
    cost: priced.reduce((sum, { route }) => sum + route.costFen, 0),
    distanceM: priced.reduce((sum, { route }) => sum + route.distanceM, 0),
    durationS: priced.reduce((sum, { route }) => sum + route.durationS, 0),
    feasible: priced.every(({ violations }) => violations.length === 0),
  };
}

function priceRoute(problem: Problem, vehicle: Vehicle, visits: Visit[]): PricedRoute {
  const matrices = problem.profiles[vehicle.profile];
  const leg = (from: number, to: number) => ({ distanceM: matrices.distanceM[from * matrices.size + to], durationS: matrices.durationS[from * matrices.size + to] });
  const violations: RouteViolation[] = [];
  const overloaded = new Set<number>();
  const load = vehicle.capacity.map(() => 0);
  for (const visit of visits) if (visit.kind === 'job' && !visit.backhaul) visit.change.forEach((amount, d) => (load[d] -= amount));
  const checkLoad = (at: string | null) =>
    load.forEach((amount, dimension) => {
      // Each dimension is reported once, where it first goes over.
      if (amount <= vehicle.capacity[dimension] || overloaded.has(dimension)) return;
      overloaded.add(dimension);
      violations.push({ rule: 'capacity', dimension, at, load: amount, capacity: vehicle.capacity[dimension] });
    });
  checkLoad(null);

  // The route leaves once its shift has started and its released goods are at the depot, and as
  // late after that as its visits allow: waiting at the depot is not driving.
  const stops = visits.map((visit, v) => ({ ...visit.stop, travelS: leg(v === 0 ? vehicle.startLocation : visits[v - 1].stop.location, visit.stop.location).durationS }));
  let time = latestDepartureS(Math.max(vehicle.shift.startS, ...visits.map((visit) => visit.releaseS)), stops);
  const departureS = time;
  const steps: RouteStep[] = [{ type: 'start', location: vehicle.startLocation, arrivalS: time, serviceStartS: time, departureS: time, load: load.slice() }];
  let location = vehicle.startLocation;
  let distanceM = 0;
  const picked = new Set<string>();
  let backhaulSeen = false;
  for (const visit of visits) {
    const travel = leg(location, visit.stop.location);
    distanceM += travel.distanceM;
    const arrivalS = time + travel.durationS;
    const serviceStartS = startWithin(visit.stop.timeWindows, arrivalS);
    if (serviceStartS === null) violations.push({ rule: 'time_window', at: visit.id, arrivalS, latestStartS: visit.stop.timeWindows[visit.stop.timeWindows.length - 1]!.endS });
    for (const skill of visit.skills) if (!(vehicle.skills ?? []).includes(skill)) violations.push({ rule: 'skills', at: visit.id, skill });
    if (visit.kind === 'pickup') picked.add(visit.id);
    if (visit.kind === 'delivery' && !picked.has(visit.id)) violations.push({ rule: 'pickup_before_delivery', at: visit.id });
    if (problem.linehaulBeforeBackhaul && visit.kind === 'job' && (visit.backhaul ? steps.length === 1 : backhaulSeen))
      violations.push({ rule: 'linehaul_before_backhaul', at: visit.id });
    backhaulSeen ||= visit.backhaul;
    time = (serviceStartS ?? arrivalS) + visit.stop.serviceS;
    location = visit.stop.location;
    visit.change.forEach((amount, d) => (load[d] += amount));
    checkLoad(visit.id);
    steps.push({ type: visit.kind, id: visit.id, location, arrivalS, serviceStartS: serviceStartS ?? arrivalS, departureS: time, load: load.slice() });
  }
  for (const id of picked) if (!visits.some((visit) => visit.kind === 'delivery' && visit.id === id)) violations.push({ rule: 'pickup_before_delivery', at: id });

  const end = vehicle.endLocation ?? location;
  const back = leg(location, end);
  distanceM += back.distanceM;
  const endS = time + back.durationS;
  // An open route (no end location) ends at its last visit, with no end step.
  if (vehicle.endLocation !== null) steps.push({ type: 'end', location: end, arrivalS: endS, serviceStartS: endS, departureS: endS, load: load.slice() });
  if (endS > vehicle.shift.endS) violations.push({ rule: 'shift', endS, shiftEndS: vehicle.shift.endS });
  const durationS = visits.length === 0 ? 0 : endS - departureS;
  if (vehicle.maxDurationS !== undefined && durationS > vehicle.maxDurationS) violations.push({ rule: 'max_duration', durationS, maxDurationS: vehicle.maxDurationS });
  if (vehicle.maxDistanceM !== undefined && distanceM > vehicle.maxDistanceM) violations.push({ rule: 'max_distance', distanceM, maxDistanceM: vehicle.maxDistanceM });
  const costFen = visits.length === 0 ? 0 : routeCost(problem.objective, vehicle, distanceM, durationS);
  return { route: { vehicleId: vehicle.id, steps, distanceM, durationS, costFen }, violations };
}

/** Each route's vehicle and visits, looked up once; a reference the problem does not have, or one given twice, is bad input. */
function resolveRoutes(problem: Problem, routes: GivenRoute[], field: string): Array<{ vehicle: Vehicle; visits: Visit[] }> {
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
    if ((vehicle.reloadLocations ?? []).length > 0) throw new InvalidProblemError('a route with reloads (multi-trip) is not priced yet', `${field}[${r}].vehicleId`);
    const visits = given.visits.map((visit, v): Visit => {
      const where = `${field}[${r}].visits[${v}]`;
      const key = 'jobId' in visit ? `job:${visit.jobId}` : `shipment:${visit.shipmentId}:${visit.end}`;
      if (visited.has(key)) throw new InvalidProblemError('visited twice', where);
      visited.add(key);
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
    });
    return { vehicle, visits };
  });
}

export { startWithin };
