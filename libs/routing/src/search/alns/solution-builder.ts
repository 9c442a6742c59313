import { unassignedCost } from '../../evaluation/cost-evaluator';
import { Solution, SolveStatistics, SolverInternalError, UnassignedTask } from '../../model/problem';
import { AlnsInstance, ROLE_SHIPMENT_DELIVERY, ROLE_SHIPMENT_PICKUP } from './alns-instance';
import { AlnsSolution } from './alns-solution';
import { TaskVisit, checkRoute } from './route-checker';
import { unassignedReason } from './unassigned-reasons';

/**
 * Turns the search's best solution into the library's `Solution`: every route is rebuilt and checked
 * by the independent route checker (a violation is a solver bug and throws), each task must appear
 * exactly once, and unassigned tasks get a reason. `feasible` is false when a mandatory task is out.
 */
export function buildSolution(best: AlnsSolution, statistics: SolveStatistics): Solution {
  const instance = best.instance;
  const problem = instance.problem;
  const seen = new Int32Array(instance.stopCount);
  const routes = [];
  let distanceM = 0;
  let durationS = 0;
  let cost = 0;
  for (const state of best.routes) {
    if (state.isEmpty()) continue;
    const visits = state.stops.map((stop) => toVisit(instance, stop));
    for (const stop of state.stops) seen[stop]++;
    const checked = checkRoute(problem, state.vehicle, visits);
    if (checked.violations.length > 0) {
      throw new SolverInternalError(`ALNS produced an infeasible route for vehicle ${checked.route.vehicleId}: ${checked.violations.join('; ')}`);
    }
    routes.push(checked.route);
    distanceM += checked.route.distanceM;
    durationS += checked.route.durationS;
    cost += checked.route.costFen;
  }
  const unassigned: UnassignedTask[] = [];
  let feasible = true;
  for (let r = 0; r < instance.requestCount; r++) {
    const first = instance.requestFirstStop[r];
    const last = instance.requestIsShipment[r] ? first + 1 : first;
    const served = best.requestVehicle[r] >= 0;
    for (let stop = first; stop <= last; stop++) {
      if (seen[stop] !== (served ? 1 : 0)) throw new SolverInternalError(`stop ${stop} of request ${r} visited ${seen[stop]} times`);
    }
    if (served) continue;
    const isShipment = instance.requestIsShipment[r] === 1;
    const task = isShipment ? problem.shipments[r - problem.jobs.length] : problem.jobs[r];
    unassigned.push({ id: task.id, reason: unassignedReason(best, r) });
    if (task.unassignedPenaltyFen === undefined) feasible = false;
    else cost += unassignedCost(task.unassignedPenaltyFen);
  }
  return { routes, unassigned, cost, distanceM, durationS, feasible, statistics };
}

function toVisit(instance: AlnsInstance, stop: number): TaskVisit {
  const request = instance.stopRequest[stop];
  const jobCount = instance.problem.jobs.length;
  const role = instance.stopRole[stop];
  if (role === ROLE_SHIPMENT_PICKUP) return { kind: 'pickup', index: request - jobCount };
  if (role === ROLE_SHIPMENT_DELIVERY) return { kind: 'delivery', index: request - jobCount };
  return { kind: 'job', index: request };
}
