import { ApiProperty } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';

/** The counts of one day, or of the whole range. */
export class VillageHistoryCountsResponse {
  @ApiProperty({ description: 'parcels of the shipments delivered at the village' }) parcelsDelivered!: number;
  @ApiProperty({ description: 'shipments delivered at the village' }) shipmentsDelivered!: number;
  @ApiProperty({ description: 'produce parcels collected at the village' }) parcelsPickedUp!: number;
  @ApiProperty({ description: 'stops at the village in the plans in force (published or completed) of that service date' }) visits!: number;
  @ApiProperty({ description: 'delivery attempts reported failed (a shipment that fails twice counts twice)' }) failedDeliveries!: number;
}

export class VillageHistoryDayResponse extends VillageHistoryCountsResponse {
  @ApiProperty({ example: '2026-11-30', description: "a local date of the county's time zone" }) date!: string;
}

export class VillageHistoryResponse {
  @ApiProperty({ format: 'uuid' }) nodeId!: string;
  @ApiProperty({ example: '621225100201' }) code!: string;
  @ApiProperty({ example: '石堡村' }) name!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30', description: "the county's today" }) to!: string;
  @ApiProperty({ type: [VillageHistoryDayResponse], description: 'one row per day from `from` to `to`, oldest first, days without anything included' })
  daily!: VillageHistoryDayResponse[];
  @ApiProperty({ type: VillageHistoryCountsResponse }) totals!: VillageHistoryCountsResponse;
}

const COLUMNS = ['parcelsDelivered', 'shipmentsDelivered', 'parcelsPickedUp', 'visits', 'failedDeliveries'] as const;
const HEADER = ['date', 'parcels_delivered', 'shipments_delivered', 'parcels_picked_up', 'visits', 'failed_deliveries'];

/** One row per day, then a `total` row. */
export function villageHistoryCsv(history: VillageHistoryResponse): string {
  const rows: Array<Array<string | number>> = [HEADER];
  for (const day of history.daily) rows.push([day.date, ...COLUMNS.map((column) => day[column])]);
  rows.push(['total', ...COLUMNS.map((column) => history.totals[column])]);
  return stringify(rows);
}

export function sumCounts(days: readonly VillageHistoryCountsResponse[]): VillageHistoryCountsResponse {
  const totals: VillageHistoryCountsResponse = { parcelsDelivered: 0, shipmentsDelivered: 0, parcelsPickedUp: 0, visits: 0, failedDeliveries: 0 };
  for (const day of days) for (const column of COLUMNS) totals[column] += day[column];
  return totals;
}
