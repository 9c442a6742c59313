import { RoadClass, RoadSurface } from './road-segment.entity';

/** The road_segment columns that say how a road drives, for raw SQL select lists. */
export const ROAD_TRAVEL_COLUMNS = 'length_m, road_class, surface, climb_m, descent_m, one_way';

/** Those columns as raw SQL returns them. */
export interface RoadTravelRow {
  length_m: number;
  road_class: RoadClass;
  surface: RoadSurface;
  climb_m: number;
  descent_m: number;
  one_way: boolean;
}

/** The same attributes under the names the GeoJSON format and the routing graph use. */
export function roadTravelAttributes(row: RoadTravelRow): { lengthM: number; roadClass: RoadClass; surface: RoadSurface; climbM: number; descentM: number; oneWay: boolean } {
  return { lengthM: row.length_m, roadClass: row.road_class, surface: row.surface, climbM: row.climb_m, descentM: row.descent_m, oneWay: row.one_way };
}
