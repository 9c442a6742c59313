import { haversineM } from '../graph/geodesy';
import { ProfileMatrices } from '../model/problem';

/** Road distance over great-circle distance: a documented stand-in for a routing engine. */
export const CIRCUITY_FACTOR = 1.3;
/** Assumed average road speed when no duration matrix is given. */
export const ASSUMED_SPEED_KMH = 40;

/**
 * Integer matrices from coordinates alone ([lon, lat]): distance = great-circle (the library's one
 * haversine, graph/geodesy.ts) × circuity, rounded to metres;
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
      const [lonA, latA] = coordinates[i];
      const [lonB, latB] = coordinates[j];
      const road = haversineM(lonA, latA, lonB, latB) * CIRCUITY_FACTOR;
      distanceM[i * size + j] = Math.round(road);
      durationS[i * size + j] = Math.round(road / metresPerSecond);
    }
  }
  return { size, distanceM, durationS };
}
