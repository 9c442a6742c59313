import { stringify } from 'csv-stringify/sync';
import type { ManifestShipment, RouteDriverManifest } from './driver-manifest';
import type { HandoverSheetsResponse } from './handover-sheet';

/** What every row ends with: the action (delivery/pickup, drop/take_back) and the parcel; parcelRows() fills them. */
const PARCEL_COLUMNS = ['action', 'platform_shipment_id', 'barcode', 'weight_g', 'contact_name', 'contact_phone', 'cash_on_delivery_fen'];

/** One row per parcel, UTF-8 with a byte-order mark so that Excel shows the Chinese; a spreadsheet filters it by route, stop or action. Times are local with offset, money in fen. */
const ROUTE_COLUMNS = ['route_number', 'vehicle_code', 'driver_name', 'stop_sequence', 'stop_kind', 'place_code', 'place_name', 'longitude', 'latitude', 'eta', ...PARCEL_COLUMNS];

const HANDOVER_COLUMNS = [
  'station_code',
  'station_name',
  'trunk_route_number',
  'vehicle_code',
  'arrival_at',
  'village_code',
  'village_name',
  'action',
  'platform_shipment_id',
  'barcode',
  'weight_g',
  'contact_name',
  'contact_phone',
  'cash_on_delivery_fen',
];

function parcelRows(shipments: ManifestShipment[], action: string, prefix: unknown[]): unknown[][] {
  return shipments.flatMap((shipment) =>
    shipment.parcels.map((parcel) => [
      ...prefix,
      action,
      shipment.platformShipmentId,
      parcel.barcode,
      parcel.weightG,
      shipment.contact.name,
      shipment.contact.phone,
      parcel.cashOnDeliveryFen,
    ]),
  );
}

export function routeManifestsCsv(manifests: RouteDriverManifest[]): string {
  const rows = manifests.flatMap((manifest) =>
    manifest.stops.flatMap((stop) => {
      const [longitude, latitude] = stop.place.coordinates;
      const prefix = [
        manifest.route.routeNumber,
        manifest.vehicle.code,
        manifest.driver?.name ?? '',
        stop.sequence,
        stop.kind,
        stop.place.code,
        stop.place.name,
        longitude,
        latitude,
        stop.arrivalAt,
      ];
      return [...parcelRows(stop.deliveries, 'delivery', prefix), ...parcelRows(stop.pickups, 'pickup', prefix)];
    }),
  );
  return stringify(rows, { header: true, columns: ROUTE_COLUMNS, bom: true });
}

export function handoverSheetsCsv(response: HandoverSheetsResponse): string {
  const rows = response.sheets.flatMap((sheet) => {
    const prefix = [sheet.station.code, sheet.station.name, sheet.trunk.routeNumber, sheet.trunk.vehicleCode, sheet.arrivalAt];
    const withVillage = (shipment: ManifestShipment) => [...prefix, shipment.village?.code ?? '', shipment.village?.name ?? ''];
    return [
      ...sheet.drops.flatMap((shipment) => parcelRows([shipment], 'drop', withVillage(shipment))),
      ...sheet.takesBack.flatMap((shipment) => parcelRows([shipment], 'take_back', withVillage(shipment))),
    ];
  });
  return stringify(rows, { header: true, columns: HANDOVER_COLUMNS, bom: true });
}
