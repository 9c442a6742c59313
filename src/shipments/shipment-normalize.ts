import { createHash } from 'crypto';
import { parcelVolumeCm3, ShipmentInputDto, sideMm } from './dto/shipment-input.dto';
import { DestinationInput } from './shipment.entity';
import { INITIAL_STATUS, ShipmentDirection, ShipmentStatus } from './shipment-status';

export interface NormalizedParcel {
  barcode: string;
  weight_g: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  declared_value_fen: number;
  cash_on_delivery_fen: number;
}

/** One shipment row as the intake SQL inserts it (snake_case: it goes through jsonb_to_recordset). */
export interface NormalizedShipment {
  platform_shipment_id: string;
  content_hash: string;
  direction: ShipmentDirection;
  status: ShipmentStatus;
  service_level: string;
  promised_by: string | null;
  /** Set by stampArrival: a pickup arrives when it is requested; an inbound parcel at its first hub scan. */
  arrived_at: string | null;
  late_on_arrival: boolean;
  contact_name: string;
  contact_phone: string;
  destination: DestinationInput;
  parcel_count: number;
  total_weight_g: number;
  total_volume_cm3: number;
  declared_value_fen: number;
  cash_on_delivery_fen: number;
  parcels: NormalizedParcel[];
  /** Filled by destination resolution before insert. */
  village_node_id: string | null;
  resolved_by: string | null;
  attention_reason: string | null;
}

/**
 * The hash of the validated input. The parser builds every object with the same key order whatever
 * order the platform used, so JSON.stringify of it is canonical (and native, so fast).
 */
export function contentHash(input: ShipmentInputDto): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

export function normalizeShipment(input: ShipmentInputDto): NormalizedShipment {
  const direction = input.direction ?? 'inbound';
  const parcels = input.parcels.map((parcel): NormalizedParcel => {
    const { length, width, height, unit } = parcel.dimensions;
    return {
      barcode: parcel.barcode,
      weight_g: parcel.weightG,
      length_mm: sideMm(length, unit),
      width_mm: sideMm(width, unit),
      height_mm: sideMm(height, unit),
      declared_value_fen: parcel.declaredValueFen ?? 0,
      cash_on_delivery_fen: parcel.cashOnDeliveryFen ?? 0,
    };
  });
  const sum = (pick: (parcel: NormalizedParcel) => number) => parcels.reduce((total, parcel) => total + pick(parcel), 0);
  return {
    platform_shipment_id: input.id,
    content_hash: contentHash(input),
    direction,
    status: INITIAL_STATUS[direction],
    service_level: input.serviceLevel ?? 'standard',
    promised_by: input.promisedBy ? new Date(input.promisedBy).toISOString() : null,
    arrived_at: null,
    late_on_arrival: false,
    contact_name: input.contact.name,
    contact_phone: input.contact.phone,
    destination: {
      villageCode: input.destination.villageCode,
      coordinate: input.destination.coordinate,
      address: input.destination.address ? { ...input.destination.address } : undefined,
    },
    parcel_count: parcels.length,
    total_weight_g: sum((parcel) => parcel.weight_g),
    total_volume_cm3: input.parcels.reduce((total, parcel) => total + parcelVolumeCm3(parcel.dimensions), 0),
    declared_value_fen: sum((parcel) => parcel.declared_value_fen),
    cash_on_delivery_fen: sum((parcel) => parcel.cash_on_delivery_fen),
    parcels,
    village_node_id: null,
    resolved_by: null,
    attention_reason: null,
  };
}

/**
 * What intake knows at `now` (the Clock): a produce pickup is in the county's hands once requested,
 * and a promise that has already passed is accepted (the parcel exists) but flagged late.
 */
export function stampArrival(shipment: NormalizedShipment, now: Date): NormalizedShipment {
  shipment.arrived_at = shipment.direction === 'outbound_pickup' ? now.toISOString() : null;
  shipment.late_on_arrival = shipment.promised_by !== null && Date.parse(shipment.promised_by) < now.getTime();
  return shipment;
}
