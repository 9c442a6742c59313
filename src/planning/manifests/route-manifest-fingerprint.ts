import { countyVersionsSql } from '../../counties/counties.service';
import { driverVersionsSql } from '../../fleet/drivers.service';
import { vehicleVersionsSql } from '../../fleet/vehicles.service';
import { nodeVersionsSql } from '../../network/network-query.service';
import { shipmentVersionsSql } from '../../shipments/shipments-query.service';

/**
 * SQL, for routes `r` of plans `p`: the laterals and the column `fingerprint` that together name the
 * version of everything a route's manifest prints (toRouteDriverManifest) — the plan's date and wave,
 * the route row (times, distance, vehicle, driver, status), its stops (order, places, ETAs, shipment
 * ids), the shipments and parcels on them (contacts, cash, barcodes, weights), the start and stop
 * places, the vehicle, the driver and the county — each by its rows' versions (rowVersionsSql), so any
 * writer's change shows at once. One index-driven read of ids and versions, no row is formatted: the
 * check a cached manifest costs. Whatever is added to the manifest must be added here; the cache test
 * (test/driver/manifest-cache.e2e.spec.ts) changes every printed input.
 */
export const ROUTE_MANIFEST_FINGERPRINT = {
  laterals: `
    CROSS JOIN LATERAL (
      SELECT coalesce(string_agg(s.id::text || ':' || s.xmin::text, ',' ORDER BY s.id), '') AS versions, coalesce(array_agg(s.node_id), '{}') AS node_ids
        FROM plan_stop s WHERE s.route_id = r.id) stops
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(DISTINCT shipment_id), '{}') AS ids FROM plan_stop s, unnest(s.shipment_ids) shipment_id WHERE s.route_id = r.id) shipments`,
  column: `md5(concat_ws('|', p.service_date::text, p.wave::text, r.xmin::text, stops.versions,
      ${nodeVersionsSql('array_append(stops.node_ids, r.start_node_id)')},
      ${shipmentVersionsSql('shipments.ids')},
      ${vehicleVersionsSql('ARRAY[r.vehicle_id]')}, ${driverVersionsSql('ARRAY[r.driver_id]')}, ${countyVersionsSql('ARRAY[p.county_id]')})) AS fingerprint`,
};
