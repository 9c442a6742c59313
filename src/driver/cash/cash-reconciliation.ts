import { ApiProperty } from '@nestjs/swagger';
import type { RouteContext } from '../../planning/driver-routes.service';
import type { ReportedParcel } from '../../shipments/parcel-reports.service';
import { parcelOutcomes } from '../events/parcel-outcomes';
import type { StoredDriverEvent } from '../events/stored-events.service';

export const COD_OUTCOMES = ['delivered', 'failed', 'open'] as const;

export class CodParcelLine {
  @ApiProperty({ format: 'uuid' }) driverId!: string;
  @ApiProperty() driverName!: string;
  @ApiProperty() routeNumber!: number;
  @ApiProperty({ format: 'uuid' }) routeId!: string;
  @ApiProperty() barcode!: string;
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ description: 'on the manifest, fen' }) cashOnDeliveryFen!: number;
  @ApiProperty({ enum: COD_OUTCOMES }) outcome!: (typeof COD_OUTCOMES)[number];
  @ApiProperty({ description: 'reported taken, fen (0 unless delivered)' }) collectedFen!: number;
  @ApiProperty({ type: String, nullable: true, description: 'local time with offset' }) deliveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) proofKind!: string | null;
}

export class DriverCashSummary {
  @ApiProperty({ format: 'uuid' }) driverId!: string;
  @ApiProperty() driverName!: string;
  @ApiProperty() routes!: number;
  @ApiProperty({ description: 'parcels with cash on delivery on the driver’s manifests' }) parcels!: number;
  @ApiProperty({ description: 'cash on delivery on the manifests, fen' }) expectedFen!: number;
  @ApiProperty({ description: 'cash on delivery of the parcels delivered, fen: what the driver owes' }) dueFen!: number;
  @ApiProperty({ description: 'what the driver reported taking, fen' }) collectedFen!: number;
  @ApiProperty({ description: 'collected − due: negative is short, positive is over' }) differenceFen!: number;
  @ApiProperty({ description: 'expected − due: cash of parcels not delivered (failed or still open)' }) outstandingFen!: number;
}

export class CashReconciliationResponse {
  @ApiProperty() serviceDate!: string;
  @ApiProperty({ type: [DriverCashSummary] }) drivers!: DriverCashSummary[];
  @ApiProperty({ description: 'sums over the drivers, fen' }) totals!: { expectedFen: number; dueFen: number; collectedFen: number; differenceFen: number; outstandingFen: number };
  @ApiProperty({ type: [CodParcelLine] }) parcels!: CodParcelLine[];
}

export interface CashInput {
  serviceDate: string;
  routes: readonly RouteContext[];
  parcelsByShipment: ReadonlyMap<string, readonly ReportedParcel[]>;
  events: readonly StoredDriverEvent[];
  driverNames: ReadonlyMap<string, string>;
  local: (ms: number) => string;
}

/**
 * Cash on delivery per driver for a day, reconciled against the manifests: each parcel with cash to
 * collect on a village stop of the driver's routes, and what its delivery (the first delivered report
 * by corrected time, then id) says was taken. A function of the set of reports, like every derived figure.
 */
export function reconcileCash(input: CashInput): CashReconciliationResponse {
  const directions = new Map([...input.parcelsByShipment.values()].flat().map((parcel) => [parcel.parcelId, parcel.direction]));
  const outcomes = parcelOutcomes(input.events, directions);
  const lines: CodParcelLine[] = [];
  for (const route of input.routes) {
    if (route.driverId === null) continue;
    for (const stop of route.stops.filter((candidate) => candidate.kind === 'village')) {
      for (const parcel of stop.shipmentIds.flatMap((id) => input.parcelsByShipment.get(id) ?? [])) {
        if (parcel.direction !== 'inbound' || parcel.cashOnDeliveryFen === 0) continue;
        const outcome = outcomes.get(parcel.parcelId);
        const delivery = outcome?.delivery ?? null;
        lines.push({
          driverId: route.driverId,
          driverName: input.driverNames.get(route.driverId) ?? '',
          routeNumber: route.routeNumber,
          routeId: route.id,
          barcode: parcel.barcode,
          shipmentId: parcel.shipmentId,
          cashOnDeliveryFen: parcel.cashOnDeliveryFen,
          outcome: delivery ? 'delivered' : outcome?.failed ? 'failed' : 'open',
          collectedFen: delivery ? (delivery.cashCollectedFen ?? parcel.cashOnDeliveryFen) : 0,
          deliveredAt: delivery && input.local(delivery.occurredAtMs),
          proofKind: delivery?.proofKind ?? null,
        });
      }
    }
  }
  const drivers = [...new Set(input.routes.flatMap((route) => (route.driverId === null ? [] : [route.driverId])))].map((driverId) => summarize(driverId, input, lines));
  drivers.sort((a, b) => (a.driverName < b.driverName ? -1 : a.driverName > b.driverName ? 1 : a.driverId < b.driverId ? -1 : 1));
  const total = (pick: (summary: DriverCashSummary) => number) => drivers.reduce((sum, summary) => sum + pick(summary), 0);
  return {
    serviceDate: input.serviceDate,
    drivers,
    totals: {
      expectedFen: total((summary) => summary.expectedFen),
      dueFen: total((summary) => summary.dueFen),
      collectedFen: total((summary) => summary.collectedFen),
      differenceFen: total((summary) => summary.differenceFen),
      outstandingFen: total((summary) => summary.outstandingFen),
    },
    parcels: lines,
  };
}

function summarize(driverId: string, input: CashInput, lines: readonly CodParcelLine[]): DriverCashSummary {
  const own = lines.filter((line) => line.driverId === driverId);
  const delivered = own.filter((line) => line.outcome === 'delivered');
  const expectedFen = own.reduce((sum, line) => sum + line.cashOnDeliveryFen, 0);
  const dueFen = delivered.reduce((sum, line) => sum + line.cashOnDeliveryFen, 0);
  const collectedFen = delivered.reduce((sum, line) => sum + line.collectedFen, 0);
  return {
    driverId,
    driverName: input.driverNames.get(driverId) ?? '',
    routes: input.routes.filter((route) => route.driverId === driverId).length,
    parcels: own.length,
    expectedFen,
    dueFen,
    collectedFen,
    differenceFen: collectedFen - dueFen,
    outstandingFen: expectedFen - dueFen,
  };
}
