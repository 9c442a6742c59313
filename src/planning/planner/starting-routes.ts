import type { GivenRoute, Problem, RouteVisit, SolveOptions } from '@rural-dispatch/routing';
import type { BuiltProblem, DepotProblemSpec } from './depot-problem';
import type { ProblemStatistics, StartingRoute } from './wave-model';

type StartingSpec = Pick<DepotProblemSpec, 'tasks' | 'startingRoutes'>;

/**
 * A replan's starting solution for one depot problem, from the routes of the plan it replaces.
 * The replan packs its tasks afresh (shipments come and go, chunks move), so routes are matched by
 * shipment: each vehicle of the problem takes its old route (of several trips, the one sharing most
 * shipments with the problem), and that route's visits are the problem's jobs in the order of the
 * first old stop holding one of their shipments. A job goes to the first vehicle that meets it.
 * What matches only in part is safe: the engines place the jobs left over and repair what breaks.
 */
export function initialRoutesFor(problem: Problem, spec: StartingSpec): GivenRoute[] {
  if (!spec.startingRoutes?.length) return [];
  const jobIds = new Set(problem.jobs.map((job) => job.id));
  const jobOfShipment = new Map<string, string>();
  for (const task of spec.tasks) {
    if (jobIds.has(task.id)) for (const shipment of task.shipments) jobOfShipment.set(shipment.id, task.id);
  }
  const placed = new Set<string>();
  const routes: GivenRoute[] = [];
  for (const vehicle of problem.vehicles) {
    const previous = closestRoute(
      spec.startingRoutes.filter((route) => route.vehicleId === vehicle.id),
      jobOfShipment,
    );
    if (!previous) continue;
    const visits: RouteVisit[] = [];
    for (const shipmentId of previous.stops.flat()) {
      const jobId = jobOfShipment.get(shipmentId);
      if (jobId === undefined || placed.has(jobId)) continue;
      placed.add(jobId);
      visits.push({ jobId });
    }
    if (visits.length > 0) routes.push({ vehicleId: vehicle.id, visits });
  }
  return routes;
}

/** The solve option for `problem`: nothing when there is no old route to start from. */
export function initialRoutesOption(problem: Problem, spec: StartingSpec): Pick<SolveOptions, 'initialRoutes'> {
  const initialRoutes = initialRoutesFor(problem, spec);
  return initialRoutes.length > 0 ? { initialRoutes } : {};
}

/** For the run's statistics on a replan: how many old routes its (last) solve started from. */
export function startingRoutesStatistic(built: BuiltProblem): Pick<ProblemStatistics, 'startingRoutes'> {
  if (built.spec.startingRoutes === undefined) return {};
  return { startingRoutes: built.problem ? initialRoutesFor(built.problem, built.spec).length : 0 };
}

/** The old route that shares most shipments with the problem's jobs (the earlier one on a tie); null when none shares any. */
function closestRoute(candidates: StartingRoute[], jobOfShipment: ReadonlyMap<string, string>): StartingRoute | null {
  let best: StartingRoute | null = null;
  let bestShared = 0;
  for (const route of candidates) {
    const shared = route.stops.flat().filter((shipmentId) => jobOfShipment.has(shipmentId)).length;
    if (shared > bestShared) {
      best = route;
      bestShared = shared;
    }
  }
  return best;
}
