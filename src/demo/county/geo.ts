/** The demo's geometry on @turf/turf (WGS 84 treated as a sphere; errors < 0.5 % at county scale). */
import { bboxPolygon, bearing, booleanPointInPolygon, destination, distance, length, lineString } from '@turf/turf';

/** [longitude, latitude] in degrees, GeoJSON order. */
export type LonLat = [number, number];

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const RAD = Math.PI / 180;
const METRES = { units: 'meters' } as const;

/** Great-circle distance in metres between two GeoJSON positions. */
export function haversineM(a: LonLat, b: LonLat): number {
  return distance(a, b, METRES);
}

/** Sum of the great-circle lengths of a polyline's segments, in metres. */
export function polylineLengthM(points: readonly LonLat[]): number {
  return points.length < 2 ? 0 : length(lineString(points as LonLat[]), METRES);
}

/** Initial great-circle bearing from `a` towards `b`, radians (0 = north, clockwise). */
export function initialBearingRad(a: LonLat, b: LonLat): number {
  return bearing(a, b) * RAD;
}

/** The point `distanceM` away from `origin` along the great circle leaving it at `bearingRad` (0 = north, clockwise). */
export function offsetPoint(origin: LonLat, bearingRad: number, distanceM: number): LonLat {
  return destination(origin, distanceM, bearingRad / RAD, METRES).geometry.coordinates as LonLat;
}

/** Rounds to 6 decimals (about 0.1 m), so output is stable and compact. */
export function roundLonLat(point: LonLat): LonLat {
  return [Math.round(point[0] * 1e6) / 1e6, Math.round(point[1] * 1e6) / 1e6];
}

/** Whether the point lies in the box, at least `marginM` from each edge (edges count as inside). */
export function insideBox(point: LonLat, box: BoundingBox, marginM = 0): boolean {
  const marginLat = marginM === 0 ? 0 : latitudeDegreesOf(marginM);
  const marginLon = marginM === 0 ? 0 : marginLat / Math.cos(point[1] * RAD);
  return booleanPointInPolygon(point, bboxPolygon([box.west + marginLon, box.south + marginLat, box.east - marginLon, box.north - marginLat]));
}

/** Degrees of latitude spanning `metres` (a meridian arc: the same everywhere on a sphere). */
function latitudeDegreesOf(metres: number): number {
  return Math.abs(destination([0, 0], metres, 0, METRES).geometry.coordinates[1]!);
}
