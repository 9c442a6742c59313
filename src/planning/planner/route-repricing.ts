import { priceRoutes, RouteViolation, VehicleClass } from '@rural-dispatch/routing';
import { buildDepotProblem, depotProblemNodeIds, DepotProblemSpec } from './depot-problem';
import { WaveTask } from './wave-tasks';
import { Load, NodeMatrix, StopKind, WaveNode, WaveVehicle } from './wave-model';

/** A stored stop as an edit moves it: where, what it drops and what it collects. */
export interface EditableStop {
  id: string;
  nodeId: string;
  kind: StopKind;
  delivered: Load;
  pickedUp: Load;
}

/** A route to price after a hand edit: its stops in their new order, and the vehicle as it can run this route. */
export interface RouteForPricing {
  routeId: string;
  depotNodeId: string;
  /**
   * The vehicle's costs, capacity and limits, with its shift narrowed to the time its other routes of
   * the day leave free and the fixed cost only on its first route of the plan, as the planner offers
   * it to a later trip or wave.
   */
  vehicle: WaveVehicle;
  /** A last-mile route leaves no earlier than the trunk has unloaded at its station. */
  earliestStartS?: number;
  stops: EditableStop[];
}

export interface RepricedRoute {
  routeId: string;
  distanceM: number;
  durationS: number;
  costFen: number;
  departureS: number;
  returnS: number;
  /** Per stop, in the given order: arrival at the stop and departure after its last job. */
  stopTimes: Array<{ arrivalS: number; departureS: number }>;
}

/** A rule a hand-edited route breaks, named for the dispatcher: with the load dimension, or the stop. */
export type EditViolation =
  | { rule: 'capacity'; routeId: string; dimension: keyof Load; stopId: string | null; load: number; capacity: number }
  | { rule: 'time_window'; routeId: string; stopId: string; nodeId: string; arrivalS: number; latestStartS: number }
  | { rule: 'time_window'; routeId: string; stopId: string; nodeId: string; closed: true }
  | { rule: 'shift'; routeId: string; limit: 'shift_end'; returnS: number; latestReturnS: number }
  | { rule: 'shift'; routeId: string; limit: 'max_duration'; durationS: number; maxDurationS: number }
  | { rule: 'shift'; routeId: string; limit: 'no_time_left'; earliestStartS: number; latestReturnS: number }
  | { rule: 'unreachable'; routeId: string; stopId: string; nodeId: string };

const DIMENSIONS: Array<keyof Load> = ['weightG', 'volumeCm3', 'parcels'];

/**
 * The solver problem the planner would build for this route's depot, vehicle and stops (same
 * opening-hour windows, service times, no-road stand-ins and costs, through `buildDepotProblem`), with
 * one job per stop and direction in the route's order. A stop that drops and collects is two jobs, each
 * paying the node's service time, as in the planner.
 */
function pricingSpec(route: RouteForPricing, serviceDate: string, nodesById: ReadonlyMap<string, WaveNode>): DepotProblemSpec {
  const tasks: WaveTask[] = route.stops.flatMap((stop) => {
    const directions: Array<['delivery' | 'pickup', Load]> = [];
    // A stop with nothing left on it (trimmed transfers) is still visited, so it is still timed.
    if (stop.delivered.parcels > 0 || stop.pickedUp.parcels === 0) directions.push(['delivery', stop.delivered]);
    if (stop.pickedUp.parcels > 0) directions.push(['pickup', stop.pickedUp]);
    return directions.map(([direction, load]) => ({ id: `${stop.id}:${direction}`, direction, nodeId: stop.nodeId, stopKind: stop.kind, shipments: [], load }));
  });
  return {
    name: `edit:${route.routeId}`,
    serviceDate,
    depotNodeId: route.depotNodeId,
    vehicles: [{ ...route.vehicle, id: route.routeId }],
    tasks,
    nodesById,
    ...(route.earliestStartS !== undefined ? { earliestStartS: route.earliestStartS } : {}),
  };
}

