import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { DataSource } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { ROAD_TRAVEL_COLUMNS, roadTravelAttributes, RoadTravelRow } from './road-travel-columns';

interface NodeRow {
  code: string;
  tier: string;
  parent: string | null;
  name: string;
  admin_code: string | null;
  lon: number;
  lat: number;
  elevation_m: number | null;
  opening_hours: unknown[] | null;
  service_calendar: unknown | null;
  service_time_s: number;
  storage_capacity_parcels: number | null;
  synthetic_location: boolean;
}

interface RoadRow extends RoadTravelRow {
  external_id: string;
  from_vertex: string;
  to_vertex: string;
  geometry: LineString;
  closures: unknown[];
  synthetic: boolean;
}

/** Drops null properties, so an exported feature is exactly what the import accepts. */
function withoutNulls(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null));
}

/** The county's network as the same FeatureCollection the import takes (docs/network-geojson.md), so it round-trips. */
@Injectable()
export class NetworkExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
  ) {}

  async exportFeatureCollection(countyId: string): Promise<FeatureCollection<Point | LineString>> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.counties.networkVersion(manager, countyId); // 404 for an unknown county
      const nodes: NodeRow[] = await manager.query(
        `SELECT n.code, n.tier, p.code AS parent, n.name, n.admin_code, ST_X(n.location) AS lon, ST_Y(n.location) AS lat,
                n.elevation_m, n.opening_hours, n.service_calendar, n.service_time_s, n.storage_capacity_parcels, n.synthetic_location
           FROM network_node n LEFT JOIN network_node p ON p.id = n.parent_id
          WHERE n.county_id = $1 ORDER BY n.tier, n.code`,
        [countyId],
      );
      // 15 significant decimals: ST_AsGeoJSON's default of 9 would move imported points.
      const roads: RoadRow[] = await manager.query(
        `SELECT external_id, from_vertex, to_vertex, ST_AsGeoJSON(geometry, 15)::json AS geometry, ${ROAD_TRAVEL_COLUMNS},
                closures, synthetic
           FROM road_segment WHERE county_id = $1 ORDER BY external_id`,
        [countyId],
      );
      return { type: 'FeatureCollection', features: [...nodes.map(toNodeFeature), ...roads.map(toRoadFeature)] };
    });
  }
}

function toNodeFeature(row: NodeRow): Feature<Point> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
    properties: withoutNulls({
      kind: 'node',
      tier: row.tier,
      code: row.code,
      parent: row.parent,
      name: row.name,
      adminCode: row.admin_code,
      elevationM: row.elevation_m,
      serviceTimeS: row.service_time_s,
      storageCapacityParcels: row.storage_capacity_parcels,
      openingHours: row.opening_hours,
      serviceCalendar: row.service_calendar,
      syntheticLocation: row.synthetic_location,
    }),
  };
}

function toRoadFeature(row: RoadRow): Feature<LineString> {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: row.geometry.coordinates },
    properties: {
      kind: 'road',
      id: row.external_id,
      from: row.from_vertex,
      to: row.to_vertex,
      ...roadTravelAttributes(row),
      closures: row.closures,
      synthetic: row.synthetic,
    },
  };
}
