import { ProfileMatrices } from '../model/problem';

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
/** Road distance over great-circle distance: a documented stand-in for a routing engine. */
export const CIRCUITY_FACTOR = 1.3;
/** Assumed average road speed when no duration matrix is given. */
export const ASSUMED_SPEED_KMH = 40;

/** Great-circle distance in metres between two [lon, lat] points (haversine). */
export function greatCircleM(a: [number, number], b: [number, number]): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Integer matrices from coordinates alone: distance = great-circle × circuity, rounded to metres;
 * duration = that distance at the assumed speed, rounded to seconds.
 */
export function coordinateMatrices(coordinates: Array<[number, number]>): ProfileMatrices {
  const size = coordinates.length;
  const distanceM = new Int32Array(size * size);
  const durationS = new Int32Array(size * size);
  const metresPerSecond = (ASSUMED_SPEED_KMH * 1000) / 3600;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) continue;
      const road = greatCircleM(coordinates[i], coordinates[j]) * CIRCUITY_FACTOR;
      distanceM[i * size + j] = Math.round(road);
      durationS[i * size + j] = Math.round(road / metresPerSecond);
    }
  }
  return { size, distanceM, durationS };
}
