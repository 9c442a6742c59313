import { INestApplicationContext } from '@nestjs/common';
import { ShipmentScansService } from '../shipments/shipment-scans.service';
import { ShipmentsQueryService } from '../shipments/shipments-query.service';

const SCAN_BATCH = 500;

/**
 * For the demo: the carriers' trucks arrive at the hub and every parcel of every received inbound
 * shipment is scanned in, through the same scan service the hub's scanners call.
 */
export async function scanInEverythingReceived(app: INestApplicationContext, countyId: string): Promise<{ scanned: number; shipmentsAtHub: number }> {
  const shipments = app.get(ShipmentsQueryService);
  const barcodes = await shipments.barcodesExpectedAtHub(countyId);
  const scans = app.get(ShipmentScansService);
  let scanned = 0;
  for (let start = 0; start < barcodes.length; start += SCAN_BATCH) {
    const results = await scans.scanIn(countyId, barcodes.slice(start, start + SCAN_BATCH));
    scanned += results.filter((result) => result.outcome === 'scanned').length;
  }
  return { scanned, shipmentsAtHub: await shipments.countByStatus(countyId, 'at_hub') };
}
