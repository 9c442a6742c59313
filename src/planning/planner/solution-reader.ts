import type { Route, Solution } from '@rural-dispatch/routing';
import { BuiltProblem } from './depot-problem';
import { WaveTask } from './wave-tasks';
import { isOptionalTask } from './task-penalty';
import { addLoad, Echelon, EMPTY_LOAD, Load, PlannedRoute, PlannedStop, PlanUnassignedReason, UnassignedShipment, WaveShipment } from './wave-model';

/**
 * The solver flagged its solution infeasible (a hard constraint broken: capacity, time window,
 * shift): such routes must never be written as a plan. Every job of a depot problem is optional, so
 * this is never "the fleet is too small" (that is unassigned work); the same input would fail again.
 */
export class InfeasibleSolutionError extends Error {
  constructor(problemName: string) {
    super(`the solver's solution for ${problemName} breaks a hard constraint (capacity, time window or shift); it is not used`);
    this.name = 'InfeasibleSolutionError';
  }
}

/**
 * Reads a solver solution back into plain route rows. Consecutive jobs at the same node (a
 * village's delivery and its produce pickup, or a station's split transfer) become one stop.
 * An infeasible solution is refused (InfeasibleSolutionError), never read as if it were feasible.
 */
export function readRoutes(built: BuiltProblem, solution: Solution, echelonOf: (stops: PlannedStop[]) => Echelon): PlannedRoute[] {
  if (!solution.feasible) throw new InfeasibleSolutionError(built.spec.name);
  return solution.routes
    .filter((route) => route.steps.some((step) => step.type === 'job'))
    .map((route) => {
      const stops = readStops(built, route);
      return summariseRoute({
        vehicleId: route.vehicleId,
        echelon: echelonOf(stops),
        startNodeId: built.spec.depotNodeId,
        distanceM: route.distanceM,
        durationS: route.durationS,
        costFen: route.costFen,
        departureS: route.steps[0]!.departureS,
        returnS: route.steps[route.steps.length - 1]!.arrivalS,
        stops,
      });
    });
}

function readStops(built: BuiltProblem, route: Route): PlannedStop[] {
  const stops: PlannedStop[] = [];
  for (const step of route.steps) {
    if (step.type !== 'job') continue;
    const task = built.tasksById.get(step.id!);
    if (!task) throw new Error(`solution names unknown job ${step.id}`);
    let stop = stops[stops.length - 1];
    if (!stop || stop.nodeId !== task.nodeId) {
      stop = {
        sequence: stops.length + 1,
        nodeId: task.nodeId,
        kind: task.stopKind,
        arrivalS: step.arrivalS,
        departureS: step.departureS,
        parcelsDelivered: 0,
        parcelsPickedUp: 0,
        weightDeliveredG: 0,
        weightPickedUpG: 0,
        volumeDeliveredCm3: 0,
        volumePickedUpCm3: 0,
        shipmentIds: [],
      };
      stops.push(stop);
    }
    stop.departureS = step.departureS;
    addShipments(stop, task.direction, task.shipments);
  }
  return stops;
}

function addShipments(stop: PlannedStop, direction: WaveTask['direction'], shipments: WaveShipment[]): void {
  for (const shipment of shipments) {
    if (direction === 'delivery') {
      stop.parcelsDelivered += shipment.parcelCount;
      stop.weightDeliveredG += shipment.weightG;
      stop.volumeDeliveredCm3 += shipment.volumeCm3;
    } else {
      stop.parcelsPickedUp += shipment.parcelCount;
      stop.weightPickedUpG += shipment.weightG;
      stop.volumePickedUpCm3 += shipment.volumeCm3;
    }
    stop.shipmentIds.push(shipment.id);
  }
  stop.shipmentIds.sort();
}

/**
 * Fills a route's parcel totals and peak load from its stops: deliveries are on board at departure,
 * pickups are added as they are collected. Computed from the stops, so it stays right when stops
 * are trimmed later.
 */
export function summariseRoute(route: Omit<PlannedRoute, 'parcelsDelivered' | 'parcelsPickedUp' | 'peakLoad'>): PlannedRoute {
  let onBoard: Load = { ...EMPTY_LOAD };
  let parcelsPickedUp = 0;
  for (const stop of route.stops) {
    onBoard = addLoad(onBoard, { weightG: stop.weightDeliveredG, volumeCm3: stop.volumeDeliveredCm3, parcels: stop.parcelsDelivered });
    parcelsPickedUp += stop.parcelsPickedUp;
  }
  const parcelsDelivered = onBoard.parcels;
  const peakLoad = { ...onBoard };
  for (const stop of route.stops) {
    onBoard = {
      weightG: onBoard.weightG - stop.weightDeliveredG + stop.weightPickedUpG,
      volumeCm3: onBoard.volumeCm3 - stop.volumeDeliveredCm3 + stop.volumePickedUpCm3,
      parcels: onBoard.parcels - stop.parcelsDelivered + stop.parcelsPickedUp,
    };
    peakLoad.weightG = Math.max(peakLoad.weightG, onBoard.weightG);
    peakLoad.volumeCm3 = Math.max(peakLoad.volumeCm3, onBoard.volumeCm3);
    peakLoad.parcels = Math.max(peakLoad.parcels, onBoard.parcels);
  }
  return { ...route, parcelsDelivered, parcelsPickedUp, peakLoad };
}

export interface UnassignedTask {
  task: WaveTask;
  reason: PlanUnassignedReason;
}

/** Every task the builder refused or the solver left out, with the reason. */
export function unassignedTasks(built: BuiltProblem, solution: Solution | null): UnassignedTask[] {
  const out: UnassignedTask[] = [...built.excluded];
  for (const unassigned of solution?.unassigned ?? []) {
    // A must-go job's penalty is above any route's cost, so when the solver calls it "not profitable"
    // it would fit some vehicle on its own but found no room in this wave's routes: the fleet ran out.
    // Optional work keeps `not_profitable`: serving it today costs more than its estimated cost later.
    const task = built.tasksById.get(unassigned.id)!;
    out.push({ task, reason: unassigned.reason === 'not_profitable' && !isOptionalTask(task) ? 'no_vehicle' : unassigned.reason });
  }
  return out;
}

/** The shipments of unassigned tasks, one entry each. */
export function unassignedShipments(tasks: UnassignedTask[], echelon: Echelon): UnassignedShipment[] {
  return tasks.flatMap(({ task, reason }) => task.shipments.map((shipment) => ({ shipmentId: shipment.id, villageNodeId: shipment.villageNodeId, reason, echelon })));
}
