/**
 * A regular grid of heights in metres over longitude/latitude (WGS 84): an SRTM tile or a GeoTIFF
 * DEM. Row 0 is the northernmost row of samples; `originLon`/`originLat` is the position of the
 * sample in row 0, column 0 (a sample point, not a cell corner).
 */
export interface ElevationGridSpec {
  name: string;
  columns: number;
  rows: number;
  originLon: number;
  originLat: number;
  stepLonDeg: number;
  stepLatDeg: number;
  /** Row-major, `rows × columns`; `noData` marks voids. */
  heights: ArrayLike<number>;
  noData: number | null;
}

/** In sample units: a point on a grid's edge computed in floating point may land a hair outside it. */
const EDGE_TOLERANCE = 1e-6;

export class ElevationGrid {
  constructor(readonly spec: ElevationGridSpec) {}

  get name(): string {
    return this.spec.name;
  }

  covers(lon: number, lat: number): boolean {
    const { column, row } = this.cellOf(lon, lat);
    const inside = (value: number, count: number) => value >= -EDGE_TOLERANCE && value <= count - 1 + EDGE_TOLERANCE;
    return inside(column, this.spec.columns) && inside(row, this.spec.rows);
  }

  /**
   * Bilinear interpolation between the four samples around the point. Voids are left out and the
   * other samples' weights renormalised; `null` when all four are voids or the point is outside.
   */
  heightAt(lon: number, lat: number): number | null {
    if (!this.covers(lon, lat)) return null;
    const { columns, rows } = this.spec;
    const cell = this.cellOf(lon, lat);
    const column = Math.min(Math.max(cell.column, 0), columns - 1);
    const row = Math.min(Math.max(cell.row, 0), rows - 1);
    const left = Math.min(Math.floor(column), columns - 2);
    const top = Math.min(Math.floor(row), rows - 2);
    const across = column - left;
    const down = row - top;
    let weighted = 0;
    let weights = 0;
    const add = (sampleRow: number, sampleColumn: number, weight: number) => {
      const height = this.spec.heights[sampleRow * columns + sampleColumn]!;
      if (weight === 0 || height === this.spec.noData || Number.isNaN(height)) return;
      weighted += weight * height;
      weights += weight;
    };
    add(top, left, (1 - across) * (1 - down));
    add(top, left + 1, across * (1 - down));
    add(top + 1, left, (1 - across) * down);
    add(top + 1, left + 1, across * down);
    return weights > EDGE_TOLERANCE ? weighted / weights : null;
  }

  /** Fractional column and row of the point in sample units. */
  private cellOf(lon: number, lat: number): { column: number; row: number } {
    return { column: (lon - this.spec.originLon) / this.spec.stepLonDeg, row: (this.spec.originLat - lat) / this.spec.stepLatDeg };
  }
}

/** Several grids (SRTM tiles side by side); a point takes its height from the first grid that covers it. */
export class ElevationModel {
  constructor(readonly grids: readonly ElevationGrid[]) {}

  /** `null` outside every grid, and inside one where the samples around the point are voids. */
  heightAt(lon: number, lat: number): number | null {
    for (const grid of this.grids) {
      if (grid.covers(lon, lat)) return grid.heightAt(lon, lat);
    }
    return null;
  }

  covers(lon: number, lat: number): boolean {
    return this.grids.some((grid) => grid.covers(lon, lat));
  }
}

/** The SRTM name of the 1° × 1° tile holding a point, e.g. `N42E001`: what a user must download. */
export function srtmTileName(lon: number, lat: number): string {
  const south = Math.floor(lat);
  const west = Math.floor(lon);
  const latPart = `${south < 0 ? 'S' : 'N'}${String(Math.abs(south)).padStart(2, '0')}`;
  return `${latPart}${west < 0 ? 'W' : 'E'}${String(Math.abs(west)).padStart(3, '0')}`;
}
