import { EntityManager } from 'typeorm';
import { Plan } from './plan.entity';

export type PlanTotals = Pick<Plan, 'totalCostFen' | 'totalDistanceM' | 'totalDurationS' | 'parcels' | 'vehiclesUsed' | 'costPerParcelFen'>;

/**
 * The plan's totals once routes that were not in its solver run (kept: dispatched or locked) are among
 * its routes: cost, distance and duration are the routes' sums; the kept routes' village parcels are
 * added to the parcels the run planned.
 */
export async function totalsWithKeptRoutes(manager: EntityManager, planId: string, plannedParcels: number, keptRouteIds: string[]): Promise<PlanTotals> {
  const [routes]: Array<{ cost: string; distance: string; duration: string; vehicles: string }> = await manager.query(
    `SELECT coalesce(sum(cost_fen), 0) AS cost, coalesce(sum(distance_m), 0) AS distance, coalesce(sum(duration_s), 0) AS duration, count(DISTINCT vehicle_id) AS vehicles
       FROM plan_route WHERE plan_id = $1`,
    [planId],
  );
  const [kept]: Array<{ parcels: string | null }> = await manager.query(
    `SELECT sum(parcels_delivered + parcels_picked_up) AS parcels FROM plan_stop WHERE route_id = ANY($1::uuid[]) AND kind = 'village'`,
    [keptRouteIds],
  );
  const parcels = plannedParcels + Number(kept!.parcels ?? 0);
  return {
    totalCostFen: routes!.cost,
    totalDistanceM: Number(routes!.distance),
    totalDurationS: Number(routes!.duration),
    parcels,
    vehiclesUsed: Number(routes!.vehicles),
    costPerParcelFen: parcels > 0 ? Math.round(Number(routes!.cost) / parcels) : null,
  };
}
