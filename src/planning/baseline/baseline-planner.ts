import { DepotSolveDependencies, solveDepot } from '../planner/depot-solve';
import { readRoutes, unassignedTasks } from '../planner/solution-reader';
import { directionTasks } from '../planner/wave-planner';
import { groupShipments, largestCapacity, WaveTask } from '../planner/wave-tasks';
import { addLoad, EMPTY_LOAD, Load, WaveVehicle } from '../planner/wave-model';
import { BaselineInput, BaselinePlan, BaselineShipment } from './baseline-model';

export interface BaselinePlannerDependencies extends DepotSolveDependencies {
  /** Called before each carrier's solve with the carrier's position (0-based) and the number of carriers. */
  onCarrier?: (position: number, carriers: number) => Promise<void> | void;
}

/**
 * Most vehicles of one type a carrier is offered: no carrier runs 120 vans in one county. Unused
 * copies cost nothing (the solver offers one empty route per type), but each makes the search slower,
 * so a carrier starts with about what it needs (`initialCopies`) and gets twice as many whenever the
 * solver leaves work for want of a vehicle.
 */
export const MAX_COPIES_PER_TYPE = 120;

/**
 * About what a carrier needs of each type: its whole load twice over in the smallest type, or a
 * vehicle per eight villages (a van's day on mountain roads), whichever is more.
 */
export function initialCopies(tasks: WaveTask[], types: WaveVehicle[]): number {
  const load = tasks.reduce((total, task) => addLoad(total, task.load), EMPTY_LOAD);
  const loadsOf = (capacity: Load) => Math.max(load.weightG / capacity.weightG, load.volumeCm3 / capacity.volumeCm3, load.parcels / capacity.parcels);
  const byLoad = Math.ceil(2 * Math.max(0, ...types.map((type) => loadsOf(type.capacity))));
  const byVillages = Math.ceil(new Set(tasks.map((task) => task.nodeId)).size / 8);
  return Math.min(tasks.length, MAX_COPIES_PER_TYPE, Math.max(2, byLoad, byVillages));
}

/**
 * The unconsolidated baseline: the same day as the carriers would run it without the county
 * co-delivery centre. Each carrier (platform) serves exactly its own shipments of the consolidated
 * plan with its own vehicles of the hub's types, as many as it needs, from the hub straight to every
 * village it has a parcel for: no township transfer, no deferral, no second trip. Same road network,
 * travel-time model, vehicle cost table, problem builder and solver as the consolidated plan (it goes
 * through the same `solveDepot`). The consolidated plan's time budget is split between the carriers
 * by their number of stops (villages), and each run has the planner's iteration budget, so a run that
 * ends on it replays under the seed.
 */
export async function planBaseline(input: BaselineInput, deps: BaselinePlannerDependencies): Promise<BaselinePlan> {
  const nodesById = new Map(input.nodes.map((node) => [node.id, node]));
  const vehicleTypes = distinctVehicleTypes(input.hubVehicles);
  const chunk = largestCapacity(vehicleTypes.map((vehicle) => vehicle.capacity));
  const byCarrier = [...groupShipments(input.shipments, (shipment) => shipment.platformId)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const stopsOf = (shipments: BaselineShipment[]) => new Set(shipments.map((shipment) => shipment.villageNodeId)).size;
  let stopsLeft = byCarrier.reduce((total, [, shipments]) => total + stopsOf(shipments), 0);
  let remainingMs = input.timeLimitMs;
  const plan: BaselinePlan = { routes: [], unassigned: [], statistics: [] };

  for (const [position, [platformId, shipments]] of byCarrier.entries()) {
    await deps.onCarrier?.(position, byCarrier.length);
    const tasks: WaveTask[] = [];
    for (const [villageId, atVillage] of groupShipments(shipments, (shipment) => shipment.villageNodeId)) tasks.push(...directionTasks(villageId, 'village', atVillage, chunk));
    const stops = stopsOf(shipments);
    // Time an earlier carrier's run left unused (it stopped on its iteration budget) passes on to the others.
    const timeLimitMs = stopsLeft > 0 ? (remainingMs * stops) / stopsLeft : 0;
    let copies = initialCopies(tasks, vehicleTypes);
    let fleet, result;
    for (;;) {
      fleet = carrierFleet(vehicleTypes, copies);
      result = await solveDepot(
        { name: `baseline:${platformId}`, serviceDate: input.serviceDate, depotNodeId: input.hubNodeId, vehicles: fleet.vehicles, tasks, nodesById },
        deps,
        { seed: input.seed + position, timeLimitMs },
      );
      remainingMs -= result.statistics.runtimeMs;
      plan.statistics.push(result.statistics);
      const most = Math.min(tasks.length, MAX_COPIES_PER_TYPE);
      const short = unassignedTasks(result.built, result.solution).some((entry) => entry.reason === 'no_vehicle');
      if (!short || copies >= most) break;
      copies = Math.min(most, 2 * copies);
    }
    stopsLeft -= stops;
    const routes = result.solution ? readRoutes(result.built, result.solution, () => 'last_mile') : [];
    for (const route of routes) {
      const template = fleet.templateOf.get(route.vehicleId)!;
      plan.routes.push({ ...route, platformId, templateVehicleId: template.id, vehicleClass: template.vehicleClass, capacity: template.capacity });
    }
    for (const { task, reason } of unassignedTasks(result.built, result.solution)) {
      for (const shipment of task.shipments) plan.unassigned.push({ shipmentId: shipment.id, platformId, villageNodeId: shipment.villageNodeId, reason });
    }
  }
  plan.unassigned.sort((a, b) => (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0));
  return plan;
}

/**
 * One vehicle per type: hub vehicles that differ only in code and id (the demo's three vans) are one
 * type. The first by code stands for its type, so the baseline does not depend on database order.
 */
export function distinctVehicleTypes(vehicles: WaveVehicle[]): WaveVehicle[] {
  const byType = new Map<string, WaveVehicle>();
  for (const vehicle of [...vehicles].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const { vehicleClass, capacity, fixedCostFen, costPerKmFen, costPerHourFen, shiftStartS, shiftEndS, maxDurationS } = vehicle;
    const key = JSON.stringify([
      vehicleClass,
      capacity.weightG,
      capacity.volumeCm3,
      capacity.parcels,
      fixedCostFen,
      costPerKmFen,
      costPerHourFen,
      shiftStartS,
      shiftEndS,
      maxDurationS,
    ]);
    if (!byType.has(key)) byType.set(key, vehicle);
  }
  return [...byType.values()];
}

/** `copies` vehicles of every type, each with the type's own costs and shift; ids say which copy of which template. */
function carrierFleet(types: WaveVehicle[], copies: number): { vehicles: WaveVehicle[]; templateOf: Map<string, WaveVehicle> } {
  const vehicles: WaveVehicle[] = [];
  const templateOf = new Map<string, WaveVehicle>();
  for (const template of types) {
    for (let copy = 1; copy <= copies; copy++) {
      const vehicle = { ...template, id: `${template.id}#${copy}`, code: `${template.code}#${copy}` };
      vehicles.push(vehicle);
      templateOf.set(vehicle.id, template);
    }
  }
  return { vehicles, templateOf };
}
