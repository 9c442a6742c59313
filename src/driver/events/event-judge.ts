import type { RouteContext } from '../../planning/driver-routes.service';
import type { ReportedParcel } from '../../shipments/parcel-reports.service';
import type { ShipmentDirection } from '../../shipments/shipment-status';
import { deliveryNeedsProof } from '../proofs/proof-policy.service';
import type { DeliveryProofRule } from '../proofs/proof-policy.entity';
import { PARCEL_EVENT_TYPES, RejectionReason, STOP_EVENT_TYPES } from './driver-event-types';
import { departureLinks, EventLink, parcelEventFits, parcelEventStatus, stopCarrying } from './event-effects';
import type { DriverEventInput } from './event-batch.schema';

/** Everything an event is judged against; none of it depends on the batch's other events, so neither does the verdict. */
export interface JudgeContext {
  driverId: string;
  routes: ReadonlyMap<string, RouteContext>;
  parcels: ReadonlyMap<string, ReportedParcel>;
  /** Directions of the shipments on the batch's routes (for departures). */
  directions: ReadonlyMap<string, ShipmentDirection>;
  proofRule: DeliveryProofRule;
  recipientCodes: ReadonlyMap<string, string>;
  /** Events that happened after this instant are refused (a disabled device or driver); null: none is. */
  disabledAt: Date | null;
  sentAt: Date;
  /** Added to the phone's times: whole minutes, so a sync's network delay never reorders events. */
  clockOffsetS: number;
}

export interface AcceptedEvent {
  event: DriverEventInput;
  occurredAt: Date;
  parcel: ReportedParcel | null;
  links: EventLink[];
}

export type Verdict = { accepted: AcceptedEvent } | { rejected: RejectionReason; message: string };

const reject = (rejected: RejectionReason, message: string): Verdict => ({ rejected, message });

/** Accepts or refuses one event, with the reason; an accepted event comes with the shipments it concerns. */
export function judgeEvent(event: DriverEventInput, context: JudgeContext): Verdict {
  const route = context.routes.get(event.routeId);
  if (!route || route.driverId !== context.driverId) return reject('route_not_yours', `route ${event.routeId} is not one of your runs`);
  if (event.stopId !== undefined && !route.stops.some((stop) => stop.id === event.stopId)) return reject('unknown_stop', `route ${route.routeNumber} has no stop ${event.stopId}`);
  const recordedAt = new Date(event.recordedAt);
  if (recordedAt.getTime() > context.sentAt.getTime()) return reject('recorded_after_sync', 'recordedAt is later than the batch’s sentAt');
  const occurredAt = new Date(recordedAt.getTime() + context.clockOffsetS * 1000);
  if (context.disabledAt && occurredAt > context.disabledAt)
    return reject('device_disabled', `recorded after this device or driver was disabled (${context.disabledAt.toISOString()})`);
  if (STOP_EVENT_TYPES.includes(event.type)) {
    if (event.barcode !== undefined) return reject('invalid', `${event.type} names a stop, not a parcel: leave barcode out`);
    const links = event.type === 'departed' && event.stopId === undefined ? departureLinks(route, context.directions) : [];
    return { accepted: { event, occurredAt, parcel: null, links } };
  }
  if (event.barcode === undefined) {
    if (event.type === 'exception') return { accepted: { event, occurredAt, parcel: null, links: [] } };
    return reject('invalid', `${event.type} needs the parcel's barcode`);
  }
  return judgeParcelEvent(event, occurredAt, route, context);
}

function judgeParcelEvent(event: DriverEventInput, occurredAt: Date, route: RouteContext, context: JudgeContext): Verdict {
  const parcel = context.parcels.get(event.barcode!);
  if (!parcel) return reject('unknown_parcel', `no parcel ${event.barcode} in this county`);
  const stop = stopCarrying(route, parcel.shipmentId);
  if (!stop) return reject('parcel_not_on_route', `parcel ${parcel.barcode} is not on route ${route.routeNumber}`);
  if (!parcelEventFits(event.type, parcel.direction, stop)) {
    return reject('type_not_for_parcel', `${event.type} does not fit ${parcel.direction === 'inbound' ? 'a delivery' : 'a pickup'} at a ${stop.kind.replace('_', ' ')} stop`);
  }
  if (event.type === 'failed' && event.reasonCode === undefined) return reject('invalid', 'failed needs a reasonCode');
  if (event.type === 'delivered') {
    if (event.proof === undefined && deliveryNeedsProof(context.proofRule, parcel.cashOnDeliveryFen)) {
      return reject('proof_missing', `the county asks for proof of delivery (${context.proofRule}): a photo, a signature or the recipient's code`);
    }
    if (event.proof?.kind === 'recipient_code' && context.recipientCodes.get(parcel.shipmentId) !== event.proof.code) {
      return reject('recipient_code_wrong', "the recipient's code does not match this shipment");
    }
  }
  const impliedStatus = PARCEL_EVENT_TYPES.includes(event.type) ? parcelEventStatus(event.type, parcel.direction, stop, route) : null;
  return { accepted: { event, occurredAt, parcel, links: [{ shipmentId: parcel.shipmentId, parcelId: parcel.parcelId, impliedStatus }] } };
}

/** The whole-minute correction of a phone's clock from the batch's sentAt. */
export function clockOffsetS(serverNow: Date, sentAt: Date): number {
  // `+ 0` turns a -0 (a phone a few milliseconds ahead) into 0.
  return Math.round((serverNow.getTime() - sentAt.getTime()) / 60_000) * 60 + 0;
}
