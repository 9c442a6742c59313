import { ApiProperty } from '@nestjs/swagger';
import type { Driver } from '../../fleet/driver.entity';
import type { Vehicle } from '../../fleet/vehicle.entity';
import type { NetworkNode } from '../../network/network-node.entity';
import type { ShipmentParcel } from '../../shipments/shipment-parcel.entity';
import type { Shipment } from '../../shipments/shipment.entity';
import { maskPhone } from '../../shipments/shipment.response';
import { instantToLocalIso } from '../planner/local-time';
import type { PlanRoute } from '../plan-route.entity';
import type { PlanStop } from '../plan-stop.entity';
import type { Plan } from '../plan.entity';
import { ManifestNode, toManifestNode } from '../plan-manifest.response';

export class ManifestParcel {
  @ApiProperty({ example: 'JD0001234567-1', description: 'printed as Code 128 on the PDF' }) barcode!: string;
  @ApiProperty() weightG!: number;
  @ApiProperty({ description: 'cash to collect for this parcel, fen' }) cashOnDeliveryFen!: number;
}

export class ManifestShipment {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ description: "the platform's shipment id" }) platformShipmentId!: string;
  @ApiProperty({ enum: ['inbound', 'outbound_pickup'] }) direction!: string;
  @ApiProperty({ nullable: true, description: 'the village point it goes to or comes from: { code, name }' }) village!: { code: string; name: string } | null;
  @ApiProperty({ description: 'recipient (delivery) or sender (pickup); the phone is masked for the viewer role' }) contact!: { name: string; phone: string };
  @ApiProperty({ description: 'cash to collect for the shipment, fen' }) cashOnDeliveryFen!: number;
  @ApiProperty({ type: [ManifestParcel] }) parcels!: ManifestParcel[];
}

export class ManifestStop {
  @ApiProperty({ format: 'uuid', description: "the stop's id, which a driver's reports name; it stays when a dispatched route's plan is revised" }) id!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ enum: ['station_transfer', 'village'] }) kind!: string;
  @ApiProperty({ type: ManifestNode }) place!: ManifestNode;
  @ApiProperty({ example: '2026-11-30T08:12:00+08:00', description: "ETA, county's local time with offset" }) arrivalAt!: string;
  @ApiProperty({ example: '2026-11-30T08:20:00+08:00' }) departureAt!: string;
  @ApiProperty({ type: [ManifestShipment], description: 'handed over here' }) deliveries!: ManifestShipment[];
  @ApiProperty({ type: [ManifestShipment], description: 'collected here' }) pickups!: ManifestShipment[];
  @ApiProperty({ description: 'cash to collect at this stop, fen' }) cashOnDeliveryFen!: number;
}

export class RouteDriverManifest {
  @ApiProperty() county!: { id: string; name: string; adminCode: string; timeZone: string };
  @ApiProperty() plan!: { id: string; serviceDate: string; wave: number };
  @ApiProperty() route!: { id: string; routeNumber: number; echelon: string; departureAt: string; returnAt: string; distanceM: number };
  @ApiProperty() vehicle!: { id: string; code: string; vehicleClass: string };
  @ApiProperty({ nullable: true, description: "the route's driver (name, phone); null when none is assigned" }) driver!: { id: string; name: string; phone: string } | null;
  @ApiProperty({ type: ManifestNode }) start!: ManifestNode;
  @ApiProperty({ type: [ManifestStop] }) stops!: ManifestStop[];
  @ApiProperty() totals!: { parcelsToDeliver: number; parcelsToPickUp: number; cashOnDeliveryFen: number };
  @ApiProperty({ description: 'true when contact phones are masked for the caller role' }) phonesMasked!: boolean;
}

/** Everything one route's manifest is made of, loaded by ManifestSourceService. */
export interface RouteManifestSource {
  county: { id: string; name: string; adminCode: string; timeZone: string };
  plan: Plan;
  route: PlanRoute;
  vehicle: Vehicle | undefined;
  driver: Driver | null;
  nodesById: Map<string, NetworkNode>;
  shipmentsById: Map<string, { shipment: Shipment; parcels: ShipmentParcel[] }>;
}

