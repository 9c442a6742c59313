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

export class ElevationGrid {
  constructor(readonly spec: ElevationGridSpec) {}

  get name(): string {
    return this.spec.name;
  }

  covers(lon: number, lat: number): boolean {
    const { column, row } = this.cellOf(lon, lat);
    return column >= 0 && row >= 0 && column <= this.spec.columns - 1 && row <= this.spec.rows - 1;
  }

  /**
   * Bilinear interpolation between the four samples around the point. Voids are left out and the
   * other samples' weights renormalised; `null` when all four are voids or the point is outside.
   */
  heightAt(lon: number, lat: number): number | null {
    if (!this.covers(lon, lat)) return null;
    const { column, row } = this.cellOf(lon, lat);
    const { columns, rows } = this.spec;
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
    return weights > 0 ? weighted / weights : null;
  }

  /** Fractional column and row of the point in sample units. */
  private cellOf(lon: number, lat: number): { column: number; row: number } {
    return { column: (lon - this.spec.originLon) / this.spec.stepLonDeg, row: (this.spec.originLat - lat) / this.spec.stepLatDeg };
  }
}

/** Several grids (SRTM tiles side by side); a point takes its height from the first grid that covers it. */
export class ElevationModel {
  constructor(readonly grids: readonly ElevationGrid[]) {}

  heightAt(lon: number, lat: number): number | null {
    for (const grid of this.grids) {
      if (grid.covers(lon, lat)) return grid.heightAt(lon, lat);
    }
    return null;
  }
}

/** The SRTM name of the 1° × 1° tile holding a point, e.g. `N42E001`: what a user must download. */
export function srtmTileName(lon: number, lat: number): string {
  const south = Math.floor(lat);
  const west = Math.floor(lon);
  const latPart = `${south < 0 ? 'S' : 'N'}${String(Math.abs(south)).padStart(2, '0')}`;
  return `${latPart}${west < 0 ? 'W' : 'E'}${String(Math.abs(west)).padStart(3, '0')}`;
}
