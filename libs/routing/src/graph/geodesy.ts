/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Great-circle distance in metres (haversine; well under 0.5 % error at county scale). */
export function haversineM(lonA: number, latA: number, lonB: number, latB: number): number {
  const phiA = latA * RADIANS_PER_DEGREE;
  const phiB = latB * RADIANS_PER_DEGREE;
  const sinHalfDeltaPhi = Math.sin((phiB - phiA) / 2);
  const sinHalfDeltaLambda = Math.sin(((lonB - lonA) * RADIANS_PER_DEGREE) / 2);
  const h = sinHalfDeltaPhi * sinHalfDeltaPhi + Math.cos(phiA) * Math.cos(phiB) * sinHalfDeltaLambda * sinHalfDeltaLambda;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface LonLat {
  lon: number;
  lat: number;
}

/** Throws RangeError naming `what` unless the point is a finite WGS 84 longitude/latitude. */
export function assertLonLat(point: LonLat, what: string): void {
  if (!(Math.abs(point.lon) <= 180) || !(Math.abs(point.lat) <= 90)) {
    throw new RangeError(`${what}: (${point.lon}, ${point.lat}) is not a valid longitude/latitude`);
  }
}
