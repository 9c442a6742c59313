import { EntityManager } from 'typeorm';
import { localSecondsToInstant } from '../planner/local-time';
import { Plan } from '../plan.entity';
import { BaselinePlan } from './baseline-model';
import { BaselineRoute } from './baseline-route.entity';
import { BaselineStop } from './baseline-stop.entity';

const ROWS_PER_INSERT = 2_000;

/** Replaces the plan's baseline routes and stops inside the caller's transaction (the one that writes the plan). */
export async function writeBaseline(manager: EntityManager, plan: Pick<Plan, 'id' | 'serviceDate'>, baseline: BaselinePlan, timeZone: string): Promise<void> {
  const at = (seconds: number) => localSecondsToInstant(plan.serviceDate, seconds, timeZone);
  await manager.delete(BaselineRoute, { planId: plan.id });
  if (baseline.routes.length === 0) return;
  // A few statements whatever the size (a county day has hundreds of baseline stops), each under PostgreSQL's 65,535 parameters.
  const inserted = await manager.insert(
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
      distanceM: route.distanceM,
      durationS: route.durationS,
      costFen: route.costFen,
      parcelsDelivered: route.parcelsDelivered,
      parcelsPickedUp: route.parcelsPickedUp,
      peakLoadWeightG: route.peakLoad.weightG,
      peakLoadVolumeCm3: route.peakLoad.volumeCm3,
      peakLoadParcels: route.peakLoad.parcels,
      departureAt: at(route.departureS),
      returnAt: at(route.returnS),
    })),
  );
  const routeIds = (inserted.identifiers as Array<{ id: string }>).map((identifier) => identifier.id);
  const stops = baseline.routes.flatMap((route, index) =>
    route.stops.map((stop) => ({
      routeId: routeIds[index]!,
      sequence: stop.sequence,
      nodeId: stop.nodeId,
      arrivalAt: at(stop.arrivalS),
      departureAt: at(stop.departureS),
      parcelsDelivered: stop.parcelsDelivered,
      parcelsPickedUp: stop.parcelsPickedUp,
      weightDeliveredG: stop.weightDeliveredG,
      weightPickedUpG: stop.weightPickedUpG,
      volumeDeliveredCm3: stop.volumeDeliveredCm3,
      volumePickedUpCm3: stop.volumePickedUpCm3,
      shipmentIds: stop.shipmentIds,
    })),
  );
  for (let start = 0; start < stops.length; start += ROWS_PER_INSERT) await manager.insert(BaselineStop, stops.slice(start, start + ROWS_PER_INSERT));
}
