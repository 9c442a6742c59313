import type { Job, Problem, ProfileMatrices, Vehicle, VehicleClass } from '@rural-dispatch/routing';
import { openingWindows, windowsUntil } from './opening-windows';
import { WaveTask } from './wave-tasks';
import { loadVector, NodeMatrix, PlanUnassignedReason, StartingRoute, WaveNode, WaveVehicle } from './wave-model';
import { taskPenaltyFen } from './task-penalty';
import { companionTaskIds } from './companion-jobs';

/**
 * Stand-ins for a pair with no road between them (-1 in the matrix): 30 days and 10,000 km, so any
 * leg over it breaks every shift and the solver never uses it.
 */
export const NO_ROAD_DURATION_S = 30 * 24 * 3600;
export const NO_ROAD_DISTANCE_M = 10_000_000;

/** One solver problem: vehicles based at one depot (the hub or a township station) and their tasks. */
export interface DepotProblemSpec {
  name: string;
  serviceDate: string;
  depotNodeId: string;
  vehicles: WaveVehicle[];
  tasks: WaveTask[];
  nodesById: ReadonlyMap<string, WaveNode>;
  /** No vehicle may leave before this (the trunk's arrival at a station plus unloading). */
  earliestStartS?: number;
  /** Optional tasks that keep their full service time even beside a must-go job at their node (companion-jobs.ts). */
  fullServiceTaskIds?: ReadonlySet<string>;
  /** On a replan, the routes it replaces: the solve starts from them (starting-routes.ts). */
  startingRoutes?: StartingRoute[];
}

export interface BuiltProblem {
  spec: DepotProblemSpec;
  /** Null when there is nothing to solve (no task left, or no vehicle that can still run). */
  problem: Problem | null;
  /** Index i of the matrices is this node. */
  nodeIds: string[];
  tasksById: Map<string, WaveTask>;
  /** Tasks refused before solving, with the reason. */
  excluded: Array<{ task: WaveTask; reason: PlanUnassignedReason }>;
  /** Optional jobs with no service time of their own: they ride on a must-go job at the same village. */
  companions: Set<string>;
}

/** The nodes a depot problem's matrices must cover: the depot first, then each task node once. */
export function depotProblemNodeIds(spec: Pick<DepotProblemSpec, 'depotNodeId' | 'tasks'>): string[] {
  const ids = [spec.depotNodeId];
  for (const task of spec.tasks) if (!ids.includes(task.nodeId)) ids.push(task.nodeId);
  return ids;
}

export function vehicleClassesOf(vehicles: WaveVehicle[]): VehicleClass[] {
  return [...new Set(vehicles.map((vehicle) => vehicle.vehicleClass))].sort();
}

/** Builds the solver problem from plain data and one matrix per vehicle class over `depotProblemNodeIds`. */
export function buildDepotProblem(spec: DepotProblemSpec, matrices: ReadonlyMap<VehicleClass, NodeMatrix>): BuiltProblem {
  const nodeIds = depotProblemNodeIds(spec);
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const tasksById = new Map(spec.tasks.map((task) => [task.id, task]));
  const excluded: BuiltProblem['excluded'] = [];
  const companions = companionTaskIds(spec.tasks, spec.fullServiceTaskIds);

  if (spec.tasks.length === 0) return { spec, problem: null, nodeIds, tasksById, excluded, companions };
  const earliestStartS = spec.earliestStartS ?? 0;
  const vehicles: Vehicle[] = spec.vehicles
    .filter((vehicle) => Math.max(vehicle.shiftStartS, earliestStartS) <= vehicle.shiftEndS)
    .map((vehicle) => toSolverVehicle(vehicle, earliestStartS));
  if (vehicles.length === 0) {
    // Vehicles exist but the trunk reaches their station after their shift: a timing problem.
    const reason: PlanUnassignedReason = spec.vehicles.length > 0 ? 'time_window' : 'no_vehicle';
    for (const task of spec.tasks) excluded.push({ task, reason });
    return { spec, problem: null, nodeIds, tasksById, excluded, companions };
  }

  const profiles: Record<string, ProfileMatrices> = {};
  for (const vehicleClass of vehicleClassesOf(spec.vehicles)) {
    profiles[vehicleClass] = toProfile(matrixFor(matrices, vehicleClass, nodeIds));
  }
  const jobs: Job[] = [];
  for (const task of spec.tasks) {
    const node = spec.nodesById.get(task.nodeId);
    if (!node) throw new RangeError(`task ${task.id} is at unknown node ${task.nodeId}`);
    const windows = openingWindows(node.openingHours, spec.serviceDate, node.serviceTimeS);
    const location = index.get(task.nodeId)!;
    if (windows !== null && windows.length === 0) excluded.push({ task, reason: 'closed' });
    else if (!reachableByAny(spec.vehicles, matrices, nodeIds.length, location)) excluded.push({ task, reason: 'unreachable' });
    else {
      jobs.push({
        id: task.id,
        kind: task.direction,
        location,
        serviceS: companions.has(task.id) ? 0 : node.serviceTimeS,
        timeWindows: windowsUntil(windows ?? [], task.latestArrivalS),
        amount: loadVector(task.load),
        unassignedPenaltyFen: taskPenaltyFen(task),
      });
    }
  }
  const problem: Problem | null = jobs.length === 0 ? null : { name: spec.name, profiles, vehicles, jobs, shipments: [], objective: 'cost' };
  return { spec, problem, nodeIds, tasksById, excluded, companions };
}

function toSolverVehicle(vehicle: WaveVehicle, earliestStartS: number): Vehicle {
  return {
    id: vehicle.id,
    startLocation: 0,
    endLocation: 0,
    capacity: loadVector(vehicle.capacity),
    fixedCostFen: vehicle.fixedCostFen,
    costPerKmFen: vehicle.costPerKmFen,
    costPerHourFen: vehicle.costPerHourFen,
    profile: vehicle.vehicleClass,
    shift: { startS: Math.max(vehicle.shiftStartS, earliestStartS), endS: vehicle.shiftEndS },
    ...(vehicle.maxDurationS !== null ? { maxDurationS: vehicle.maxDurationS } : {}),
  };
}

function matrixFor(matrices: ReadonlyMap<VehicleClass, NodeMatrix>, vehicleClass: VehicleClass, nodeIds: string[]): NodeMatrix {
  const matrix = matrices.get(vehicleClass);
  if (!matrix) throw new RangeError(`no ${vehicleClass} matrix`);
  if (matrix.nodeIds.length !== nodeIds.length || matrix.nodeIds.some((id, i) => id !== nodeIds[i])) {
    throw new RangeError(`the ${vehicleClass} matrix does not cover the problem's nodes in order`);
  }
  return matrix;
}

function toProfile(matrix: NodeMatrix): ProfileMatrices {
  const distanceM = Int32Array.from(matrix.distanceM, (value) => (value < 0 ? NO_ROAD_DISTANCE_M : value));
  const durationS = Int32Array.from(matrix.durationS, (value) => (value < 0 ? NO_ROAD_DURATION_S : value));
  return { size: matrix.nodeIds.length, distanceM, durationS };
}

/** Some vehicle class can drive from the depot (index 0) to `location` and back. */
function reachableByAny(vehicles: WaveVehicle[], matrices: ReadonlyMap<VehicleClass, NodeMatrix>, size: number, location: number): boolean {
  return vehicleClassesOf(vehicles).some((vehicleClass) => {
    const matrix = matrices.get(vehicleClass)!;
    return matrix.durationS[location] >= 0 && matrix.durationS[location * size] >= 0;
  });
}
