import { TwoEchelonProblem } from './two-echelon-problem';

/** Exact tours are precomputed for every satellite subset up to this many satellites. */
const MAX_EXACT_SATELLITES = 12;

/**
 * Shortest depot → satellites → depot tours for the first echelon. Few satellites: Held-Karp over
 * every subset once, so any subset's optimal tour is a lookup. Many satellites: nearest neighbour
 * plus 2-opt on demand.
 */
export class SatelliteTours {
  private readonly size: number;
  private readonly satelliteCount: number;
  /** Optimal tour length per subset mask, or empty when there are too many satellites. */
  private readonly bestByMask: Float64Array;
  /** Held-Karp table: shortest depot → (mask) path ending at satellite `last`, at `mask * S + last`. */
  private readonly pathTable: Float64Array;

  constructor(private readonly problem: TwoEchelonProblem) {
    this.size = 1 + problem.satellites.length + problem.customers.length;
    this.satelliteCount = problem.satellites.length;
    if (this.satelliteCount > MAX_EXACT_SATELLITES) {
      this.bestByMask = new Float64Array(0);
      this.pathTable = new Float64Array(0);
      return;
    }
    const count = this.satelliteCount;
    const maskCount = 1 << count;
    const path = new Float64Array(maskCount * count).fill(Infinity);
    for (let s = 0; s < count; s++) path[(1 << s) * count + s] = this.arc(0, 1 + s);
    for (let mask = 1; mask < maskCount; mask++) {
      for (let last = 0; last < count; last++) {
        const value = path[mask * count + last];
        if (!Number.isFinite(value)) continue;
        for (let next = 0; next < count; next++) {
          if ((mask & (1 << next)) !== 0) continue;
          const target = (mask | (1 << next)) * count + next;
          const candidate = value + this.arc(1 + last, 1 + next);
          if (candidate < path[target]) path[target] = candidate;
        }
      }
    }
    const best = new Float64Array(maskCount);
    for (let mask = 1; mask < maskCount; mask++) {
      let value = Infinity;
      for (let last = 0; last < count; last++) {
        if ((mask & (1 << last)) !== 0) value = Math.min(value, path[mask * count + last] + this.arc(1 + last, 0));
      }
      best[mask] = value;
    }
    this.bestByMask = best;
    this.pathTable = path;
  }

  /** Optimal tour length over the satellites of `mask` (few-satellite mode only). */
  tourDistance(mask: number): number {
    return this.bestByMask[mask];
  }

  directDistance(satellite: number): number {
    return this.arc(0, 1 + satellite) + this.arc(1 + satellite, 0);
  }

  /** Length of depot → stops (in order) → depot. */
  pathDistance(stops: readonly number[]): number {
    let total = 0;
    let previous = 0;
    for (const s of stops) {
      total += this.arc(previous, 1 + s);
      previous = 1 + s;
    }
    return total + this.arc(previous, 0);
  }

  /** A tour over `satellites`: optimal with few satellites, heuristic otherwise. */
  tour(satellites: readonly number[]): { order: number[]; distance: number } {
    if (satellites.length === 0) return { order: [], distance: 0 };
    if (this.bestByMask.length > 0) return this.exactTour(satellites);
    const order = this.nearestNeighbour(satellites);
    this.twoOpt(order);
    return { order, distance: this.pathDistance(order) };
  }

  private exactTour(satellites: readonly number[]): { order: number[]; distance: number } {
    const count = this.satelliteCount;
    let mask = satellites.reduce((m, s) => m | (1 << s), 0);
    const distance = this.bestByMask[mask];
    // Walk the Held-Karp table backwards from the best last satellite.
    const reversed: number[] = [];
    let target = distance;
    let nextNode = 0;
    while (mask !== 0) {
      let chosen = -1;
      for (let last = 0; last < count; last++) {
        if ((mask & (1 << last)) === 0) continue;
        const value = this.pathTable[mask * count + last] + this.arc(1 + last, nextNode);
        if (Math.abs(value - target) < 1e-6) {
          chosen = last;
          break;
        }
      }
      reversed.push(chosen);
      target = this.pathTable[mask * count + chosen];
      mask ^= 1 << chosen;
      nextNode = 1 + chosen;
    }
    return { order: reversed.reverse(), distance };
  }

  private nearestNeighbour(satellites: readonly number[]): number[] {
    const left = new Set(satellites);
    const order: number[] = [];
    let at = 0;
    while (left.size > 0) {
      let best = -1;
      for (const s of left) if (best < 0 || this.arc(at, 1 + s) < this.arc(at, 1 + best)) best = s;
      order.push(best);
      left.delete(best);
      at = 1 + best;
    }
    return order;
  }

  private twoOpt(order: number[]): void {
    const node = (i: number): number => (i < 0 || i >= order.length ? 0 : 1 + order[i]);
    let improved = true;
    while (improved) {
      improved = false;
      for (let i = 0; i < order.length - 1; i++) {
        for (let j = i + 1; j < order.length; j++) {
          const delta = this.arc(node(i - 1), node(j)) + this.arc(node(i), node(j + 1)) - this.arc(node(i - 1), node(i)) - this.arc(node(j), node(j + 1));
          if (delta < 0) {
            order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
            improved = true;
          }
        }
      }
    }
  }

  private arc(from: number, to: number): number {
    return this.problem.distance[from * this.size + to];
  }
}
