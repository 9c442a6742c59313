import { routeCost, unassignedCost } from '../../evaluation/cost-evaluator';
import { latestDepartureS, reloadStop, startWithin, TimedStop } from '../../evaluation/departure';
import { unassignedReason } from './unassigned-reason';
import { VehicleTripEnds } from './trip-ends';
import { Problem, Route, RouteStep, Solution, SolveStatistics, SolverInternalError, UnassignedTask } from '../../model/problem';

/**
 * Turns client routes (client c = problem.jobs[c - 1]) into a `Solution`: schedules every stop
 * (waiting allowed; a job of several windows in the earliest one open when it is reached, the day
 * leaving when that makes it shortest, as `priceRoutes` times it), records loads, prices routes
 * through the cost evaluator and checks every hard constraint again (distance limits included; each
 * vehicle from its start to its end location, or to its last visit), so an infeasible plan is
 * reported as such and never passed off as feasible.
 * A vehicle's trips between depots (`tripEnds`) reload where the search's chain of trips does.
 */
export function toSolution(
  problem: Problem,
  routesInOrder: number[][],
  statistics: SolveStatistics,
  slots?: number[],
  vehicleFirstSlot?: ArrayLike<number>,
  tripEnds?: ArrayLike<VehicleTripEnds | null>,
): Solution {
  // Route i runs on vehicle `slots[i]` (a mixed fleet), else on vehicle i; with several trips per
  // vehicle, vehicle v's trips are slots vehicleFirstSlot[v] to vehicleFirstSlot[v + 1] - 1.
  const firstSlots = vehicleFirstSlot ?? Array.from({ length: problem.vehicles.length + 1 }, (_, v) => v);
  const vehicleTrips = slots ? onVehicles(problem, routesInOrder, slots, firstSlots) : routesInOrder.map((clients) => [clients]);
  const routes: Route[] = [];
  let feasible = true;
  let cost = 0;
  let distanceM = 0;
  let durationS = 0;
  const seen = new Uint8Array(problem.jobs.length + 1);
  if (vehicleTrips.length > problem.vehicles.length) {
    throw new SolverInternalError(`${vehicleTrips.length} routes for ${problem.vehicles.length} vehicles`);
  }
  vehicleTrips.forEach((trips, k) => {
    if (slots && trips.length === 0) return;
    const vehicle = problem.vehicles[k];
    const matrices = problem.profiles[vehicle.profile];
    const at = (from: number, to: number): number => from * matrices.size + to;
    const steps: RouteStep[] = [];
    let location = vehicle.startLocation;
    let routeDistance = 0;
    // Released parcels: a trip leaves once the last of them has reached the depot, and once the
    // vehicle is back from its previous trip. The first trip leaves as late after that as the
    // windows and the later trips' releases allow without a later return (waiting at the depot is
    // not duration): the start at which the search's chain of trips has its minimal duration.
    const releaseOf = (clients: number[]): number => Math.max(0, ...clients.map((c) => problem.jobs[c - 1].releaseS ?? 0));
    const end = vehicle.endLocation ?? location;
    // Where trip t + 1 leaves from: the vehicle's one depot, or between depots where the search's chain reloads (trip-ends.ts).
    const lastOf = (t: number): number => trips[t][trips[t].length - 1];
    const ends = tripEnds?.[k] ?? null;
    const reloadAt = trips.slice(1).map((clients, t) => (ends ? ends.reloadLocation(lastOf(t), clients[0]) : end));
    const stops: TimedStop[] = trips.flatMap((clients, t) => [
      ...(t === 0 ? [] : [reloadStop(matrices.durationS[at(problem.jobs[lastOf(t - 1) - 1].location, reloadAt[t - 1])], releaseOf(clients))]),
      ...clients.map((c, i) => ({
        ...problem.jobs[c - 1],
        travelS: matrices.durationS[at(i === 0 ? (t === 0 ? location : reloadAt[t - 1]) : problem.jobs[clients[i - 1] - 1].location, problem.jobs[c - 1].location)],
      })),
    ]);
    let time = latestDepartureS(Math.max(vehicle.shift.startS, releaseOf(trips[0] ?? [])), stops);
    const departure = time;
    let load: number[] = [];
    trips.forEach((clients, t) => {
      // Deliveries are on board from the start of the trip; pickups ride from their stop to its end, in every dimension.
      load = vehicle.capacity.map(() => 0);
      for (const c of clients) if (problem.jobs[c - 1].kind === 'delivery') problem.jobs[c - 1].amount.forEach((amount, d) => (load[d] += amount));
      if (load.some((amount, d) => amount > vehicle.capacity[d])) feasible = false;
      if (problem.linehaulBeforeBackhaul && !linehaulFirst(problem, clients)) feasible = false;
      const returnS = time;
      time = Math.max(time, releaseOf(clients));
      if (t === 0) {
        steps.push({ type: 'start', location, arrivalS: time, serviceStartS: time, departureS: time, load: [...load] });
      } else {
        steps.push({ type: 'reload', location, arrivalS: returnS, serviceStartS: time, departureS: time, load: [...load] });
      }
      for (const c of clients) {
        if (seen[c]) throw new SolverInternalError(`job ${problem.jobs[c - 1].id} routed twice`);
        seen[c] = 1;
        const job = problem.jobs[c - 1];
        const arrival = time + matrices.durationS[at(location, job.location)];
        routeDistance += matrices.distanceM[at(location, job.location)];
        const inWindow = startWithin(job.timeWindows, arrival);
        if (inWindow === null) feasible = false;
        const start = inWindow ?? arrival;
        job.amount.forEach((amount, d) => (load[d] += job.kind === 'pickup' ? amount : -amount));
        if (load.some((amount, d) => amount > vehicle.capacity[d])) feasible = false;
        time = start + job.serviceS;
        location = job.location;
        steps.push({ type: 'job', id: job.id, location, arrivalS: arrival, serviceStartS: start, departureS: time, load: [...load] });
      }
      const tripEnd = t < trips.length - 1 ? reloadAt[t] : (vehicle.endLocation ?? location);
      time += matrices.durationS[at(location, tripEnd)];
      routeDistance += matrices.distanceM[at(location, tripEnd)];
      location = tripEnd;
      if (time > vehicle.shift.endS) feasible = false;
    });
    // An open route (no end location) ends at its last visit, with no end step (as priceRoutes writes it).
    if (vehicle.endLocation !== null) steps.push({ type: 'end', location, arrivalS: time, serviceStartS: time, departureS: time, load: [...load] });
    const routeDurationS = time - departure;
    if (vehicle.maxDurationS !== undefined && routeDurationS > vehicle.maxDurationS) feasible = false;
    // The distance limit bounds the vehicle's whole day, every trip counted.
    if (vehicle.maxDistanceM !== undefined && routeDistance > vehicle.maxDistanceM) feasible = false;
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

/** The trips of each vehicle, in trip order (empty trips dropped); a vehicle without any has none. */
function onVehicles(problem: Problem, routes: number[][], slots: number[], vehicleFirstSlot: ArrayLike<number>): number[][][] {
  const bySlot: number[][] = new Array<number[]>(vehicleFirstSlot[problem.vehicles.length]);
  routes.forEach((clients, i) => {
    if (bySlot[slots[i]] !== undefined) throw new SolverInternalError(`two routes on slot ${slots[i]}`);
    bySlot[slots[i]] = clients;
  });
  return problem.vehicles.map((_, v) => bySlot.slice(vehicleFirstSlot[v], vehicleFirstSlot[v + 1]).filter((trip) => trip !== undefined && trip.length > 0));
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