function toManifestShipment(shipment: Shipment, parcels: ShipmentParcel[], nodesById: Map<string, NetworkNode>, maskPhones: boolean): ManifestShipment {
  const village = shipment.villageNodeId === null ? undefined : nodesById.get(shipment.villageNodeId);
  return {
    shipmentId: shipment.id,
    platformShipmentId: shipment.platformShipmentId,
    direction: shipment.direction,
    village: village ? { code: village.code, name: village.name } : null,
    contact: { name: shipment.contactName, phone: maskPhones ? maskPhone(shipment.contactPhone) : shipment.contactPhone },
    cashOnDeliveryFen: Number(shipment.cashOnDeliveryFen),
    parcels: parcels.map((parcel) => ({ barcode: parcel.barcode, weightG: parcel.weightG, cashOnDeliveryFen: Number(parcel.cashOnDeliveryFen) })),
  };
}

const sumCod = (shipments: ManifestShipment[]) => shipments.reduce((sum, shipment) => sum + shipment.cashOnDeliveryFen, 0);
const countParcels = (shipments: ManifestShipment[]) => shipments.reduce((sum, shipment) => sum + shipment.parcels.length, 0);

/** Splits a stop's shipments into what is handed over (inbound) and what is collected (produce pickups). */
export function stopShipments(stop: PlanStop, source: RouteManifestSource, maskPhones: boolean): { deliveries: ManifestShipment[]; pickups: ManifestShipment[] } {
  const deliveries: ManifestShipment[] = [];
  const pickups: ManifestShipment[] = [];
  for (const shipmentId of stop.shipmentIds) {
    const found = source.shipmentsById.get(shipmentId);
    if (!found) continue;
    const entry = toManifestShipment(found.shipment, found.parcels, source.nodesById, maskPhones);
    (found.shipment.direction === 'outbound_pickup' ? pickups : deliveries).push(entry);
  }
  return { deliveries, pickups };
}

/** A driver's sheet for one route: who drives what, and each stop in order with its parcels, recipients and cash to collect. */
export function toRouteDriverManifest(source: RouteManifestSource, maskPhones: boolean): RouteDriverManifest {
  const { county, plan, route, vehicle, driver, nodesById } = source;
  const local = (instant: Date) => instantToLocalIso(instant, county.timeZone);
  const stops: ManifestStop[] = (route.stops ?? []).map((stop) => {
    const { deliveries, pickups } = stopShipments(stop, source, maskPhones);
    return {
      id: stop.id,
      sequence: stop.sequence,
      kind: stop.kind,
      place: toManifestNode(nodesById.get(stop.nodeId)!),
      arrivalAt: local(stop.arrivalAt),
      departureAt: local(stop.departureAt),
      deliveries,
      pickups,
      cashOnDeliveryFen: sumCod(deliveries),
    };
  });
  return {
    county,
    plan: { id: plan.id, serviceDate: plan.serviceDate, wave: plan.wave },
    route: {
      id: route.id,
      routeNumber: route.routeNumber,
      echelon: route.echelon,
      departureAt: local(route.departureAt),
      returnAt: local(route.returnAt),
      distanceM: route.distanceM,
    },
    vehicle: { id: route.vehicleId, code: vehicle?.code ?? '', vehicleClass: vehicle?.vehicleClass ?? '' },
    driver: driver && { id: driver.id, name: driver.name, phone: driver.phone },
    start: toManifestNode(nodesById.get(route.startNodeId)!),
    stops,
    totals: {
      parcelsToDeliver: stops.reduce((sum, stop) => sum + countParcels(stop.deliveries), 0),
      parcelsToPickUp: stops.reduce((sum, stop) => sum + countParcels(stop.pickups), 0),
      cashOnDeliveryFen: stops.reduce((sum, stop) => sum + stop.cashOnDeliveryFen, 0),
    },
    phonesMasked: maskPhones,
  };
}
