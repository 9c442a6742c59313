/** Shipment lifecycle: the one place that says which status may follow which. */
export const SHIPMENT_DIRECTIONS = ['inbound', 'outbound_pickup'] as const;
export type ShipmentDirection = (typeof SHIPMENT_DIRECTIONS)[number];

export const SHIPMENT_STATUSES = [
  'received',
  'at_hub',
  'planned',
  'in_transit',
  'at_township',
  'out_for_delivery',
  'delivered',
  'failed',
  'returned',
  'cancelled',
  'requested',
  'picked_up',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Inbound parcels travel hub → township → village; a failed delivery may be retried or returned. */
const INBOUND_TRANSITIONS: Partial<Record<ShipmentStatus, ShipmentStatus[]>> = {
  received: ['at_hub', 'cancelled'],
  at_hub: ['planned', 'cancelled'],
  planned: ['in_transit', 'at_hub', 'cancelled'],
  in_transit: ['at_township'],
  at_township: ['out_for_delivery'],
  out_for_delivery: ['delivered', 'failed'],
  failed: ['out_for_delivery', 'returned'],
};

/** Produce pickups ride down the same runs: village → township → hub (or straight to the hub). */
const PICKUP_TRANSITIONS: Partial<Record<ShipmentStatus, ShipmentStatus[]>> = {
  requested: ['picked_up', 'cancelled'],
  picked_up: ['at_township', 'at_hub'],
  at_township: ['at_hub'],
};

export const INITIAL_STATUS: Record<ShipmentDirection, ShipmentStatus> = { inbound: 'received', outbound_pickup: 'requested' };

/** Statuses in which a platform may still replace the shipment's content by an update event. */
export const EDITABLE_STATUSES: readonly ShipmentStatus[] = ['received', 'requested', 'at_hub'];

export function canTransition(direction: ShipmentDirection, from: ShipmentStatus, to: ShipmentStatus): boolean {
  const table = direction === 'inbound' ? INBOUND_TRANSITIONS : PICKUP_TRANSITIONS;
  return (table[from] ?? []).includes(to);
}

export function allowedNextStatuses(direction: ShipmentDirection, from: ShipmentStatus): ShipmentStatus[] {
  return [...((direction === 'inbound' ? INBOUND_TRANSITIONS : PICKUP_TRANSITIONS)[from] ?? [])];
}

/**
 * Whether `to` lies ahead of `from` on some path of the state machine. Driver reports may skip
 * statuses nobody saw: the hub's van takes a parcel straight from planned to out_for_delivery, and a
 * driver offline all day syncs planned → delivered at once; the platform hears one change, not four.
 */
export function canReach(direction: ShipmentDirection, from: ShipmentStatus, to: ShipmentStatus): boolean {
  const table = direction === 'inbound' ? INBOUND_TRANSITIONS : PICKUP_TRANSITIONS;
  const seen = new Set<ShipmentStatus>([from]);
  const queue: ShipmentStatus[] = [from];
  while (queue.length > 0) {
    for (const next of table[queue.shift()!] ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}
