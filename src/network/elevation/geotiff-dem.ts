import { fromArrayBuffer } from 'geotiff';
import { ElevationGrid } from './elevation-grid';
import { demError } from './srtm-hgt';

/** GeoTIFF `GTRasterTypeGeoKey`: 2 means each value is a point; otherwise a cell (its centre is the sample). */
const RASTER_PIXEL_IS_POINT = 2;
const WGS84_GEOGRAPHIC = 4326;

/**
 * A single-band GeoTIFF DEM in WGS 84 longitude/latitude (what SRTM, Copernicus GLO-30 and ASTER
 * GDEM ship), read with the geotiff library. Projected DEMs are refused: reproject them first.
 */
export async function readGeoTiffDem(fileName: string, bytes: Uint8Array): Promise<ElevationGrid> {
  let image;
  try {
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    image = await tiff.getImage();
  } catch (error) {
    throw demError(fileName, `is not a readable GeoTIFF (${(error as Error).message})`);
  }
  const geoKeys = (image.getGeoKeys() ?? {}) as Record<string, number | undefined>;
  if (geoKeys.ProjectedCSTypeGeoKey !== undefined || (geoKeys.GeographicTypeGeoKey ?? WGS84_GEOGRAPHIC) !== WGS84_GEOGRAPHIC) {
    throw demError(fileName, 'is not in WGS 84 longitude/latitude (EPSG:4326); reproject it first');
  }
  const [west, , , north] = image.getBoundingBox();
  const [stepLon, stepLat] = image.getResolution();
  const columns = image.getWidth();
  const rows = image.getHeight();
  if (columns < 2 || rows < 2 || !(stepLon! > 0)) throw demError(fileName, `has a ${columns} × ${rows} grid; it needs at least 2 × 2 cells`);
  const halfCell = geoKeys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT ? 0 : 0.5;
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as Array<ArrayLike<number>>;
  const noData = image.getGDALNoData();
  return new ElevationGrid({
    name: fileName,
    columns,
    rows,
    originLon: west! + halfCell * stepLon!,
    originLat: north! - halfCell * Math.abs(stepLat!),
    stepLonDeg: stepLon!,
    stepLatDeg: Math.abs(stepLat!),
    heights: band!,
    noData: noData ?? null,
  });
}
