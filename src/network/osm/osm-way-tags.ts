import { roadClassFromOsmHighway, surfaceFromOsm } from '@rural-dispatch/routing';
import type { RoadClass, RoadSurface } from '../road-segment.entity';

/**
 * What the travel-time model needs from one OSM way's tags. The table in docs/osm-import.md says the
 * same; keep the two in step.
 */
export interface DrivableWayAttributes {
  roadClass: RoadClass;
  surface: RoadSurface;
  /** `forward`: only along the way's node order; `backward`: only against it (`oneway=-1`). */
  direction: 'both' | 'forward' | 'backward';
  /** `maxspeed` in km/h when it is a number (km/h or mph); the model's class speeds already sit below most limits. */
  maxSpeedKmh: number | null;
}

/** `access` / `motor_vehicle` / `motorcar` values that shut out delivery vehicles. */
const NO_ACCESS = new Set(['no', 'private']);

/** `tracktype` when `surface` is absent: grade1 is paved, grade2 gravel, grade3 to grade5 earth. */
const TRACKTYPE_SURFACE: Record<string, RoadSurface> = { grade1: 'paved', grade2: 'gravel', grade3: 'dirt', grade4: 'dirt', grade5: 'dirt' };

const ONEWAY_FORWARD = new Set(['yes', 'true', '1']);
const ONEWAY_BACKWARD = new Set(['-1', 'reverse']);
const KMH_PER_MPH = 1.609344;

/** The way's attributes, or `null` when it is not a road a motor vehicle may use. */
export function drivableWayAttributes(tags: Readonly<Record<string, string>>): DrivableWayAttributes | null {
  const highway = tags.highway;
  if (!highway || tags.area === 'yes' || isShutOut(tags)) return null;
  // The library's table holds the drivable values (motorway … track, links, road, living_street);
  // paths, footways, steps, cycleways, pedestrian streets and construction have no class.
  const roadClass = roadClassFromOsmHighway(highway);
  if (!roadClass) return null;
  return { roadClass, surface: surfaceOf(tags), direction: directionOf(tags, highway), maxSpeedKmh: maxSpeedKmh(tags.maxspeed) };
}

/** The most specific tag wins: `motor_vehicle=yes` reopens a way that `access=no` closes, and the reverse. */
function isShutOut(tags: Readonly<Record<string, string>>): boolean {
  for (const key of ['motorcar', 'motor_vehicle', 'vehicle', 'access']) {
    const value = tags[key];
    if (value !== undefined) return NO_ACCESS.has(value);
  }
  return false;
}

function surfaceOf(tags: Readonly<Record<string, string>>): RoadSurface {
  if (tags.surface !== undefined) return surfaceFromOsm(tags.surface);
  return TRACKTYPE_SURFACE[tags.tracktype ?? ''] ?? 'unknown';
}

/** Motorways and roundabouts are one-way unless tagged otherwise. */
function directionOf(tags: Readonly<Record<string, string>>, highway: string): DrivableWayAttributes['direction'] {
  const oneway = tags.oneway;
  if (oneway !== undefined) {
    if (ONEWAY_FORWARD.has(oneway)) return 'forward';
    if (ONEWAY_BACKWARD.has(oneway)) return 'backward';
    return 'both';
  }
  const impliedOneWay = highway === 'motorway' || highway === 'motorway_link' || tags.junction === 'roundabout' || tags.junction === 'circular';
  return impliedOneWay ? 'forward' : 'both';
}

/** `50`, `50 km/h`, `30 mph`; anything else (`signals`, `none`, `FR:urban`) is unknown. */
export function maxSpeedKmh(value: string | undefined): number | null {
  const match = value?.trim().match(/^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph)?$/i);
  if (!match) return null;
  const speed = Number(match[1]) * (match[2]?.toLowerCase() === 'mph' ? KMH_PER_MPH : 1);
  return speed > 0 ? Math.round(speed) : null;
}
