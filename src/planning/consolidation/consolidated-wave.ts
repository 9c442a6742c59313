import { planWave, WavePlannerDependencies } from '../planner/wave-planner';
import type { WaveInput, WavePlan } from '../planner/wave-model';
import { deferralPenalties } from './deferral-cost';
import { LateShipment, promiseOutcomes } from './promise-outcomes';
import { classifyShipments, ConsolidationContext, DeferredShipment } from './shipment-urgency';

export interface ConsolidatedWave {
  /** The routes; `unassigned` holds only shipments that had to go (optional ones left out are deferred). */
  wave: WavePlan;
  deferred: DeferredShipment[];
  late: LateShipment[];
}

/**
 * Consolidation over days for one wave: classify the open shipments by their promises and their
 * villages' calendars, give each optional one its estimated cost of waiting as its penalty, let the
 * planner decide (trunk, then last mile), and read the result back as deferrals and late shipments.
 */
export async function planConsolidatedWave(input: WaveInput, context: ConsolidationContext, deps: WavePlannerDependencies): Promise<ConsolidatedWave> {
  const classification = classifyShipments(input, context);
  await deps.onStage?.('promises', 8);
  const penalties = await deferralPenalties(input, classification.offered, context.calendars, deps.matrices);
  const shipments = classification.offered.map(({ shipment, urgency }) => ({
    ...shipment,
    urgency,
    ...(urgency === 'optional' ? { deferralPenaltyFen: penalties.get(shipment.id) ?? 1 } : {}),
  }));
  const wave = await planWave({ ...input, shipments }, deps);
  const outcome = promiseOutcomes(wave, classification, input.serviceDate, context.timeZone);
  return { wave: { ...wave, unassigned: outcome.unassigned }, deferred: outcome.deferred, late: outcome.late };
}
