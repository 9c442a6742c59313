import type { RouteContext, RouteStopContext } from '../../planning/driver-routes.service';
import { ShipmentDirection, ShipmentStatus } from '../../shipments/shipment-status';
import { DriverEventType } from './driver-event-types';

/** A shipment an event concerns, and the status it implies for that shipment's parcels (one parcel, or all of them). */
export interface EventLink {
  shipmentId: string;
  parcelId: string | null;
  impliedStatus: ShipmentStatus | null;
}

/** The stop of the route that drops or collects the shipment, if any. */
export function stopCarrying(route: RouteContext, shipmentId: string): RouteStopContext | undefined {
  return route.stops.find((stop) => stop.shipmentIds.includes(shipmentId));
}

/**
 * What a parcel event implies for its parcel. Inbound: handed over at a township station (trunk) →
 * at_township; delivered; failed. Produce pickups: collected at the village → picked_up; taken from a
 * township station by the trunk → at_township; handed over at the run's base → at_township or at_hub.
 * Null when the event says nothing about where the parcel is (a failed pickup: it stays requested).
 */
export function parcelEventStatus(type: DriverEventType, direction: ShipmentDirection, stop: RouteStopContext, route: RouteContext): ShipmentStatus | null {
  if (direction === 'inbound') {
    if (type === 'delivered') return 'delivered';
    if (type === 'failed') return 'failed';
    if (type === 'handed_to_station') return 'at_township';
    return null;
  }
  if (type === 'picked_up') return stop.kind === 'village' ? 'picked_up' : 'at_township';
  if (type === 'handed_to_station') return route.startTier === 'county_hub' ? 'at_hub' : 'at_township';
  return null;
}

/**
 * Leaving the route's base puts every inbound shipment it carries on its way: in transit to a township
 * station (the trunk), or out for delivery to a village. It says nothing of pickups, not yet collected.
 */
export function departureLinks(route: RouteContext, directions: ReadonlyMap<string, ShipmentDirection>): EventLink[] {
  const links: EventLink[] = [];
  for (const stop of route.stops) {
    for (const shipmentId of stop.shipmentIds) {
      if (directions.get(shipmentId) !== 'inbound') continue;
      links.push({ shipmentId, parcelId: null, impliedStatus: stop.kind === 'station_transfer' ? 'in_transit' : 'out_for_delivery' });
    }
  }
  return links;
}

/** Which parcel events fit which parcel on which stop; anything else is refused as type_not_for_parcel. */
export function parcelEventFits(type: DriverEventType, direction: ShipmentDirection, stop: RouteStopContext): boolean {
  switch (type) {
    case 'delivered':
      return direction === 'inbound' && stop.kind === 'village';
    case 'failed':
      return stop.kind === 'village';
    case 'picked_up':
      return direction === 'outbound_pickup';
    case 'handed_to_station':
      return direction === 'outbound_pickup' || stop.kind === 'station_transfer';
    default:
      return true;
  }
}
