import { EntityManager } from 'typeorm';
import { DeferralSummary, Plan } from '../plan.entity';
import { PlanDeferral } from './plan-deferral.entity';
import type { LateShipment } from './promise-outcomes';
import type { DeferredShipment } from './shipment-urgency';

/** The figures GET plan shows beside its routes; the rows are GET …/deferred. */
export function deferralSummary(deferred: readonly DeferredShipment[]): DeferralSummary {
  const byReason: Record<string, number> = {};
  for (const entry of deferred) byReason[entry.reason] = (byReason[entry.reason] ?? 0) + 1;
  return { shipments: deferred.length, parcels: deferred.reduce((total, entry) => total + entry.parcels, 0), byReason };
}

const INSERT_BATCH = 1_000;

/** Replaces the plan's deferrals and late list in the caller's transaction (a recomputed plan keeps none of its old ones). */
export async function writePromiseOutcome(manager: EntityManager, planId: string, deferred: readonly DeferredShipment[], late: LateShipment[]): Promise<void> {
  await manager.delete(PlanDeferral, { planId });
  for (let start = 0; start < deferred.length; start += INSERT_BATCH) {
    await manager.insert(
      PlanDeferral,
      deferred.slice(start, start + INSERT_BATCH).map((entry) => ({
        planId,
        shipmentId: entry.shipmentId,
        villageNodeId: entry.villageNodeId,
        direction: entry.direction,
        parcels: entry.parcels,
        reason: entry.reason,
        plannedFor: entry.plannedFor,
        dueBy: entry.promise.dueBy,
        promiseSource: entry.promise.source,
      })),
    );
  }
  await manager.update(Plan, planId, { late, deferredSummary: deferralSummary(deferred) });
}
