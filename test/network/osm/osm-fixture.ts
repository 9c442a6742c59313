import { zipSync } from 'fflate';
import type { OsmNodeSpec, OsmWaySpec } from '../../support/osm-pbf-writer';

/**
 * A tiny mountain valley in OSM terms (made up for the tests, inside SRTM tile N42E001): a primary
 * road climbing north through two junctions, a residential street and a one-way track (tagged
 * against its drawing, `oneway=-1`) off it, a footway and a private drive that are not drivable, and
 * an unclassified road that touches nothing (a disconnected part).
 */
export const FIXTURE_NODES: OsmNodeSpec[] = [
  { id: 1, lon: 1.5, lat: 42.5 },
  { id: 2, lon: 1.5, lat: 42.505 },
  { id: 3, lon: 1.5, lat: 42.51 },
  { id: 4, lon: 1.5, lat: 42.515 },
  { id: 5, lon: 1.505, lat: 42.505 },
  { id: 6, lon: 1.51, lat: 42.505 },
  { id: 7, lon: 1.495, lat: 42.512 },
  { id: 8, lon: 1.5, lat: 42.52 },
  { id: 9, lon: 1.515, lat: 42.505 },
  { id: 10, lon: 1.53, lat: 42.53 },
  { id: 11, lon: 1.535, lat: 42.53 },
  { id: 12, lon: 1.505, lat: 42.5 },
];

export const FIXTURE_WAYS: OsmWaySpec[] = [
  { id: 100, nodes: [1, 2, 3, 4], tags: { highway: 'primary', surface: 'asphalt', name: 'Carretera', maxspeed: '50' } },
  { id: 101, nodes: [2, 5, 6], tags: { highway: 'residential' } },
  { id: 102, nodes: [3, 7], tags: { highway: 'track', tracktype: 'grade3', oneway: '-1' } },
  { id: 103, nodes: [4, 8], tags: { highway: 'footway' } },
  { id: 104, nodes: [6, 9], tags: { highway: 'service', access: 'private' } },
  { id: 105, nodes: [10, 11], tags: { highway: 'unclassified' } },
  { id: 106, nodes: [5, 12], tags: { highway: 'residential', access: 'no', motor_vehicle: 'yes' } },
];

/**
 * Heights of the synthetic DEM: a plane rising 12 m per 0.001° north (a 10.8 % grade), flat east to
 * west. Bilinear interpolation reproduces a plane exactly, so climbs are known: 60 m per 0.005°.
 */
export const planeHeightM = (lat: number) => 1000 + 12_000 * (lat - 42.5);

/** An SRTM3 tile (1201 × 1201 big-endian int16, row 0 at the north edge) of the plane; `south` is the tile's southern latitude. */
export function srtmTileOfPlane(south = 42): Uint8Array {
  const side = 1201;
  const bytes = new Uint8Array(side * side * 2);
  const view = new DataView(bytes.buffer);
  for (let row = 0; row < side; row++) {
    const height = Math.round(planeHeightM(south + 1 - row / (side - 1)));
    for (let column = 0; column < side; column++) view.setInt16((row * side + column) * 2, height, false);
  }
  return bytes;
}

export function zipped(name: string, bytes: Uint8Array): Uint8Array {
  return zipSync({ [name]: bytes });
}
