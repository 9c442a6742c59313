import { isRoadClass, isSurface, RoadClass, Surface } from './road-types';

/**
 * OpenStreetMap `highway` values onto our road classes. Links take the class of the road they join;
 * `road` (unknown type) and `living_street` take the class a driver would treat them as.
 * Anything else (footway, path, cycleway, construction ...) is not drivable and has no mapping.
 */
const OSM_HIGHWAY_CLASS: Record<string, RoadClass> = {
  motorway: 'motorway',
  motorway_link: 'motorway',
  trunk: 'trunk',
  trunk_link: 'trunk',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  unclassified: 'unclassified',
  road: 'unclassified',
  residential: 'residential',
  living_street: 'residential',
  service: 'service',
  track: 'track',
};

/** OSM `surface` values onto our surfaces; unknown or uninformative values ('yes') give 'unknown'. */
const OSM_SURFACE: Record<string, Surface> = {
  paved: 'paved',
  asphalt: 'paved',
  concrete: 'paved',
  'concrete:plates': 'paved',
  'concrete:lanes': 'paved',
  paving_stones: 'paved',
  sett: 'paved',
  cobblestone: 'paved',
  chipseal: 'paved',
  metal: 'paved',
  wood: 'paved',
  unpaved: 'gravel',
  gravel: 'gravel',
  fine_gravel: 'gravel',
  compacted: 'gravel',
  pebblestone: 'gravel',
  dirt: 'dirt',
  earth: 'dirt',
  ground: 'dirt',
  mud: 'dirt',
  sand: 'dirt',
  grass: 'dirt',
};

/** Our class for an OSM highway value (or one of our own class names), or `null` if not drivable. */
export function roadClassFromOsmHighway(highway: string): RoadClass | null {
  const value = highway.trim().toLowerCase();
  return OSM_HIGHWAY_CLASS[value] ?? (isRoadClass(value) ? value : null);
}

/** Our surface for an OSM surface value (or one of our own names); never fails. */
export function surfaceFromOsm(surface: string): Surface {
  const value = surface.trim().toLowerCase();
  if (isSurface(value)) return value;
  return OSM_SURFACE[value] ?? 'unknown';
}
