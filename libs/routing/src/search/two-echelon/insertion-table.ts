import { SearchState } from './search-state';

/**
 * Cheapest insertion position and distance delta of each pending customer in each route, kept
 * between repair steps: after an insertion only the changed route is re-scanned, which makes
 * regret-k repair O(pending × (routes + changed route length)) per step instead of
 * O(pending × all positions).
 */
export class InsertionTable {
  private readonly delta: Float64Array;
  private readonly position: Int32Array;
  private readonly valid: Uint8Array;
  private readonly width: number;

  constructor(
    private readonly state: SearchState,
    /** Most routes the state can reach during this repair. */
    maxRoutes: number,
  ) {
    this.width = maxRoutes;
    const cells = state.context.customerCount * maxRoutes;
    this.delta = new Float64Array(cells);
    this.position = new Int32Array(cells);
    this.valid = new Uint8Array(cells);
  }

  /** Best (distance delta, position) of customer `c` in route `r`, computed on first use. */
  lookup(c: number, r: number): number {
    const cell = c * this.width + r;
    if (this.valid[cell] === 0) {
      const context = this.state.context;
      const route = this.state.routes[r];
      let bestDelta = Infinity;
      let bestPosition = 0;
      for (let i = 0; i <= route.customers.length; i++) {
        const delta = context.insertionDelta(route, c, i);
        if (delta < bestDelta) {
          bestDelta = delta;
          bestPosition = i;
        }
      }
      this.delta[cell] = bestDelta;
      this.position[cell] = bestPosition;
      this.valid[cell] = 1;
    }
    return cell;
  }

  deltaAt(cell: number): number {
    return this.delta[cell];
  }

  positionAt(cell: number): number {
    return this.position[cell];
  }

  /** Route `r` changed: every cached entry for it is stale. */
  invalidateRoute(r: number): void {
    for (let cell = r; cell < this.valid.length; cell += this.width) this.valid[cell] = 0;
  }
}
