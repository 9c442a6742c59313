import { unassignedCost } from '../evaluation/cost-evaluator';
import { PricedRoutes, priceRoutes, RouteViolation, visitedTask } from '../evaluation/route-pricing';
import { GivenRoute, InvalidProblemError, Problem, Solution, SolveOptions, UnassignedTask, Vehicle } from '../model/problem';

/** What the engines solve once the caller's given routes are checked and the locked ones set apart. */
export interface OpenSolve {
  /** The problem without the locked routes' tasks, and without their vehicles unless they may reload. */
  problem: Problem;
  /** The caller's options for that problem: `initialRoutes` kept, `lockedRoutes` taken out. */
  options: SolveOptions;
  /** Puts the locked routes back into the engine's solution of `problem`. */
  finish(solution: Solution): Solution;
}

/**
 * Checks `options.initialRoutes` and `options.lockedRoutes` against the (validated) problem and sets
 * the locked routes apart: the engines then solve what is left, as if the locked routes were
 * driven by someone else, and never see a locked task or a vehicle that is not free.
 */
export function setGivenRoutesApart(problem: Problem, options: SolveOptions): OpenSolve {
  if (options.initialRoutes) priceRoutes(problem, options.initialRoutes, 'initialRoutes');
  const given = options.lockedRoutes ?? [];
  if (given.length === 0) return { problem, options, finish: (solution) => solution };
  const locked = priceRoutes(problem, given, 'lockedRoutes');
  locked.routes.forEach(({ violations }, r) => {
    if (violations.length > 0) throw new InvalidProblemError(`a locked route must be feasible, and this one breaks ${describe(violations[0])}`, `lockedRoutes[${r}]`);
  });
  const open = withoutLockedRoutes(problem, given, locked);
  if (options.initialRoutes) refuseLockedReferences(open, options.initialRoutes);
  const { lockedRoutes: _locked, onProgress, ...rest } = options;
  // Progress is reported for the whole plan, locked routes included, like the returned cost.
  const openOptions: SolveOptions = { ...rest, onProgress: onProgress && ((event) => onProgress({ ms: event.ms, cost: event.cost + locked.cost })) };
  return { problem: open, options: openOptions, finish: (solution) => withLockedRoutes(problem, locked, solution) };
}

function describe(violation: RouteViolation): string {
  const at = 'at' in violation && violation.at !== null ? ` at "${violation.at}"` : '';
  const trip = violation.rule === 'capacity' && violation.trip !== undefined ? ` in trip ${violation.trip} (counted from 0)` : '';
  return `${violation.rule}${at}${trip}`;
}

/**
 * The problem left to the search. A vehicle that may reload comes back to drive more trips from
 * the locked route's return on (its last trip's, when the locked route has several), from where it
 * returned: its shift starts then and there (which single-trip engines understand too)
 * and its fixed cost, paid by the locked route, is not charged again.
 */
function withoutLockedRoutes(problem: Problem, given: GivenRoute[], locked: PricedRoutes): Problem {
  const lockedTasks = new Set(given.flatMap(({ visits }) => visits.flatMap((visit) => visitedTask(visit) ?? [])));
  const returns = new Map(locked.routes.map(({ route }) => [route.vehicleId, route.steps[route.steps.length - 1]]));
  const vehicles = problem.vehicles.flatMap((vehicle): Vehicle[] => {
    const back = returns.get(vehicle.id);
    if (back === undefined) return [vehicle];
    if ((vehicle.reloadLocations ?? []).length === 0 || vehicle.endLocation === null) return [];
    // It goes on from where the locked route ended (its end location, which may not be its start).
    return [{ ...vehicle, startLocation: back.location, shift: { startS: Math.max(vehicle.shift.startS, back.arrivalS), endS: vehicle.shift.endS }, fixedCostFen: 0 }];
  });
  return {
    ...problem,
    vehicles,
    jobs: problem.jobs.filter((job) => !lockedTasks.has(job.id)),
    shipments: problem.shipments.filter((shipment) => !lockedTasks.has(shipment.id)),
  };
}

/** A starting solution cannot use what is locked: the references left unresolved in the open problem. */
function refuseLockedReferences(open: Problem, initial: GivenRoute[]): void {
  const vehicles = new Set(open.vehicles.map((vehicle) => vehicle.id));
  const tasks = new Set([...open.jobs.map((job) => job.id), ...open.shipments.map((shipment) => shipment.id)]);
  initial.forEach((route, r) => {
    if (!vehicles.has(route.vehicleId)) throw new InvalidProblemError(`vehicle "${route.vehicleId}" is on a locked route`, `initialRoutes[${r}].vehicleId`);
    route.visits.forEach((visit, v) => {
      const id = visitedTask(visit);
      if (id !== null && !tasks.has(id)) throw new InvalidProblemError(`"${id}" is on a locked route`, `initialRoutes[${r}].visits[${v}]`);
    });
  });
}

/**
 * The whole plan: the locked routes as priced (empty ones leave their vehicle idle and are not
 * returned) and the engine's routes, in the problem's vehicle order (a vehicle's locked trip first);
 * costs, distances and durations add up. The locked routes are feasible, so feasibility is the engine's.
 */
function withLockedRoutes(problem: Problem, locked: PricedRoutes, solution: Solution): Solution {
  const order = new Map(problem.vehicles.map((vehicle, k) => [vehicle.id, k]));
  const lockedRoutes = locked.routes.map(({ route }) => route).filter((route) => route.steps.some((step) => step.id !== undefined));
  const routes = [...lockedRoutes, ...solution.routes].sort((a, b) => order.get(a.vehicleId)! - order.get(b.vehicleId)!);
  return {
    ...solution,
    routes,
    cost: solution.cost + locked.cost,
    distanceM: solution.distanceM + locked.distanceM,
    durationS: solution.durationS + locked.durationS,
    statistics: { ...solution.statistics, trajectory: solution.statistics.trajectory.map(({ ms, cost }) => ({ ms, cost: cost + locked.cost })) },
  };
}

/** Every vehicle is on a locked route and none may reload: what is left stays unassigned. */
export function nothingLeftToDrive(problem: Problem): Solution {
  const tasks = [...problem.jobs, ...problem.shipments];
  return {
    routes: [],
    unassigned: tasks.map((task): UnassignedTask => ({ id: task.id, reason: 'no_vehicle' })),
    cost: tasks.reduce((total, task) => total + unassignedCost(task.unassignedPenaltyFen), 0),
    distanceM: 0,
    durationS: 0,
    feasible: tasks.every((task) => task.unassignedPenaltyFen !== undefined),
    statistics: { iterations: 0, runtimeMs: 0, timeToBestMs: 0, trajectory: [] },
  };
}
