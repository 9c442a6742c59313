import { routeCost, unassignedCost } from '../../evaluation/cost-evaluator';
import { latestDepartureS } from '../../evaluation/departure';
import { unassignedReason } from './unassigned-reason';
import { Problem, Route, RouteStep, Solution, SolveStatistics, SolverInternalError, UnassignedTask } from '../../model/problem';

/**
 * Turns client routes (client c = problem.jobs[c - 1]) into a `Solution`: schedules every stop
 * (waiting allowed), records loads, prices routes through the cost evaluator and checks every hard
 * constraint again, so an infeasible plan is reported as such and never passed off as feasible.
 */
export function toSolution(problem: Problem, routesInOrder: number[][], statistics: SolveStatistics, slots?: number[]): Solution {
  // Route i runs on vehicle `slots[i]` (a mixed fleet), else on vehicle i.
  const clientRoutes = slots ? onVehicles(problem, routesInOrder, slots) : routesInOrder;
  const routes: Route[] = [];
  let feasible = true;
  let cost = 0;
  let distanceM = 0;
  let durationS = 0;
  const seen = new Uint8Array(problem.jobs.length + 1);
  if (clientRoutes.length > problem.vehicles.length) {
    throw new SolverInternalError(`${clientRoutes.length} routes for ${problem.vehicles.length} vehicles`);
  }
  clientRoutes.forEach((clients, k) => {
    if (slots && clients.length === 0) return;
    const vehicle = problem.vehicles[k];
    const matrices = problem.profiles[vehicle.profile];
    const at = (from: number, to: number): number => from * matrices.size + to;
    // Deliveries are on board from the start; pickups ride from their stop to the end, in every dimension.
    const load = vehicle.capacity.map(() => 0);
    for (const c of clients) if (problem.jobs[c - 1].kind === 'delivery') problem.jobs[c - 1].amount.forEach((amount, k) => (load[k] += amount));
    if (load.some((amount, k) => amount > vehicle.capacity[k])) feasible = false;
    if (problem.linehaulBeforeBackhaul && !linehaulFirst(problem, clients)) feasible = false;
    const steps: RouteStep[] = [];
    let location = vehicle.startLocation;
    let routeDistance = 0;
    // Released parcels: the route leaves once the last of them has reached the depot, and as late
    // after that as the windows allow without a later return, so waiting at the depot is not duration.
    let time = vehicle.shift.startS;
    for (const c of clients) time = Math.max(time, problem.jobs[c - 1].releaseS ?? 0);
    const stops = clients.map((c, i) => ({
      ...problem.jobs[c - 1],
      travelS: matrices.durationS[at(i === 0 ? location : problem.jobs[clients[i - 1] - 1].location, problem.jobs[c - 1].location)],
    }));
    time = latestDepartureS(time, stops);
    steps.push({ type: 'start', location, arrivalS: time, serviceStartS: time, departureS: time, load: [...load] });
    const departure = time;
    for (const c of clients) {
      if (seen[c]) throw new SolverInternalError(`client ${c} routed twice`);
      seen[c] = 1;
      const job = problem.jobs[c - 1];
      const arrival = time + matrices.durationS[at(location, job.location)];
      routeDistance += matrices.distanceM[at(location, job.location)];
      const window = job.timeWindows[0];
      const start = window ? Math.max(arrival, window.startS) : arrival;
      if (window && start > window.endS) feasible = false;
      job.amount.forEach((amount, k) => (load[k] += job.kind === 'pickup' ? amount : -amount));
      if (load.some((amount, k) => amount > vehicle.capacity[k])) feasible = false;
      time = start + job.serviceS;
      location = job.location;
      steps.push({ type: 'job', id: job.id, location, arrivalS: arrival, serviceStartS: start, departureS: time, load: [...load] });
    }
    const end = vehicle.endLocation ?? location;
    time += matrices.durationS[at(location, end)];
    routeDistance += matrices.distanceM[at(location, end)];
    if (time > vehicle.shift.endS) feasible = false;
    steps.push({ type: 'end', location: end, arrivalS: time, serviceStartS: time, departureS: time, load: [...load] });
    const routeDurationS = time - departure;
    if (vehicle.maxDurationS !== undefined && routeDurationS > vehicle.maxDurationS) feasible = false;
    const price = routeCost(problem.objective, vehicle, routeDistance, routeDurationS);
    routes.push({ vehicleId: vehicle.id, steps, distanceM: routeDistance, durationS: routeDurationS, costFen: price });
    cost += price;
    distanceM += routeDistance;
    durationS += routeDurationS;
  });
  // An optional job left out costs its penalty; a mandatory one left out makes the plan infeasible.
  const unassigned: UnassignedTask[] = [];
  problem.jobs.forEach((job, k) => {
    if (seen[k + 1]) return;
    if (job.unassignedPenaltyFen === undefined) {
      unassigned.push({ id: job.id, reason: unassignedReason(problem, k) });
      feasible = false;
    } else {
      unassigned.push({ id: job.id, reason: unassignedReason(problem, k) });
      cost += unassignedCost(job.unassignedPenaltyFen);
    }
  });
  return { routes, unassigned, cost, distanceM, durationS, feasible, statistics };
}

function onVehicles(problem: Problem, routes: number[][], slots: number[]): number[][] {
  const byVehicle: number[][] = problem.vehicles.map(() => []);
  routes.forEach((clients, i) => {
    if (byVehicle[slots[i]].length > 0) throw new SolverInternalError(`two routes on vehicle ${slots[i]}`);
    byVehicle[slots[i]] = clients;
  });
  return byVehicle;
}

/** No trip opens with a pickup, and no delivery follows a pickup. */
function linehaulFirst(problem: Problem, clients: number[]): boolean {
  let backhaul = false;
  for (const c of clients) {
    const pickup = problem.jobs[c - 1].kind === 'pickup';
    if (!pickup && backhaul) return false;
    if (pickup) backhaul = true;
  }
  return clients.length === 0 || problem.jobs[clients[0] - 1].kind === 'delivery';
}
