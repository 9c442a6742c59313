import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What happened to a village's shipments on one local day. */
export interface VillageOutcomeDay {
  shipmentsDelivered: number;
  parcelsDelivered: number;
  /** Attempts: a shipment that failed, went out again and failed again counts twice. */
  failedDeliveries: number;
  parcelsPickedUp: number;
}

/**
 * A village's deliveries, failed deliveries and produce pickups by local day, read from the shipments'
 * status history (shipment_event). A change reported by a driver counts on the day the phone recorded
 * it (`occurredAt` of the event), not the day it was synced; any other change on the day it was stored.
 */
@Injectable()
export class VillageOutcomesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Days from `from` to `to` (local YYYY-MM-DD, both included) with something to count; days without are absent. */
  async byDay(countyId: string, villageNodeId: string, from: string, to: string, timeZone: string): Promise<Map<string, VillageOutcomeDay>> {
    const rows: Array<{ day: string; shipments_delivered: number; parcels_delivered: number; failed_deliveries: number; parcels_picked_up: number }> = await this.dataSource.query(
      `SELECT to_char(c.day, 'YYYY-MM-DD') AS day,
                count(*) FILTER (WHERE c.to_status = 'delivered')::int AS shipments_delivered,
                COALESCE(sum(c.parcel_count) FILTER (WHERE c.to_status = 'delivered'), 0)::int AS parcels_delivered,
                count(*) FILTER (WHERE c.to_status = 'failed')::int AS failed_deliveries,
                COALESCE(sum(c.parcel_count) FILTER (WHERE c.to_status = 'picked_up'), 0)::int AS parcels_picked_up
           FROM (SELECT e.to_status, s.parcel_count,
                        (COALESCE((e.payload->>'occurredAt')::timestamptz, e.created_at) AT TIME ZONE $5)::date AS day
                   FROM shipment s JOIN shipment_event e ON e.shipment_id = s.id
                  WHERE s.county_id = $1 AND s.village_node_id = $2
                    AND e.type = 'shipment.status_changed' AND e.to_status IN ('delivered', 'failed', 'picked_up')) c
          WHERE c.day BETWEEN $3::date AND $4::date
          GROUP BY c.day`,
      [countyId, villageNodeId, from, to, timeZone],
    );
    return new Map(
      rows.map((row) => [
        row.day,
        { shipmentsDelivered: row.shipments_delivered, parcelsDelivered: row.parcels_delivered, failedDeliveries: row.failed_deliveries, parcelsPickedUp: row.parcels_picked_up },
      ]),
    );
  }
}
