import * as fs from 'fs';
import * as path from 'path';
import { ElevationGrid, ElevationModel } from './elevation-grid';
import { readGeoTiffDem } from './geotiff-dem';
import { demError, readSrtmTile } from './srtm-hgt';

/** Reads DEM files by their extension: SRTM `.hgt` / `.hgt.zip`, or GeoTIFF `.tif` / `.tiff`. */
export async function loadElevationModel(paths: readonly string[]): Promise<ElevationModel> {
  const grids: ElevationGrid[] = [];
  for (const file of paths) {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw demError(file, `cannot be read: ${(error as Error).message}`);
    }
    const name = path.basename(file);
    if (/\.hgt(\.zip)?$/i.test(name)) grids.push(readSrtmTile(name, bytes));
    else if (/\.tiff?$/i.test(name)) grids.push(await readGeoTiffDem(name, bytes));
    else throw demError(file, 'is neither an SRTM tile (.hgt, .hgt.zip) nor a GeoTIFF (.tif)');
  }
  return new ElevationModel(grids);
}
