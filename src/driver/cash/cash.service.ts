import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { CountiesService } from '../../counties/counties.service';
import { DriversService } from '../../fleet/drivers.service';
import { validationFailed } from '../../infra/errors/domain-error';
import { DriverRoutesService } from '../../planning/driver-routes.service';
import { instantToLocalIso } from '../../planning/planner/local-time';
import { ParcelReportsService } from '../../shipments/parcel-reports.service';
import { StoredEventsService } from '../events/stored-events.service';
import { CashReconciliationResponse, reconcileCash } from './cash-reconciliation';

const CSV_COLUMNS = [
  'service_date',
  'driver_name',
  'route_number',
  'barcode',
  'shipment_id',
  'cash_on_delivery_fen',
  'outcome',
  'collected_fen',
  'difference_fen',
  'delivered_at',
  'proof_kind',
];

/** Loads a county day's routes, parcels and reports for reconcileCash(), and writes its CSV. */
@Injectable()
export class CashService {
  constructor(
    private readonly routes: DriverRoutesService,
    private readonly parcels: ParcelReportsService,
    private readonly events: StoredEventsService,
    private readonly drivers: DriversService,
    private readonly counties: CountiesService,
  ) {}

  async reconcile(countyId: string, serviceDate: string): Promise<CashReconciliationResponse> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate) || Number.isNaN(Date.parse(`${serviceDate}T00:00:00Z`))) {
      throw validationFailed(`date ${serviceDate} is not a date`, [{ field: 'date', message: 'must be a date, YYYY-MM-DD' }]);
    }
    const routes = await this.routes.routesOfDay(countyId, serviceDate);
    const shipmentIds = [...new Set(routes.flatMap((route) => route.stops.flatMap((stop) => stop.shipmentIds)))];
    const { timeZone } = await this.counties.get(countyId);
    return reconcileCash({
      serviceDate,
      routes,
      parcelsByShipment: await this.parcels.parcelsOf(countyId, shipmentIds),
      events: await this.events.ofRoutes(routes.map((route) => route.id)),
      driverNames: new Map((await this.drivers.list(countyId)).map((driver) => [driver.id, driver.name])),
      local: (ms) => instantToLocalIso(new Date(ms), timeZone),
    });
  }

  /** One row per parcel with cash on delivery, UTF-8 with a byte-order mark (Excel), money in fen. */
  csv(reconciliation: CashReconciliationResponse): string {
    const rows = reconciliation.parcels.map((line) => [
      reconciliation.serviceDate,
      line.driverName,
      line.routeNumber,
      line.barcode,
      line.shipmentId,
      line.cashOnDeliveryFen,
      line.outcome,
      line.collectedFen,
      line.outcome === 'delivered' ? line.collectedFen - line.cashOnDeliveryFen : 0,
      line.deliveredAt ?? '',
      line.proofKind ?? '',
    ]);
    return stringify(rows, { header: true, columns: CSV_COLUMNS, bom: true });
  }
}
