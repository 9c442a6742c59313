import { localSecondsToInstant } from '../planner/local-time';
import type { PlanUnassignedReason, UnassignedShipment, WavePlan } from '../planner/wave-model';
import type { PromiseSource } from '../promises/promise-rules';
import { DeferralReason, DeferredShipment, OfferedShipment, UrgencyClassification } from './shipment-urgency';

export const LATE_REASONS = ['promise_passed', 'arrives_after_promise', 'not_served'] as const;
export type LateReason = (typeof LATE_REASONS)[number];

/**
 * A shipment this wave does not bring by its promise, never silently: `promise_passed`, the promise had
 * passed before the service day (or when the parcel arrived), so it is planned first; `arrives_after_promise`,
 * planned, but the planned arrival at the village is later than the promise; `not_served`, it had to go
 * today, found no vehicle (see `unassignedReason`), and no later day can keep the promise any more.
 */
export interface LateShipment {
  shipmentId: string;
  villageNodeId: string;
  reason: LateReason;
  /** ISO 8601: the promise that binds it. */
  dueBy: string;
  promiseSource: PromiseSource;
  /** ISO 8601: the planned arrival at its village; null when it is not on a route. */
  plannedArrivalAt: string | null;
  unassignedReason?: PlanUnassignedReason;
}

export interface PromiseOutcome {
  /** The wave's unassigned shipments that had to go (optional ones left out are deferred instead). */
  unassigned: UnassignedShipment[];
  deferred: DeferredShipment[];
  late: LateShipment[];
}

/** An optional shipment the solver left out, by the solver's reason. */
function deferralReasonOf(reason: PlanUnassignedReason): DeferralReason {
  if (reason === 'not_profitable') return 'cheaper_later';
  if (reason === 'closed') return 'not_service_day';
  return 'no_room_today';
}

/**
 * Reads the computed wave against the promises: which shipments are deferred (not offered, or optional
 * and left out) and to which day, and which will be late and why. "Delivered by the promise" means the
 * planned arrival at the village is no later than it.
 */
export function promiseOutcomes(wave: WavePlan, classification: UrgencyClassification, serviceDate: string, timeZone: string): PromiseOutcome {
  const offeredById = new Map(classification.offered.map((entry) => [entry.shipment.id, entry]));
  const arrivalById = new Map<string, Date>();
  for (const route of wave.routes) {
    for (const stop of route.stops) {
      if (stop.kind !== 'village') continue;
      for (const id of stop.shipmentIds) arrivalById.set(id, localSecondsToInstant(serviceDate, stop.arrivalS, timeZone));
    }
  }
  const deferred: DeferredShipment[] = [...classification.notOffered];
  const unassigned: UnassignedShipment[] = [];
  const late: LateShipment[] = [];
  const lateEntry = (entry: OfferedShipment, reason: LateReason, arrival: Date | null, unassignedReason?: PlanUnassignedReason): LateShipment => ({
    shipmentId: entry.shipment.id,
    villageNodeId: entry.shipment.villageNodeId,
    reason,
    dueBy: entry.promise.dueBy.toISOString(),
    promiseSource: entry.promise.source,
    plannedArrivalAt: arrival?.toISOString() ?? null,
    ...(unassignedReason ? { unassignedReason } : {}),
  });

  for (const left of wave.unassigned) {
    const entry = offeredById.get(left.shipmentId);
    if (entry?.urgency === 'optional' && entry.nextServiceDay !== null) {
      deferred.push({
        shipmentId: left.shipmentId,
        villageNodeId: left.villageNodeId,
        direction: entry.shipment.direction,
        parcels: entry.shipment.parcelCount,
        reason: deferralReasonOf(left.reason),
        plannedFor: entry.nextServiceDay,
        promise: entry.promise,
      });
      continue;
    }
    unassigned.push(left);
    if (!entry) continue;
    if (entry.urgency === 'late') late.push(lateEntry(entry, 'promise_passed', null, left.reason));
    else if (!entry.keptTomorrow) late.push(lateEntry(entry, 'not_served', null, left.reason));
  }
  for (const [shipmentId, arrival] of arrivalById) {
    const entry = offeredById.get(shipmentId);
    if (!entry) continue;
    if (entry.urgency === 'late') late.push(lateEntry(entry, 'promise_passed', arrival));
    else if (arrival.getTime() > entry.promise.dueBy.getTime()) late.push(lateEntry(entry, 'arrives_after_promise', arrival));
  }
  const byId = (a: { shipmentId: string }, b: { shipmentId: string }) => (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0);
  return { unassigned, deferred: deferred.sort(byId), late: late.sort(byId) };
}
