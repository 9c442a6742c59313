import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ShipmentDirection, ShipmentStatus } from './shipment-status';

/** A parcel as a driver's report names it: by barcode, with its shipment. */
export interface ReportedParcel {
  parcelId: string;
  barcode: string;
  shipmentId: string;
  direction: ShipmentDirection;
  cashOnDeliveryFen: number;
}

interface ParcelRow {
  id: string;
  barcode: string;
  shipment_id: string;
  direction: ShipmentDirection;
  cash_on_delivery_fen: string;
}

const PARCEL_COLUMNS = 'p.id, p.barcode, p.shipment_id, s.direction, p.cash_on_delivery_fen';

const toReportedParcel = (row: ParcelRow): ReportedParcel => ({
  parcelId: row.id,
  barcode: row.barcode,
  shipmentId: row.shipment_id,
  direction: row.direction,
  cashOnDeliveryFen: Number(row.cash_on_delivery_fen),
});

/**
 * What the driver module asks of shipments (added for it; no existing behaviour changes): parcels by
 * barcode, and the shipments' current statuses locked for the caller's transaction, so that a sync
 * derives and writes a shipment's status while no other sync can.
 */
@Injectable()
export class ParcelReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async parcelsByBarcode(countyId: string, barcodes: readonly string[]): Promise<ReportedParcel[]> {
    if (barcodes.length === 0) return [];
    const rows: ParcelRow[] = await this.dataSource.query(
      `SELECT ${PARCEL_COLUMNS} FROM shipment_parcel p JOIN shipment s ON s.id = p.shipment_id
        WHERE p.county_id = $1 AND p.barcode = ANY($2::text[])`,
      [countyId, barcodes],
    );
    return rows.map(toReportedParcel);
  }

  /** Every parcel of the shipments, by shipment (barcodes sorted). */
  async parcelsOf(countyId: string, shipmentIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ReportedParcel[]>> {
    const byShipment = new Map<string, ReportedParcel[]>(shipmentIds.map((id) => [id, []]));
    if (shipmentIds.length === 0) return byShipment;
    const rows: ParcelRow[] = await manager.query(
      `SELECT ${PARCEL_COLUMNS} FROM shipment_parcel p JOIN shipment s ON s.id = p.shipment_id
        WHERE s.county_id = $1 AND p.shipment_id = ANY($2::uuid[]) ORDER BY p.barcode`,
      [countyId, shipmentIds],
    );
    for (const row of rows) byShipment.get(row.shipment_id)?.push(toReportedParcel(row));
    return byShipment;
  }

  /** Locks the shipments in id order (every sync locks in the same order: no deadlock) and returns their statuses. */
  async lockStatuses(manager: EntityManager, countyId: string, shipmentIds: readonly string[]): Promise<Map<string, { status: ShipmentStatus; direction: ShipmentDirection }>> {
    const rows: Array<{ id: string; status: ShipmentStatus; direction: ShipmentDirection }> =
      shipmentIds.length === 0
        ? []
        : await manager.query(`SELECT id, status, direction FROM shipment WHERE county_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [countyId, shipmentIds]);
    return new Map(rows.map((row) => [row.id, { status: row.status, direction: row.direction }]));
  }
}
