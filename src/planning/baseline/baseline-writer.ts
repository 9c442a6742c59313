import { EntityManager } from 'typeorm';
import { localSecondsToInstant } from '../planner/local-time';
import { Plan } from '../plan.entity';
import { insertRows } from '../insert-rows';
import { routeFigureColumns, stopFigureColumns } from '../route-columns';
import { BaselinePlan } from './baseline-model';
import { BaselineRoute } from './baseline-route.entity';
import { BaselineStop } from './baseline-stop.entity';

/** Replaces the plan's baseline routes and stops inside the caller's transaction (the one that writes the plan). */
export async function writeBaseline(manager: EntityManager, plan: Pick<Plan, 'id' | 'serviceDate'>, baseline: BaselinePlan, timeZone: string): Promise<void> {
  const at = (seconds: number) => localSecondsToInstant(plan.serviceDate, seconds, timeZone);
  await manager.delete(BaselineRoute, { planId: plan.id });
  const routeIds = await insertRows(
    manager,
    BaselineRoute,
    baseline.routes.map((route, index) => ({
      planId: plan.id,
      platformId: route.platformId,
      routeNumber: index + 1,
      vehicleClass: route.vehicleClass,
      templateVehicleId: route.templateVehicleId,
      capacityWeightG: route.capacity.weightG,
      capacityVolumeCm3: route.capacity.volumeCm3,
      capacityParcels: route.capacity.parcels,
      startNodeId: route.startNodeId,
      ...routeFigureColumns(route, at),
    })),
  );
  const stops = baseline.routes.flatMap((route, index) =>
    route.stops.map((stop) => ({
      routeId: routeIds[index]!,
      sequence: stop.sequence,
      nodeId: stop.nodeId,
      ...stopFigureColumns(stop, at),
    })),
  );
  await insertRows(manager, BaselineStop, stops);
}
