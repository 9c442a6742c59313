import { ApiProperty } from '@nestjs/swagger';
import { notFound } from '../../infra/errors/domain-error';
import { instantToLocalIso } from '../planner/local-time';
import { ManifestNode, toManifestNode } from '../plan-manifest.response';
import { ManifestShipment, RouteManifestSource, stopShipments } from './driver-manifest';
import type { PlanManifestSource } from './manifest-source.service';

export class HandoverSheet {
  @ApiProperty({ type: ManifestNode }) station!: ManifestNode;
  @ApiProperty({ description: 'the trunk run that calls at the station' }) trunk!: {
    routeId: string;
    routeNumber: number;
    vehicleCode: string;
    driver: { name: string; phone: string } | null;
  };
  @ApiProperty({ example: '2026-11-30T08:12:00+08:00' }) arrivalAt!: string;
  @ApiProperty({ example: '2026-11-30T08:30:00+08:00' }) departureAt!: string;
  @ApiProperty({ type: [ManifestShipment], description: 'what the trunk drops at the station for its last-mile runs' }) drops!: ManifestShipment[];
  @ApiProperty({ type: [ManifestShipment], description: 'what the trunk takes back to the county hub (produce pickups)' }) takesBack!: ManifestShipment[];
  @ApiProperty() totals!: { parcelsDropped: number; parcelsTakenBack: number; cashOnDeliveryFen: number };
}

export class HandoverSheetsResponse {
  @ApiProperty() county!: { id: string; name: string; adminCode: string; timeZone: string };
  @ApiProperty() plan!: { id: string; serviceDate: string; wave: number };
  @ApiProperty({ type: [HandoverSheet] }) sheets!: HandoverSheet[];
}

const parcelCount = (shipments: ManifestShipment[]) => shipments.reduce((sum, shipment) => sum + shipment.parcels.length, 0);

function sheetsOfRoute(source: RouteManifestSource, maskPhones: boolean): HandoverSheet[] {
  const { route, county } = source;
  return (route.stops ?? [])
    .filter((stop) => stop.kind === 'station_transfer')
    .map((stop) => {
      const { deliveries, pickups } = stopShipments(stop, source, maskPhones);
      return {
        station: toManifestNode(source.nodesById.get(stop.nodeId)!),
        trunk: {
          routeId: route.id,
          routeNumber: route.routeNumber,
          vehicleCode: source.vehicle?.code ?? '',
          driver: source.driver && { name: source.driver.name, phone: source.driver.phone },
        },
        arrivalAt: instantToLocalIso(stop.arrivalAt, county.timeZone),
        departureAt: instantToLocalIso(stop.departureAt, county.timeZone),
        drops: deliveries,
        takesBack: pickups,
        totals: {
          parcelsDropped: parcelCount(deliveries),
          parcelsTakenBack: parcelCount(pickups),
          cashOnDeliveryFen: deliveries.reduce((sum, shipment) => sum + shipment.cashOnDeliveryFen, 0),
        },
      };
    });
}

/**
 * One sheet (交接单) per trunk call at a township station: the batch the trunk hands over, and the
 * produce it takes back. `station` (a node id or code) keeps one station's sheets; 404 when it has none.
 */
export function toHandoverSheets(source: PlanManifestSource, maskPhones: boolean, station?: string): HandoverSheetsResponse {
  let sheets = source.routes.filter((route) => route.route.echelon === 'trunk').flatMap((route) => sheetsOfRoute(route, maskPhones));
  if (station !== undefined) {
    sheets = sheets.filter((sheet) => sheet.station.id === station || sheet.station.code === station);
    if (sheets.length === 0) throw notFound('hand-over sheet of station', station);
  }
  const { plan } = source;
  return { county: source.county, plan: { id: plan.id, serviceDate: plan.serviceDate, wave: plan.wave }, sheets };
}
