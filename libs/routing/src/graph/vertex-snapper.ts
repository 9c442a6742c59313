import { LonLat } from './geodesy';
import { RoadGraph } from './road-graph';

/**
 * Nearest-vertex lookup over a chosen subset of graph vertices, with a uniform grid in a local
 * equirectangular projection (longitude scaled by cos(latitude) at the grid's centre), which ranks
 * neighbours correctly at county scale. Built once per graph, queried per network node.
 */
export class VertexSnapper {
  private readonly xScale: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cellSize: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly cellVertices: Int32Array;

  /** `candidates` are the vertices a point may snap to; it must not be empty. */
  constructor(
    private readonly graph: RoadGraph,
    candidates: ArrayLike<number>,
  ) {
    if (candidates.length === 0) throw new RangeError('VertexSnapper needs at least one candidate vertex');
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const lat = graph.lat[candidates[i]];
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
    this.xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    let minX = Infinity;
    let maxX = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const x = graph.lon[candidates[i]] * this.xScale;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
    this.minX = minX;
    this.minY = minLat;
    // About two candidates per cell on average; the floor keeps a degenerate (collinear) set finite.
    const area = Math.max((maxX - minX) * (maxLat - minLat), 1e-12);
    this.cellSize = Math.max(Math.sqrt((2 * area) / candidates.length), 1e-7);
    this.columns = Math.floor((maxX - minX) / this.cellSize) + 1;
    this.rows = Math.floor((maxLat - minLat) / this.cellSize) + 1;

    const cellOf = new Int32Array(candidates.length);
    this.cellStart = new Int32Array(this.columns * this.rows + 1);
    for (let i = 0; i < candidates.length; i++) {
      const v = candidates[i];
      cellOf[i] = this.cellIndex(this.columnOf(graph.lon[v] * this.xScale), this.rowOf(graph.lat[v]));
      this.cellStart[cellOf[i] + 1]++;
    }
    for (let c = 0; c < this.columns * this.rows; c++) this.cellStart[c + 1] += this.cellStart[c];
    const fill = this.cellStart.slice(0, this.columns * this.rows);
    this.cellVertices = new Int32Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) this.cellVertices[fill[cellOf[i]]++] = candidates[i];
  }

  /** The candidate vertex nearest to `point` (ties: the one met first, deterministic). */
  nearest(point: LonLat): number {
    const x = point.lon * this.xScale;
    const y = point.lat;
    const column = this.columnOf(x);
    const row = this.rowOf(y);
    let best = -1;
    let bestSquared = Infinity;
    // A point off the grid starts from its clamped cell, so the ring bound below can stay loose
    // (a far point, a one-road grid of thousands of one-row cells): stop once the rings cover the
    // grid, and walk only the rows and columns that exist.
    const lastRing = Math.max(column, this.columns - 1 - column, row, this.rows - 1 - row);
    for (let ring = 0; ring <= lastRing; ring++) {
      const firstRow = Math.max(0, row - ring);
      const lastRow = Math.min(this.rows - 1, row + ring);
      for (let r = firstRow; r <= lastRow; r++) {
        const onEdgeRow = r === row - ring || r === row + ring;
        const step = onEdgeRow ? 1 : 2 * ring;
        const firstColumn = onEdgeRow ? Math.max(0, column - ring) : column - ring;
        const lastColumn = onEdgeRow ? Math.min(this.columns - 1, column + ring) : column + ring;
        for (let c = firstColumn; c <= lastColumn; c += Math.max(step, 1)) {
          if (c < 0 || c >= this.columns) continue;
          const cell = this.cellIndex(c, r);
          for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
            const v = this.cellVertices[k];
            const dx = this.graph.lon[v] * this.xScale - x;
            const dy = this.graph.lat[v] - y;
            const squared = dx * dx + dy * dy;
            if (squared < bestSquared || (squared === bestSquared && v < best)) {
              bestSquared = squared;
              best = v;
            }
          }
        }
      }
      // Every cell outside rings 0..ring lies at least ring cells away from the point.
      const bound = ring * this.cellSize;
      if (best !== -1 && bestSquared <= bound * bound) break;
    }
    return best;
  }

  private columnOf(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)));
  }

  private rowOf(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)));
  }

  private cellIndex(column: number, row: number): number {
    return row * this.columns + column;
  }
}
