import * as path from 'path';
import { unzipSync } from 'fflate';
import { validationFailed } from '../../infra/errors/domain-error';
import { ElevationGrid } from './elevation-grid';

/** SRTM voids. */
const SRTM_VOID = -32768;
/** Samples per side: SRTM3 (3″, 90 m) and SRTM1 (1″, 30 m). */
const SRTM_SIDES = [1201, 3601];

/**
 * An SRTM `.hgt` tile: big-endian int16 heights on a square grid whose edges lie on whole degrees.
 * The file name gives the south-west corner (`N42E001.hgt`); the size gives the resolution. Zipped
 * tiles (`N42E001.hgt.zip`, as distributed) are opened with fflate.
 */
export function readSrtmTile(fileName: string, bytes: Uint8Array): ElevationGrid {
  if (/\.zip$/i.test(fileName)) return readSrtmTile(...hgtInsideZip(fileName, bytes));
  const corner = path.basename(fileName).match(/^([NS])(\d{2})([EW])(\d{3})\.hgt$/i);
  if (!corner) throw demError(fileName, 'is not named like an SRTM tile (N42E001.hgt, after its south-west corner)');
  const side = SRTM_SIDES.find((candidate) => candidate * candidate * 2 === bytes.length);
  if (!side) {
    throw demError(fileName, `has ${bytes.length} bytes; an SRTM tile has ${SRTM_SIDES.map((n) => `${n} × ${n} × 2 = ${n * n * 2}`).join(' or ')}`);
  }
  const south = Number(corner[2]) * (corner[1]!.toUpperCase() === 'S' ? -1 : 1);
  const west = Number(corner[4]) * (corner[3]!.toUpperCase() === 'W' ? -1 : 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const heights = new Int16Array(side * side);
  for (let index = 0; index < heights.length; index++) heights[index] = view.getInt16(index * 2, false);
  return new ElevationGrid({
    name: path
      .basename(fileName)
      .replace(/\.hgt$/i, '')
      .toUpperCase(),
    columns: side,
    rows: side,
    originLon: west,
    originLat: south + 1,
    stepLonDeg: 1 / (side - 1),
    stepLatDeg: 1 / (side - 1),
    heights,
    noData: SRTM_VOID,
  });
}

function hgtInsideZip(fileName: string, bytes: Uint8Array): [string, Uint8Array] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (entry) => /\.hgt$/i.test(entry.name) });
  } catch (error) {
    throw demError(fileName, `is not a readable zip file (${(error as Error).message})`);
  }
  const names = Object.keys(entries);
  if (names.length !== 1) throw demError(fileName, `should hold one .hgt tile, holds ${names.length}`);
  return [names[0]!, entries[names[0]!]!];
}

export function demError(fileName: string, message: string) {
  return validationFailed(`DEM ${fileName} ${message}; nothing was written`, [{ field: 'dem', message: `${path.basename(fileName)} ${message}` }]);
}
