import { RoadMatrix } from './distance-matrix';
import { assertLonLat, haversineM, LonLat } from './geodesy';
import { VehicleClass } from './road-types';

/**
 * Road distance over straight-line distance in mountain terrain: valley roads wind, and switchbacks
 * climb. Flat, gridded plains sit near 1.2-1.3; 1.6 is a deliberately cautious mountain default.
 */
export const MOUNTAIN_CIRCUITY_FACTOR = 1.6;

/** Average door-to-door speed on mixed mountain roads (climbs, villages, bends), km/h. */
export const FALLBACK_AVERAGE_SPEED_KMH: Record<VehicleClass, number> = {
  truck: 32,
  van: 38,
  tricycle: 18,
  motorcycle: 32,
};

export interface FallbackMatrixOptions {
  circuityFactor?: number;
  averageSpeedKmh?: number;
}

/**
 * Matrices for a county without road data: great-circle distance times a circuity factor, duration
 * at an average speed per vehicle class. Every pair is reachable; the diagonal is 0.
 */
export function fallbackMatrix(points: ReadonlyArray<LonLat>, vehicleClass: VehicleClass, options: FallbackMatrixOptions = {}): RoadMatrix {
  const circuityFactor = options.circuityFactor ?? MOUNTAIN_CIRCUITY_FACTOR;
  const speedKmh = options.averageSpeedKmh ?? FALLBACK_AVERAGE_SPEED_KMH[vehicleClass];
  if (!(circuityFactor >= 1) || !Number.isFinite(circuityFactor)) throw new RangeError(`circuityFactor must be a finite number >= 1, got ${circuityFactor}`);
  if (!(speedKmh > 0) || !Number.isFinite(speedKmh)) throw new RangeError(`averageSpeedKmh must be a finite number > 0, got ${speedKmh}`);
  points.forEach((point, index) => assertLonLat(point, `point ${index}`));

  const size = points.length;
  const distanceM = new Int32Array(size * size);
  const durationS = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) continue;
      const roadM = Math.round(haversineM(points[i].lon, points[i].lat, points[j].lon, points[j].lat) * circuityFactor);
      distanceM[i * size + j] = roadM;
      durationS[i * size + j] = Math.round((roadM * 3.6) / speedKmh);
    }
  }
  return { sourceCount: size, targetCount: size, distanceM, durationS, unreachable: [] };
}
