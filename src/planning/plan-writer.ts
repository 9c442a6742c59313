import { EntityManager } from 'typeorm';
import { localSecondsToInstant } from './planner/local-time';
import { WavePlan } from './planner/wave-model';
import { PlanRoute } from './plan-route.entity';
import { PlanStop } from './plan-stop.entity';
import { Plan } from './plan.entity';
import { routeFigures, stopFigures } from './route-figures';
import { PlanTotals, totalsWithKeptRoutes } from './plan-totals';
import { insertRows } from './insert-rows';
import { routeFigureColumns, stopFigureColumns } from './route-columns';

/** Everything a finished run stores on the plan row besides its routes. */
export interface PlanOutcome {
  networkVersion: number;
  statistics: NonNullable<Plan['statistics']>;
  /** Each route starts with the driver assigned to its vehicle, when there is one. */
  driverIdByVehicle: ReadonlyMap<string, string>;
}

/**
 * Writes a computed wave into the plan's tables inside the caller's transaction: the plan's old
 * routes (a retry) are replaced, except the locked ones, which the run planned around and which keep
 * their ids and numbers; times become instants in the county's zone, totals land on the plan.
 */
export async function writeWavePlan(manager: EntityManager, plan: Plan, wave: WavePlan, outcome: PlanOutcome, timeZone: string): Promise<void> {
  const at = (seconds: number) => localSecondsToInstant(plan.serviceDate, seconds, timeZone);
  await manager.delete(PlanRoute, { planId: plan.id, locked: false });
  const kept = await manager.find(PlanRoute, { where: { planId: plan.id }, select: { id: true, routeNumber: true } });
  const firstNumber = Math.max(0, ...kept.map((route) => route.routeNumber)) + 1;
  const routeIds = await insertRows(
    manager,
    PlanRoute,
    wave.routes.map((route, index) => ({
      planId: plan.id,
      routeNumber: firstNumber + index,
      ...routeFigures(route),
      ...routeFigureColumns(route, at),
      driverId: outcome.driverIdByVehicle.get(route.vehicleId) ?? null,
      status: 'planned' as const,
    })),
  );
  const stops = wave.routes.flatMap((route, index) =>
    route.stops.map((stop) => ({
      routeId: routeIds[index]!,
      ...stopFigures(stop),
      ...stopFigureColumns(stop, at),
    })),
  );
  await insertRows(manager, PlanStop, stops);
  const totals: PlanTotals =
    kept.length > 0
      ? await totalsWithKeptRoutes(
          manager,
          plan.id,
          wave.totals.parcels,
          kept.map((route) => route.id),
        )
      : {
          totalCostFen: String(wave.totals.costFen),
          totalDistanceM: wave.totals.distanceM,
          totalDurationS: wave.totals.durationS,
          parcels: wave.totals.parcels,
          costPerParcelFen: wave.totals.costPerParcelFen,
          vehiclesUsed: wave.totals.vehiclesUsed,
        };
  await manager.update(Plan, plan.id, {
    status: 'computed',
    networkVersion: outcome.networkVersion,
    ...totals,
    unassigned: wave.unassigned,
    statistics: outcome.statistics,
    // Used: the routes now written are what a next replan starts from.
    startingRoutes: null,
    error: null,
    finishedAt: new Date(),
  });
}
