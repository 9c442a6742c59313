import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ShipmentStatus } from '../../shipments/shipment-status';
import { DriverEventType } from './driver-event-types';

/** An accepted event as the reports read it; `impliedStatus` is what a parcel event implies for its parcel. */
export interface StoredDriverEvent {
  id: string;
  driverId: string;
  routeId: string;
  stopId: string | null;
  type: DriverEventType;
  parcelId: string | null;
  barcode: string | null;
  reasonCode: string | null;
  occurredAtMs: number;
  location: { coordinates: [number, number]; accuracyM: number | null } | null;
  proofKind: string | null;
  proofSha256: string | null;
  cashCollectedFen: number | null;
  impliedStatus: ShipmentStatus | null;
}

/** Reads accepted events back for progress and cash, ordered by corrected time then id (the rule's order). */
@Injectable()
export class StoredEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofRoutes(routeIds: readonly string[]): Promise<StoredDriverEvent[]> {
    if (routeIds.length === 0) return [];
    const rows: Array<{
      id: string;
      driver_id: string;
      route_id: string;
      stop_id: string | null;
      type: DriverEventType;
      parcel_id: string | null;
      barcode: string | null;
      reason_code: string | null;
      occurred_at: Date;
      lon: number | null;
      lat: number | null;
      location_accuracy_m: number | null;
      proof_kind: string | null;
      proof_sha256: string | null;
      cash_collected_fen: string | null;
      implied_status: ShipmentStatus | null;
    }> = await this.dataSource.query(
      `SELECT e.id, e.driver_id, e.route_id, e.stop_id, e.type, e.parcel_id, e.barcode, e.reason_code, e.occurred_at, ST_X(e.location) AS lon, ST_Y(e.location) AS lat,
              e.location_accuracy_m, e.proof_kind, e.proof_sha256, e.cash_collected_fen, l.implied_status
         FROM driver_event e LEFT JOIN driver_event_shipment l ON l.event_id = e.id AND l.parcel_id = e.parcel_id
        WHERE e.route_id = ANY($1::uuid[])
        ORDER BY e.occurred_at, e.id`,
      [[...new Set(routeIds)]],
    );
    return rows.map((row) => ({
      id: row.id,
      driverId: row.driver_id,
      routeId: row.route_id,
      stopId: row.stop_id,
      type: row.type,
      parcelId: row.parcel_id,
      barcode: row.barcode,
      reasonCode: row.reason_code,
      occurredAtMs: new Date(row.occurred_at).getTime(),
      location: row.lon === null || row.lat === null ? null : { coordinates: [row.lon, row.lat], accuracyM: row.location_accuracy_m },
      proofKind: row.proof_kind,
      proofSha256: row.proof_sha256,
      cashCollectedFen: row.cash_collected_fen === null ? null : Number(row.cash_collected_fen),
      impliedStatus: row.implied_status,
    }));
  }
}
