import { CURRENT_TX_ID_SQL } from './shipment-events.service';

/**
 * The whole create path in one statement: shipments (ON CONFLICT DO NOTHING on the unique
 * (platform, platform id) constraint), their parcels, a `shipment.created` event and its outbox row.
 * Rows that already existed return nothing; the caller compares their hashes afterwards. The webhook-id
 * is claimed by the same statement: a replay fails it on platform_message's key, and writes nothing.
 * Each row names its own county, platform and webhook-id, so one statement can carry the pushes of
 * several requests (IntakeCoalescer).
 * $1 jsonb array of IntakeRow, pre-sorted by (platform, id) so concurrent statements take row locks in
 * the same order; $2 true to claim every row's webhook-id, false to claim only those of inserted rows
 * (a coalesced push that inserted nothing is settled on its own afterwards, claim included).
 */
export const INSERT_SHIPMENTS_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    county_id uuid, platform_id uuid, webhook_id text, platform_shipment_id text, content_hash text, direction text, status text, service_level text, promised_by timestamptz, arrived_at timestamptz, late_on_arrival boolean,
    contact_name text, contact_phone text, destination jsonb, village_node_id uuid, resolved_by text, attention_reason text,
    parcel_count int, total_weight_g int, total_volume_cm3 int, declared_value_fen bigint, cash_on_delivery_fen bigint, parcels jsonb)
), ins AS (
  INSERT INTO shipment (county_id, platform_id, platform_shipment_id, content_hash, direction, status, service_level, promised_by, arrived_at, late_on_arrival,
    contact_name, contact_phone, destination, village_node_id, resolved_by, needs_attention, attention_reason,
    parcel_count, total_weight_g, total_volume_cm3, declared_value_fen, cash_on_delivery_fen)
  SELECT county_id, platform_id, platform_shipment_id, content_hash, direction::shipment_direction_enum, status::shipment_status_enum, service_level, promised_by, arrived_at, late_on_arrival,
    contact_name, contact_phone, destination, village_node_id, resolved_by::shipment_resolved_by_enum, attention_reason IS NOT NULL, attention_reason,
    parcel_count, total_weight_g, total_volume_cm3, declared_value_fen, cash_on_delivery_fen
  FROM input ORDER BY platform_id, platform_shipment_id
  ON CONFLICT (platform_id, platform_shipment_id) DO NOTHING
  RETURNING id, county_id, platform_id, platform_shipment_id, direction, status, village_node_id, needs_attention, attention_reason
), parcels AS (
  INSERT INTO shipment_parcel (shipment_id, county_id, barcode, weight_g, length_mm, width_mm, height_mm, declared_value_fen, cash_on_delivery_fen)
  SELECT ins.id, ins.county_id, p.barcode, p.weight_g, p.length_mm, p.width_mm, p.height_mm, p.declared_value_fen, p.cash_on_delivery_fen
  FROM ins JOIN input USING (platform_id, platform_shipment_id)
  CROSS JOIN jsonb_to_recordset(input.parcels) AS p(barcode text, weight_g int, length_mm int, width_mm int, height_mm int, declared_value_fen bigint, cash_on_delivery_fen bigint)
), ev AS (
  INSERT INTO shipment_event (tx_id, county_id, platform_id, shipment_id, type, from_status, to_status, payload)
  SELECT ${CURRENT_TX_ID_SQL}, ins.county_id, ins.platform_id, ins.id, 'shipment.created', NULL, ins.status::text::shipment_event_to_status_enum,
    jsonb_build_object('shipmentId', ins.id, 'platformShipmentId', ins.platform_shipment_id, 'direction', ins.direction, 'status', ins.status,
      'previousStatus', NULL, 'villageNodeId', ins.village_node_id, 'needsAttention', ins.needs_attention, 'attentionReason', ins.attention_reason)
  FROM ins
  RETURNING id, county_id
), outbox AS (
  INSERT INTO shipment_outbox (event_id, county_id) SELECT id, county_id FROM ev
), message AS (
  INSERT INTO platform_message (platform_id, webhook_id)
  SELECT DISTINCT input.platform_id, input.webhook_id FROM input
  WHERE input.webhook_id IS NOT NULL
    AND ($2::boolean OR EXISTS (SELECT 1 FROM ins WHERE ins.platform_id = input.platform_id AND ins.platform_shipment_id = input.platform_shipment_id))
)
SELECT id, platform_id, platform_shipment_id, status, needs_attention, attention_reason FROM ins`;

export const EXISTING_SHIPMENTS_SQL = `
SELECT id, platform_shipment_id, content_hash, status, needs_attention, attention_reason
  FROM shipment WHERE platform_id = $1 AND platform_shipment_id = ANY($2::text[])`;
