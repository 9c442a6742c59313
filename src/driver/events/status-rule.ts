import { ShipmentDirection, ShipmentStatus } from '../../shipments/shipment-status';

/**
 * The rule that makes syncs converge: a parcel's status is a function of the SET of its events, never
 * of the order they arrive in.
 *
 * - Every event implies a status for the parcels it concerns (event-effects.ts), or none.
 * - Statuses are ordered by how far along the journey the parcel is (its stage). The parcel's status is
 *   the one of its furthest stage; within that stage, of its latest event by corrected device time,
 *   the event id breaking ties. Out for delivery and failed share a stage: a retry after a failure, or a
 *   failure after setting out, is decided by time.
 * - Delivered is the last stage, so it is final: a `failed` after a `delivered` does not undo it (the
 *   parcel is with its recipient, the proof says so); progress lists such a parcel as contradicted.
 * - A shipment's status is the least advanced of its parcels' (a shipment is delivered when every
 *   parcel is); while one of its parcels has no event at all, the shipment keeps the status it has.
 *
 * Stages never go back, so the status a shipment moves to is always ahead of the one it has on the
 * lifecycle (or the other of out_for_delivery / failed, which follow each other), whatever arrived first.
 */
const STAGE: Record<ShipmentDirection, Partial<Record<ShipmentStatus, number>>> = {
  inbound: { in_transit: 1, at_township: 2, out_for_delivery: 3, failed: 3, delivered: 4 },
  outbound_pickup: { picked_up: 1, at_township: 2, at_hub: 3 },
};

/** For the shipment: the least advanced parcel decides, a failed parcel counting as less done than a delivered one. */
const SHIPMENT_RANK: Record<ShipmentDirection, Partial<Record<ShipmentStatus, number>>> = {
  inbound: { in_transit: 1, at_township: 2, out_for_delivery: 3, failed: 4, delivered: 5 },
  outbound_pickup: { picked_up: 1, at_township: 2, at_hub: 3 },
};

/** One event's word on a parcel (parcelId) or on every parcel of its shipment (parcelId null: a departure). */
export interface StatusEvidence {
  eventId: string;
  occurredAtMs: number;
  parcelId: string | null;
  status: ShipmentStatus;
}

export function stageOf(direction: ShipmentDirection, status: ShipmentStatus): number {
  return STAGE[direction][status] ?? 0;
}

/** Later by corrected time, then by event id. */
export function isLater(a: StatusEvidence, b: StatusEvidence): boolean {
  return a.occurredAtMs !== b.occurredAtMs ? a.occurredAtMs > b.occurredAtMs : a.eventId > b.eventId;
}

/** The evidence that decides the parcel's status, or null when none speaks of it. */
export function parcelStatus<Evidence extends StatusEvidence>(direction: ShipmentDirection, evidence: readonly Evidence[]): Evidence | null {
  let decided: Evidence | null = null;
  for (const candidate of evidence) {
    if (decided === null) {
      decided = candidate;
      continue;
    }
    const stage = stageOf(direction, candidate.status);
    const decidedStage = stageOf(direction, decided.status);
    if (stage > decidedStage || (stage === decidedStage && isLater(candidate, decided))) decided = candidate;
  }
  return decided;
}

/** What concerns one parcel: its own events and those for the whole shipment. */
export function evidenceOfParcel<Evidence extends StatusEvidence>(parcelId: string, evidence: readonly Evidence[]): Evidence[] {
  return evidence.filter((entry) => entry.parcelId === parcelId || entry.parcelId === null);
}

/** The shipment's derived status and the evidence behind it, or null while a parcel has no evidence. */
export function shipmentStatus<Evidence extends StatusEvidence>(direction: ShipmentDirection, parcelIds: readonly string[], evidence: readonly Evidence[]): Evidence | null {
  let least: Evidence | null = null;
  for (const parcelId of [...parcelIds].sort()) {
    const decided = parcelStatus(direction, evidenceOfParcel(parcelId, evidence));
    if (decided === null) return null;
    if (least === null || (SHIPMENT_RANK[direction][decided.status] ?? 0) < (SHIPMENT_RANK[direction][least.status] ?? 0)) least = decided;
  }
  return least;
}
