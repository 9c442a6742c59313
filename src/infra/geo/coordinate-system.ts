import gcoord from 'gcoord';

/**
 * Coordinate systems accepted on input. Everything is stored in WGS 84; GCJ-02 (the "Mars"
 * coordinates of AMap, Tencent and most Chinese platforms) is offset from it by a few hundred metres
 * inside China, so it is converted on the way in (gcoord; outside China GCJ-02 equals WGS 84).
 */
export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

export function isCoordinateSystem(value: unknown): value is CoordinateSystem {
  return (COORDINATE_SYSTEMS as readonly unknown[]).includes(value);
}

/** [lon, lat] in WGS 84, from a position in `system`. */
export function toWgs84(position: readonly [number, number], system: CoordinateSystem = 'wgs84'): [number, number] {
  if (system === 'wgs84') return [position[0], position[1]];
  const [lon, lat] = gcoord.transform([position[0], position[1]], gcoord.GCJ02, gcoord.WGS84);
  return [lon, lat];
}
