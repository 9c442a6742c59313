import { routeCost } from '../../evaluation/cost-evaluator';
import { latestDepartureS, startWithin } from '../../evaluation/departure';
import { Problem, Route, RouteStep } from '../../model/problem';

/** One visit of a route, in terms of the input problem: a job, or one end of a shipment. */
export interface TaskVisit {
  kind: 'job' | 'pickup' | 'delivery';
  /** Index into `problem.jobs` or `problem.shipments`. */
  index: number;
}

export interface CheckedRoute {
  route: Route;
  violations: string[];
}

/**
 * Recomputes a route's schedule, loads, distance, duration and cost from the input problem alone,
 * and lists every hard constraint it breaks. Deliberately shares no code with the search (no
 * compiled arrays, no slack bookkeeping), so the solver's shortcuts are checked, not trusted.
 */
export function checkRoute(problem: Problem, vehicleIndex: number, visits: TaskVisit[]): CheckedRoute {
  const vehicle = problem.vehicles[vehicleIndex];
  const matrices = problem.profiles[vehicle.profile];
  const violations: string[] = [];
  const travel = (from: number, to: number | null): { m: number; s: number } =>
    to === null ? { m: 0, s: 0 } : { m: matrices.distanceM[from * matrices.size + to], s: matrices.durationS[from * matrices.size + to] };
  const dims = vehicle.capacity.length;
  const has = new Set(vehicle.skills ?? []);

  const load = new Array<number>(dims).fill(0);
  for (const visit of visits) {
    if (visit.kind === 'job' && problem.jobs[visit.index].kind === 'delivery') {
      problem.jobs[visit.index].amount.forEach((amount, d) => (load[d] += amount));
    }
  }
  const checkLoad = (where: string): void => {
    load.forEach((amount, d) => {
      if (amount > vehicle.capacity[d]) violations.push(`${where}: load ${amount} over capacity ${vehicle.capacity[d]} (dimension ${d})`);
    });
  };
  checkLoad('start');

  const steps: RouteStep[] = [{ type: 'start', location: vehicle.startLocation, arrivalS: 0, serviceStartS: 0, departureS: 0, load: load.slice() }];
  const stopOf = (visit: (typeof visits)[number]) =>
    visit.kind === 'job' ? problem.jobs[visit.index] : visit.kind === 'pickup' ? problem.shipments[visit.index].pickup : problem.shipments[visit.index].delivery;
  // Leave as late as the visits allow without delaying the return, so waiting at the start is not driven time.
  const timed = visits.map((visit, v) => ({ ...stopOf(visit), travelS: travel(v === 0 ? vehicle.startLocation : stopOf(visits[v - 1]).location, stopOf(visit).location).s }));
  const departureS = latestDepartureS(vehicle.shift.startS, timed);
  let time = departureS;
  let location = vehicle.startLocation;
  let distanceM = 0;
  const picked = new Set<number>();
  for (const visit of visits) {
    const task = visit.kind === 'job' ? problem.jobs[visit.index] : problem.shipments[visit.index];
    const stop = visit.kind === 'job' ? problem.jobs[visit.index] : visit.kind === 'pickup' ? problem.shipments[visit.index].pickup : problem.shipments[visit.index].delivery;
    for (const skill of task.skills ?? []) if (!has.has(skill)) violations.push(`${task.id}: vehicle lacks skill ${skill}`);
    const leg = travel(location, stop.location);
    distanceM += leg.m;
    const arrivalS = time + leg.s;
    const serviceStartS = startWithin(stop.timeWindows, arrivalS);
    if (serviceStartS === null) violations.push(`${task.id}: arrives at ${arrivalS}, after its last time window`);
    const start = serviceStartS ?? arrivalS;
    time = start + stop.serviceS;
    location = stop.location;
    let sign = 1;
    if (visit.kind === 'job') sign = problem.jobs[visit.index].kind === 'delivery' ? -1 : 1;
    else if (visit.kind === 'pickup') picked.add(visit.index);
    else {
      sign = -1;
      if (!picked.has(visit.index)) violations.push(`${task.id}: delivered before it was picked up on this route`);
    }
    task.amount.forEach((amount, d) => (load[d] += sign * amount));
    checkLoad(task.id);
    const type = visit.kind === 'job' ? 'job' : visit.kind;
    steps.push({ type, id: task.id, location: stop.location, arrivalS, serviceStartS: start, departureS: time, load: load.slice() });
  }
  for (const index of picked) {
    if (!visits.some((visit) => visit.kind === 'delivery' && visit.index === index)) {
      violations.push(`${problem.shipments[index].id}: picked up but not delivered on this route`);
    }
  }

  const back = travel(location, vehicle.endLocation);
  distanceM += back.m;
  const endS = time + back.s;
  if (endS > vehicle.shift.endS) violations.push(`route ends at ${endS}, after the shift end ${vehicle.shift.endS}`);
  steps[0].arrivalS = steps[0].serviceStartS = steps[0].departureS = departureS;
  if (vehicle.endLocation !== null) {
    steps.push({ type: 'end', location: vehicle.endLocation, arrivalS: endS, serviceStartS: endS, departureS: endS, load: load.slice() });
  }
  const durationS = visits.length === 0 ? 0 : endS - departureS;
  if (vehicle.maxDurationS !== undefined && durationS > vehicle.maxDurationS) {
    violations.push(`duration ${durationS} s over the maximum ${vehicle.maxDurationS} s`);
  }
  if (vehicle.maxDistanceM !== undefined && distanceM > vehicle.maxDistanceM) {
    violations.push(`distance ${distanceM} m over the maximum ${vehicle.maxDistanceM} m`);
  }
  const costFen = visits.length === 0 ? 0 : routeCost(problem.objective, vehicle, distanceM, durationS);
  return { route: { vehicleId: vehicle.id, steps, distanceM, durationS, costFen }, violations };
}