/** The nodes, in matrix order, that `repriceRoute` needs matrices over (per vehicle class). */
export function repricingNodeIds(route: RouteForPricing): string[] {
  return depotProblemNodeIds({ depotNodeId: route.depotNodeId, tasks: route.stops.map((stop) => ({ nodeId: stop.nodeId }) as WaveTask) });
}

/**
 * Re-times and re-prices one hand-edited route with the library's route pricing, on the problem the
 * planner would build for it, and names every rule it breaks. `priced` is null when the route cannot
 * be timed at all (a stop closed that day or without a road, or no shift left).
 */
export function repriceRoute(
  route: RouteForPricing,
  serviceDate: string,
  nodesById: ReadonlyMap<string, WaveNode>,
  matrices: ReadonlyMap<VehicleClass, NodeMatrix>,
): { priced: RepricedRoute | null; violations: EditViolation[] } {
  const { routeId } = route;
  const earliestStartS = Math.max(route.vehicle.shiftStartS, route.earliestStartS ?? 0);
  if (earliestStartS > route.vehicle.shiftEndS) {
    return { priced: null, violations: [{ rule: 'shift', routeId, limit: 'no_time_left', earliestStartS, latestReturnS: route.vehicle.shiftEndS }] };
  }
  const built = buildDepotProblem(pricingSpec(route, serviceDate, nodesById), matrices);
  const stopOfTask = (taskId: string) => route.stops.find((stop) => taskId.startsWith(`${stop.id}:`))!;
  const refused: EditViolation[] = built.excluded.map(({ task, reason }) => {
    const stop = stopOfTask(task.id);
    return reason === 'closed'
      ? { rule: 'time_window', routeId, stopId: stop.id, nodeId: stop.nodeId, closed: true }
      : { rule: 'unreachable', routeId, stopId: stop.id, nodeId: stop.nodeId };
  });
  if (refused.length > 0 || !built.problem) return { priced: null, violations: refused };

  const problem = built.problem;
  const given = problem.jobs.map((job) => ({ jobId: job.id }));
  const { route: priced, violations } = priceRoutes(problem, [{ vehicleId: routeId, visits: given }]).routes[0]!;
  const jobSteps = priced.steps.filter((step) => step.id !== undefined);
  const stopTimes = route.stops.map((stop) => {
    const steps = jobSteps.filter((step) => stopOfTask(step.id!) === stop);
    return { arrivalS: steps[0]!.arrivalS, departureS: steps[steps.length - 1]!.departureS };
  });
  return {
    priced: {
      routeId,
      distanceM: priced.distanceM,
      durationS: priced.durationS,
      costFen: priced.costFen,
      departureS: priced.steps[0]!.departureS,
      returnS: priced.steps[priced.steps.length - 1]!.arrivalS,
      stopTimes,
    },
    violations: violations.map((violation) => toEditViolation(violation, route, stopOfTask)),
  };
}

function toEditViolation(violation: RouteViolation, route: RouteForPricing, stopOfTask: (taskId: string) => EditableStop): EditViolation {
  const { routeId } = route;
  switch (violation.rule) {
    case 'capacity':
      return {
        rule: 'capacity',
        routeId,
        dimension: DIMENSIONS[violation.dimension]!,
        stopId: violation.at === null ? null : stopOfTask(violation.at).id,
        load: violation.load,
        capacity: violation.capacity,
      };
    case 'time_window': {
      const stop = stopOfTask(violation.at);
      return { rule: 'time_window', routeId, stopId: stop.id, nodeId: stop.nodeId, arrivalS: violation.arrivalS, latestStartS: violation.latestStartS };
    }
    case 'shift':
      return { rule: 'shift', routeId, limit: 'shift_end', returnS: violation.endS, latestReturnS: violation.shiftEndS };
    case 'max_duration':
      return { rule: 'shift', routeId, limit: 'max_duration', durationS: violation.durationS, maxDurationS: violation.maxDurationS };
    default:
      // The planner's problems have no skills, distance limits, shipments or backhaul order.
      throw new Error(`route pricing reported ${violation.rule}, which a planner problem cannot break`);
  }
}
