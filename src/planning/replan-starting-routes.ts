import { EntityManager } from 'typeorm';
import { PlanRoute } from './plan-route.entity';
import type { StartingRoute } from './planner/wave-model';

/**
 * A plan's unlocked routes as a replan starts from them: per route its vehicle and each stop's
 * shipments, in route and stop order. Locked routes are not among them: the replan keeps those as they are.
 */
export async function routesToStartFrom(manager: EntityManager, planId: string): Promise<StartingRoute[]> {
  const routes = await manager.find(PlanRoute, {
    where: { planId, locked: false },
    relations: { stops: true },
    select: { id: true, vehicleId: true, routeNumber: true, stops: { id: true, sequence: true, shipmentIds: true } },
    order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } },
  });
  return routes.map((route) => ({ vehicleId: route.vehicleId, stops: (route.stops ?? []).map((stop) => stop.shipmentIds) }));
}

/**
 * The stored starting routes as the planner takes them. The column is written only by this module's
 * callers, but it is JSON: an entry of another shape (a future format, a hand edit in the database)
 * is left out rather than handed to the solver, which would refuse it.
 */
export function readStartingRoutes(stored: unknown): StartingRoute[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  return stored.filter(isStartingRoute);
}

function isStartingRoute(value: unknown): value is StartingRoute {
  if (value === null || typeof value !== 'object') return false;
  const { vehicleId, stops } = value as Partial<StartingRoute>;
  return typeof vehicleId === 'string' && Array.isArray(stops) && stops.every((stop) => Array.isArray(stop) && stop.every((id) => typeof id === 'string'));
}
