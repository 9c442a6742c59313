/** Angles on a circle of 65,536 units, so sector arithmetic is exact integer modular arithmetic. */
export const CIRCLE = 65_536;

/** Maps a polar angle in [-π, π] onto the integer circle. */
export function toCircle(angle: number): number {
  return Math.round(((angle + Math.PI) / (2 * Math.PI)) * CIRCLE) & (CIRCLE - 1);
}

function positiveMod(value: number): number {
  return ((value % CIRCLE) + CIRCLE) % CIRCLE;
}

/**
 * The smallest circular sectors around the depot that hold each route's clients (HGS-CVRP's
 * CircleSector): SWAP* only pairs routes whose sectors overlap, since far-apart routes rarely
 * exchange clients profitably. Sectors of all route slots live in two typed arrays.
 */
export class RouteSectors {
  readonly start: Int32Array;
  readonly end: Int32Array;

  constructor(routeSlots: number) {
    this.start = new Int32Array(routeSlots);
    this.end = new Int32Array(routeSlots);
  }

  reset(route: number, point: number): void {
    this.start[route] = point;
    this.end[route] = point;
  }

  /** Grows the sector of `route` to hold `point`, on whichever side needs the shorter extension. */
  extend(route: number, point: number): void {
    const start = this.start[route];
    const end = this.end[route];
    if (positiveMod(point - start) <= positiveMod(end - start)) return;
    if (positiveMod(point - end) <= positiveMod(start - point)) this.end[route] = point;
    else this.start[route] = point;
  }

  overlap(a: number, b: number): boolean {
    return (
      positiveMod(this.start[b] - this.start[a]) <= positiveMod(this.end[a] - this.start[a]) ||
      positiveMod(this.start[a] - this.start[b]) <= positiveMod(this.end[b] - this.start[b])
    );
  }
}
