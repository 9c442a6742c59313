import { ApiProperty } from '@nestjs/swagger';
import type { NetworkNode } from '../network/network-node.entity';
import type { Vehicle } from '../fleet/vehicle.entity';
import { PlanRoute } from './plan-route.entity';

export class ManifestNode {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['county_hub', 'township_station', 'village_point'] }) tier!: string;
  @ApiProperty({ description: 'GeoJSON position [longitude, latitude]', type: [Number] }) coordinates!: number[];
}

export class ManifestStop {
  @ApiProperty() sequence!: number;
  @ApiProperty({ type: ManifestNode }) node!: ManifestNode;
  @ApiProperty({ enum: ['station_transfer', 'village'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) arrivalAt!: string;
  @ApiProperty({ format: 'date-time' }) departureAt!: string;
  @ApiProperty() parcelsToDeliver!: number;
  @ApiProperty() parcelsToPickUp!: number;
  @ApiProperty() weightToDeliverG!: number;
  @ApiProperty() weightToPickUpG!: number;
  @ApiProperty({ type: [String], description: 'shipments handed over or collected at this stop' }) shipmentIds!: string[];
}

export class RouteManifest {
  @ApiProperty({ format: 'uuid' }) routeId!: string;
  @ApiProperty() routeNumber!: number;
  @ApiProperty({ enum: ['trunk', 'last_mile'] }) echelon!: string;
  @ApiProperty({ description: '{ id, code, vehicleClass }' }) vehicle!: { id: string; code: string; vehicleClass: string };
  @ApiProperty({ type: ManifestNode }) start!: ManifestNode;
  @ApiProperty({ format: 'date-time' }) departureAt!: string;
  @ApiProperty({ format: 'date-time' }) returnAt!: string;
  @ApiProperty() distanceM!: number;
  @ApiProperty() parcelsToLoad!: number;
  @ApiProperty({ type: [ManifestStop] }) stops!: ManifestStop[];
}

export class PlanManifestsResponse {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() serviceDate!: string;
  @ApiProperty() wave!: number;
  @ApiProperty({ type: [RouteManifest] }) routes!: RouteManifest[];
}

export function toManifestNode(node: NetworkNode): ManifestNode {
  return { id: node.id, code: node.code, name: node.name, tier: node.tier, coordinates: node.location.coordinates };
}

/** A driver's sheet per route: the vehicle, where to start, and each stop in order with its parcels. */
export function toRouteManifest(route: PlanRoute, nodesById: Map<string, NetworkNode>, vehiclesById: Map<string, Vehicle>): RouteManifest {
  const vehicle = vehiclesById.get(route.vehicleId);
  return {
    routeId: route.id,
    routeNumber: route.routeNumber,
    echelon: route.echelon,
    vehicle: { id: route.vehicleId, code: vehicle?.code ?? '', vehicleClass: vehicle?.vehicleClass ?? '' },
    start: toManifestNode(nodesById.get(route.startNodeId)!),
    departureAt: route.departureAt.toISOString(),
    returnAt: route.returnAt.toISOString(),
    distanceM: route.distanceM,
    parcelsToLoad: route.parcelsDelivered,
    stops: (route.stops ?? []).map((stop) => ({
      sequence: stop.sequence,
      node: toManifestNode(nodesById.get(stop.nodeId)!),
      kind: stop.kind,
      arrivalAt: stop.arrivalAt.toISOString(),
      departureAt: stop.departureAt.toISOString(),
      parcelsToDeliver: stop.parcelsDelivered,
      parcelsToPickUp: stop.parcelsPickedUp,
      weightToDeliverG: stop.weightDeliveredG,
      weightToPickUpG: stop.weightPickedUpG,
      shipmentIds: stop.shipmentIds,
    })),
  };
}
