import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../infra/errors/domain-error';
import { ShipmentLifecycleService } from './shipment-lifecycle.service';
import { canTransition, ShipmentDirection, ShipmentStatus } from './shipment-status';
import { Clock } from '../infra/clock/clock';

export type ScanOutcome = 'scanned' | 'already_scanned' | 'unknown_barcode' | 'not_expected_at_hub';

export interface ScanResult {
  barcode: string;
  outcome: ScanOutcome;
  shipmentId: string | null;
  status: ShipmentStatus | null;
}

/**
 * Hub scan-in. A parcel is scanned once (a repeat reports `already_scanned`); the first scanned
 * parcel of a shipment moves it to at_hub. The batch is one transaction.
 */
@Injectable()
export class ShipmentScansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: ShipmentLifecycleService,
    private readonly clock: Clock,
  ) {}

  scanIn(countyId: string, barcodes: string[]): Promise<ScanResult[]> {
    return this.dataSource.transaction(async (manager) => {
      const parcels: Array<{ barcode: string; shipment_id: string; scanned_in_at: Date | null; status: ShipmentStatus; direction: ShipmentDirection }> = await manager.query(
        `SELECT p.barcode, p.shipment_id, p.scanned_in_at, s.status, s.direction
           FROM shipment_parcel p JOIN shipment s ON s.id = p.shipment_id
          WHERE p.county_id = $1 AND p.barcode = ANY($2::text[])
          ORDER BY p.shipment_id FOR UPDATE OF p, s`,
        [countyId, barcodes],
      );
      const byBarcode = new Map(parcels.map((parcel) => [parcel.barcode, parcel]));
      const results: ScanResult[] = [];
      for (const barcode of barcodes) {
        const parcel = byBarcode.get(barcode);
        if (!parcel) {
          results.push({ barcode, outcome: 'unknown_barcode', shipmentId: null, status: null });
          continue;
        }
        if (parcel.scanned_in_at) {
          results.push({ barcode, outcome: 'already_scanned', shipmentId: parcel.shipment_id, status: parcel.status });
          continue;
        }
        if (parcel.status !== 'at_hub' && !canTransition(parcel.direction, parcel.status, 'at_hub')) {
          results.push({ barcode, outcome: 'not_expected_at_hub', shipmentId: parcel.shipment_id, status: parcel.status });
          continue;
        }
        await manager.query('UPDATE shipment_parcel SET scanned_in_at = now() WHERE county_id = $1 AND barcode = $2', [countyId, barcode]);
        const transition = await this.lifecycle.transitionIn(manager, countyId, parcel.shipment_id, 'at_hub', 'scanned in at the hub');
        if (transition.changed) await this.recordArrival(manager, parcel.shipment_id);
        for (const other of parcels) if (other.shipment_id === parcel.shipment_id) other.status = transition.status;
        results.push({ barcode, outcome: 'scanned', shipmentId: parcel.shipment_id, status: transition.status });
      }
      return results;
    });
  }

  /**
   * The parcel is in the county's hands from its first hub scan (the Clock's now): the county's default
   * promise counts from here, and a promise that has passed by now is flagged late.
   */
  private async recordArrival(manager: EntityManager, shipmentId: string): Promise<void> {
    const now = this.clock.now();
    await manager.query(
      `UPDATE shipment SET arrived_at = $2, late_on_arrival = late_on_arrival OR (promised_by IS NOT NULL AND promised_by < $2) WHERE id = $1 AND arrived_at IS NULL`,
      [shipmentId, now],
    );
  }
}

export function assertScanBatch(barcodes: string[]): void {
  if (new Set(barcodes).size !== barcodes.length) throw new DomainError('validation_failed', 'a barcode appears twice in the batch');
}
