import { ShipmentDirection, ShipmentStatus } from '../../shipments/shipment-status';
import { isLater, parcelStatus, StatusEvidence } from './status-rule';
import type { StoredDriverEvent } from './stored-events.service';

/** What the reports say of one parcel: its status by the rule, the delivery that counts, and whether a later report contradicts it. */
export interface ParcelOutcome {
  status: ShipmentStatus | null;
  /** A failure was reported and the parcel is not delivered (or, for a pickup, not collected). */
  failed: boolean;
  /** The first delivered event by corrected time, then id: it fixes when, by whom and how much cash. */
  delivery: StoredDriverEvent | null;
  /** Delivered, and a failure reported after that delivery. */
  contradicted: boolean;
}

const asEvidence = (event: StoredDriverEvent): StatusEvidence & { event: StoredDriverEvent } => ({
  eventId: event.id,
  occurredAtMs: event.occurredAtMs,
  parcelId: event.parcelId,
  status: event.impliedStatus!,
  event,
});

/** Per parcel id, from the parcel events among `events` (any order: the result depends on the set only). */
export function parcelOutcomes(events: readonly StoredDriverEvent[], directions: ReadonlyMap<string, ShipmentDirection>): Map<string, ParcelOutcome> {
  const byParcel = new Map<string, StoredDriverEvent[]>();
  for (const event of events) {
    if (event.parcelId === null) continue;
    const list = byParcel.get(event.parcelId) ?? [];
    list.push(event);
    byParcel.set(event.parcelId, list);
  }
  const outcomes = new Map<string, ParcelOutcome>();
  for (const [parcelId, parcelEvents] of byParcel) {
    const direction = directions.get(parcelId) ?? 'inbound';
    const evidence = parcelEvents.filter((event) => event.impliedStatus !== null).map(asEvidence);
    const status = parcelStatus(direction, evidence)?.status ?? null;
    const deliveries = evidence.filter((entry) => entry.status === 'delivered');
    const first = deliveries.reduce<(typeof deliveries)[number] | null>((best, entry) => (best === null || isLater(best, entry) ? entry : best), null);
    const failures = parcelEvents.filter((event) => event.type === 'failed').map((event) => ({ ...asEvidence(event), status: 'failed' as ShipmentStatus }));
    outcomes.set(parcelId, {
      status,
      failed: failures.length > 0 && (direction === 'inbound' ? status === 'failed' : status === null),
      delivery: first?.event ?? null,
      contradicted: first !== null && failures.some((failure) => isLater(failure, first)),
    });
  }
  return outcomes;
}
