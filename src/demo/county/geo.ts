/** Small spherical-geometry helpers (WGS 84 treated as a sphere; errors < 0.5 % at county scale). */
import { EARTH_RADIUS_M, haversineM as greatCircleM } from '@rural-dispatch/routing';

export { EARTH_RADIUS_M };

/** [longitude, latitude] in degrees, GeoJSON order. */
export type LonLat = [number, number];

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two GeoJSON positions. */
export function haversineM(a: LonLat, b: LonLat): number {
  return greatCircleM(a[0], a[1], b[0], b[1]);
}

/** Sum of the great-circle lengths of a polyline's segments, in metres. */
export function polylineLengthM(points: readonly LonLat[]): number {
  let lengthM = 0;
  for (let i = 1; i < points.length; i++) lengthM += haversineM(points[i - 1], points[i]);
  return lengthM;
}

/**
 * The point `distanceM` away from `origin` towards `bearingRad` (0 = north, clockwise), on a local
 * equirectangular plane: exact enough for the few kilometres a village or a bend is moved.
 */
export function offsetPoint(origin: LonLat, bearingRad: number, distanceM: number): LonLat {
  const northM = distanceM * Math.cos(bearingRad);
  const eastM = distanceM * Math.sin(bearingRad);
  const lat = origin[1] + northM / (EARTH_RADIUS_M * RAD);
  const lon = origin[0] + eastM / (EARTH_RADIUS_M * RAD * Math.cos(origin[1] * RAD));
  return [lon, lat];
}

/** Rounds to 6 decimals (about 0.1 m), so output is stable and compact. */
export function roundLonLat(point: LonLat): LonLat {
  return [Math.round(point[0] * 1e6) / 1e6, Math.round(point[1] * 1e6) / 1e6];
}

export function insideBox(point: LonLat, box: BoundingBox, marginM = 0): boolean {
  const marginLat = marginM / (EARTH_RADIUS_M * RAD);
  const marginLon = marginLat / Math.cos(point[1] * RAD);
  return (
    point[0] >= box.west + marginLon &&
    point[0] <= box.east - marginLon &&
    point[1] >= box.south + marginLat &&
    point[1] <= box.north - marginLat
  );
}
