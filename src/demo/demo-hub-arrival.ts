import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ShipmentScansService } from '../shipments/shipment-scans.service';

const SCAN_BATCH = 500;

/**
 * For the demo: the carriers' trucks arrive at the hub and every parcel of every received inbound
 * shipment is scanned in, through the same scan service the hub's scanners call.
 */
export async function scanInEverythingReceived(app: INestApplicationContext, countyId: string): Promise<{ scanned: number; shipmentsAtHub: number }> {
  const rows: Array<{ barcode: string }> = await app.get(DataSource).query(
    `SELECT p.barcode FROM shipment_parcel p JOIN shipment s ON s.id = p.shipment_id
      WHERE s.county_id = $1 AND s.direction = 'inbound' AND s.status = 'received' AND p.scanned_in_at IS NULL
      ORDER BY p.barcode`,
    [countyId],
  );
  const scans = app.get(ShipmentScansService);
  let scanned = 0;
  for (let start = 0; start < rows.length; start += SCAN_BATCH) {
    const results = await scans.scanIn(countyId, rows.slice(start, start + SCAN_BATCH).map((row) => row.barcode));
    scanned += results.filter((result) => result.outcome === 'scanned').length;
  }
  const [{ count }]: Array<{ count: string }> = await app.get(DataSource).query(
    `SELECT count(*) FROM shipment WHERE county_id = $1 AND status = 'at_hub'`,
    [countyId],
  );
  return { scanned, shipmentsAtHub: Number(count) };
}
