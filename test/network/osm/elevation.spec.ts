import { writeArrayBuffer } from 'geotiff';
import { DomainError } from '../../../src/infra/errors/domain-error';
import { edgeElevation } from '../../../src/network/elevation/edge-elevation';
import { ElevationGrid, ElevationModel, srtmTileName } from '../../../src/network/elevation/elevation-grid';
import { readGeoTiffDem } from '../../../src/network/elevation/geotiff-dem';
import { readSrtmTile } from '../../../src/network/elevation/srtm-hgt';
import { planeHeightM, srtmTileOfPlane, zipped } from './osm-fixture';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('elevation models', () => {
  const tile = srtmTileOfPlane();

  it('reads an SRTM3 tile, plain or zipped, placed by its name', () => {
    for (const grid of [readSrtmTile('N42E001.hgt', tile), readSrtmTile('N42E001.hgt.zip', zipped('N42E001.hgt', tile))]) {
      expect(grid.name).toBe('N42E001');
      expect(grid.covers(1.5, 42.5)).toBe(true);
      expect(grid.covers(2.0, 43.0)).toBe(true);
      expect(grid.covers(2.01, 42.5)).toBe(false);
      expect(grid.heightAt(1.0, 43.0)).toBe(planeHeightM(43));
      expect(grid.heightAt(1.7, 42.0)).toBe(planeHeightM(42));
    }
  });

  it('interpolates bilinearly between the four samples around a point', () => {
    // A 2 × 2 grid: 0 and 10 on the north row, 20 and 30 on the south row.
    const grid = new ElevationGrid({ name: 'g', columns: 2, rows: 2, originLon: 0, originLat: 1, stepLonDeg: 1, stepLatDeg: 1, heights: [0, 10, 20, 30], noData: -32768 });
    expect(grid.heightAt(0.5, 0.5)).toBe(15);
    expect(grid.heightAt(0.25, 1)).toBe(2.5);
    expect(grid.heightAt(1, 0.25)).toBe(25);
    const withVoid = new ElevationGrid({ ...grid.spec, heights: [0, 10, 20, -32768] });
    expect(withVoid.heightAt(0.5, 0.5)).toBe(10);
  });

  it('refuses a tile of the wrong size or name, and a zip without one tile', () => {
    const wrongSize = refusal(() => readSrtmTile('N42E001.hgt', new Uint8Array(1000)));
    expect(wrongSize.code).toBe('validation_failed');
    expect(wrongSize.message).toMatch(/N42E001.hgt has 1000 bytes; an SRTM tile has 1201 × 1201 × 2 = 2884802/);
    expect(refusal(() => readSrtmTile('heights.hgt', tile)).message).toMatch(/not named like an SRTM tile/);
    expect(refusal(() => readSrtmTile('N42E001.hgt.zip', zipped('readme.txt', new Uint8Array(3)))).message).toMatch(/should hold one .hgt tile, holds 0/);
    expect(refusal(() => readSrtmTile('N42E001.hgt.zip', new Uint8Array(50))).message).toMatch(/not a readable zip file/);
  });

  it('samples every 30 m along a road: climb and descent per direction, and the tiles it lacks', () => {
    const model = new ElevationModel([readSrtmTile('N42E001.hgt', tile)]);
    // North 0.005° (556 m) is +60 m; then back south half-way.
    const upAndBack = edgeElevation(
      [
        [1.5, 42.5],
        [1.5, 42.505],
        [1.5, 42.5025],
      ],
      model,
    );
    expect(upAndBack.climbM).toBeCloseTo(60, 6);
    expect(upAndBack.descentM).toBeCloseTo(30, 6);
    expect(upAndBack.missingTiles).toEqual([]);
    const reversed = edgeElevation(
      [
        [1.5, 42.5025],
        [1.5, 42.505],
        [1.5, 42.5],
      ],
      model,
    );
    expect(reversed.climbM).toBeCloseTo(30, 6);
    expect(reversed.descentM).toBeCloseTo(60, 6);
    expect(
      edgeElevation(
        [
          [1.99, 42.5],
          [2.01, 42.5],
        ],
        model,
      ).missingTiles,
    ).toEqual(['N42E002']);
    expect(upAndBack.allVoid).toBe(false);
    expect(srtmTileName(-0.5, -10.2)).toBe('S11W001');
  });

  it('steps over voids, and tells an edge that lies all in a void from one the DEM does not cover', () => {
    // A 3 × 3 grid over [0, 2]² rising 10 m a column, with a void in its middle column's top two rows.
    const heights = [0, -32768, 20, 0, -32768, 20, 0, 10, 20];
    const model = new ElevationModel([new ElevationGrid({ name: 'g', columns: 3, rows: 3, originLon: 0, originLat: 2, stepLonDeg: 1, stepLatDeg: 1, heights, noData: -32768 })]);
    const across = edgeElevation(
      [
        [0, 2],
        [2, 2],
      ],
      model,
    );
    expect(across).toMatchObject({ missingTiles: [], allVoid: false });
    expect(across.climbM).toBeCloseTo(20, 6);
    expect(across.descentM).toBeCloseTo(0, 6);
    expect(
      edgeElevation(
        [
          [1, 2],
          [1, 1.5],
        ],
        model,
      ),
    ).toMatchObject({ climbM: 0, missingTiles: [], allVoid: true });
  });

  it('reads a GeoTIFF DEM in longitude/latitude with its no-data value', async () => {
    const heights = new Float32Array([100, 110, 120, 200, 210, 220, 300, -9999, 320]);
    const tiff = writeArrayBuffer(heights, {
      width: 3,
      height: 3,
      BitsPerSample: [32],
      SampleFormat: [3],
      ModelPixelScale: [0.01, 0.01, 0],
      ModelTiepoint: [0, 0, 0, 1.5, 42.52, 0],
      GTModelTypeGeoKey: 2,
      GTRasterTypeGeoKey: 1,
      GeographicTypeGeoKey: 4326,
      GDAL_NODATA: '-9999',
    } as never);
    const grid = await readGeoTiffDem('valley.tif', new Uint8Array(tiff));
    // Cells are areas: the first sample sits at the centre of the north-west cell.
    expect(grid.heightAt(1.505, 42.515)).toBeCloseTo(100, 6);
    expect(grid.heightAt(1.51, 42.515)).toBeCloseTo(105, 6);
    expect(grid.heightAt(1.515, 42.51)).toBeCloseTo(160, 6);
    expect(grid.heightAt(1.505, 42.495)).toBeCloseTo(300, 6);
    // The void leaves its neighbours to fill in, or nothing when it is alone.
    expect(grid.heightAt(1.51, 42.495)).toBeCloseTo(300, 6);
    expect(grid.heightAt(1.515, 42.495)).toBeNull();
    expect(grid.covers(1.5, 42.5)).toBe(false);
  });

  it('refuses a GeoTIFF that is not one', async () => {
    const error = (await readGeoTiffDem('broken.tif', new Uint8Array([1, 2, 3, 4])).catch((caught: unknown) => caught)) as DomainError;
    expect(error.message).toMatch(/broken.tif is not a readable GeoTIFF/);
  });
});
