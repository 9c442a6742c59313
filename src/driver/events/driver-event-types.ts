/** What a driver reports. A stop event names a stop (or none: the route's base); a parcel event names a barcode. */
export const DRIVER_EVENT_TYPES = ['departed', 'arrived', 'delivered', 'failed', 'picked_up', 'handed_to_station', 'exception'] as const;
export type DriverEventType = (typeof DRIVER_EVENT_TYPES)[number];

export const STOP_EVENT_TYPES: readonly DriverEventType[] = ['departed', 'arrived'];
export const PARCEL_EVENT_TYPES: readonly DriverEventType[] = ['delivered', 'failed', 'picked_up', 'handed_to_station'];

/** Why a delivery (or a pickup) did not happen: required on `failed`. */
export const FAILURE_REASONS = ['recipient_absent', 'refused', 'address_not_found', 'damaged', 'road_blocked', 'cash_not_ready', 'nothing_to_collect', 'other'] as const;

export const PROOF_KINDS = ['photo', 'signature', 'recipient_code'] as const;

/** Why one event of a batch was refused; the others of the batch are judged on their own. */
export const REJECTION_REASONS = [
  'invalid',
  'id_reused',
  'route_not_yours',
  'unknown_stop',
  'unknown_parcel',
  'parcel_not_on_route',
  'type_not_for_parcel',
  'proof_missing',
  'recipient_code_wrong',
  'device_disabled',
  'recorded_after_sync',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
