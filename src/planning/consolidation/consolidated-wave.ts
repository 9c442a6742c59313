import { planWave, WavePlannerDependencies, waveTotals } from '../planner/wave-planner';
import type { PlanUnassignedReason, WaveInput, WavePlan, WaveShipment } from '../planner/wave-model';
import { vehiclesAfterRoutes } from '../planner/vehicles-after-routes';
import { deferralPenalties } from './deferral-cost';
import { LateShipment, promiseOutcomes } from './promise-outcomes';
import { classifyShipments, ConsolidationContext, DeferredShipment } from './shipment-urgency';

export interface ConsolidatedWave {
  /** The routes; `unassigned` holds only shipments that had to go (optional ones left out are deferred). */
  wave: WavePlan;
  deferred: DeferredShipment[];
  late: LateShipment[];
}

/** The follow-on wave, when work that must go is left open for lack of vehicles or time, gets this share of the plan's budget more. */
const FOLLOW_ON_TIME_SHARE = 0.25;
const FOLLOW_ON_REASONS: ReadonlySet<PlanUnassignedReason> = new Set(['no_vehicle', 'time_window', 'max_duration']);

/**
 * Consolidation over days for one wave: classify the open shipments by their promises and their
 * villages' calendars, give each optional one its estimated cost of waiting as its penalty, let the
 * planner decide (trunk, then last mile), and read the result back as deferrals and late shipments.
 */
export async function planConsolidatedWave(input: WaveInput, context: ConsolidationContext, deps: WavePlannerDependencies): Promise<ConsolidatedWave> {
  const classification = classifyShipments(input, context);
  await deps.onStage?.('promises', 8);
  const penalties = await deferralPenalties(input, classification.offered, context.calendars, deps.matrices);
  const shipments = classification.offered.map(({ shipment, urgency }) => {
    const penalty = penalties.get(shipment.id) ?? { penaltyFen: 1, trunkShareFen: 0 };
    return { ...shipment, urgency, ...(urgency === 'optional' ? { deferralPenaltyFen: penalty.penaltyFen, deferralTrunkShareFen: penalty.trunkShareFen } : {}) };
  });
  const first = await planWave({ ...input, shipments }, deps);
  const wave = await withFollowOn(input, shipments, first, deps);
  const outcome = promiseOutcomes(wave, classification, input.serviceDate, context.timeZone);
  return { wave: { ...wave, unassigned: outcome.unassigned }, deferred: outcome.deferred, late: outcome.late };
}

/**
 * On a day when the backlog falls due, the first wave can leave work that must go at the hub: each
 * station is supplied once by the trunk (its last mile leaves after that drop), and the trunk's first
 * trips run out of room. A follow-on wave then plans only that work, with every vehicle after its
 * routes of the first (loading time, what is left of its shift and duration, no second fixed cost):
 * the trunk tops the stations up and their vehicles go out again. Its routes join the plan.
 */
async function withFollowOn(input: WaveInput, shipments: WaveShipment[], first: WavePlan, deps: WavePlannerDependencies): Promise<WavePlan> {
  const byId = new Map(shipments.map((shipment) => [shipment.id, shipment]));
  const open = new Set(
    first.unassigned.filter((entry) => FOLLOW_ON_REASONS.has(entry.reason) && byId.get(entry.shipmentId)?.urgency !== 'optional').map((entry) => entry.shipmentId),
  );
  if (open.size === 0) return first;
  await deps.onStage?.('follow_on', 60);
  const followOn = await planWave(
    {
      ...input,
      vehicles: vehiclesAfterRoutes(input, first.routes),
      shipments: shipments.filter((shipment) => open.has(shipment.id)),
      timeLimitMs: input.timeLimitMs * FOLLOW_ON_TIME_SHARE,
    },
    { matrices: deps.matrices, solve: deps.solve },
  );
  const routes = [...first.routes, ...followOn.routes.filter((route) => route.stops.some((stop) => stop.shipmentIds.length > 0))];
  const plannedShipmentIds = [...new Set([...first.plannedShipmentIds, ...followOn.plannedShipmentIds])].sort();
  return {
    routes,
    plannedShipmentIds,
    unassigned: [...first.unassigned.filter((entry) => !open.has(entry.shipmentId)), ...followOn.unassigned].sort((a, b) =>
      a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0,
    ),
    totals: waveTotals(routes, plannedShipmentIds, new Map(input.shipments.map((shipment) => [shipment.id, shipment]))),
    statistics: [...first.statistics, ...followOn.statistics.map((run) => ({ ...run, name: `follow_on:${run.name}` }))],
  };
}
