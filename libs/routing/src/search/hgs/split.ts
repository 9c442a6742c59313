import { HgsData } from './hgs-data';
import { Penalties, SegmentAccumulator } from './segment';

/** Predecessor mark of a Split label reached by leaving an optional client out. */
const SKIPPED = -2;

/**
 * Split (Prins 2004; linear-time version of Vidal 2016): cuts a giant tour into routes at minimum
 * penalised cost, the capacity excess priced linearly. Without time windows and without a binding
 * fleet limit the O(n) deque algorithm is used; otherwise a Bellman split over route counts that
 * prices each route with the time-warp segment arithmetic, trying routes up to 1.5x capacity; there
 * an optional client may also be left out between two routes at its penalty.
 */
export class Splitter {
  private readonly potential: Float64Array;
  private readonly predecessor: Int32Array;
  private readonly sumLoad: Float64Array;
  private readonly sumCost: Float64Array;
  private readonly fromDepot: Float64Array;
  private readonly toDepot: Float64Array;
  private readonly deque: Int32Array;
  private readonly acc: SegmentAccumulator;
  /**
   * Vehicle types that drive different matrices or shifts price a route on their own: one
   * accumulator per type (type t starts on its first slot); otherwise only `acc`.
   */
  private readonly typeAccs: SegmentAccumulator[];

  constructor(private readonly data: HgsData) {
    const size = data.n + 1;
    this.potential = new Float64Array(size);
    this.predecessor = new Int32Array(size);
    this.sumLoad = new Float64Array(size);
    this.sumCost = new Float64Array(size);
    this.fromDepot = new Float64Array(size);
    this.toDepot = new Float64Array(size);
    this.deque = new Int32Array(size);
    this.acc = new SegmentAccumulator(data);
    this.typeAccs = data.slotsShareTiming ? [] : Array.from(data.typeFirstSlot, () => new SegmentAccumulator(data));
  }

  /** Routes of the clients of `tour`: every client of the problem, or fewer (one window of each job, see `firstWindowOfEachJob`). */
  split(tour: Int32Array, penalties: Penalties, maxRoutes: number): number[][] {
    // A mixed fleet prices each route on its cheapest vehicle type, and optional clients may be
    // skipped between routes, and backhauls load on the way back: the linear split can do none of these.
    if (!this.data.hasTimeWindows && !this.data.heterogeneous && !this.data.hasOptional && this.data.simpleLoad) {
      this.linearSplit(tour, penalties);
      const routes = this.extract(tour, this.predecessor);
      if (routes.length <= maxRoutes) return routes;
    } else {
      const routes = this.bellmanSplit(tour, penalties, Infinity, 1.5);
      if (routes && routes.length <= maxRoutes) return routes;
    }
    return this.bellmanSplit(tour, penalties, maxRoutes, 1.5) ?? this.bellmanSplit(tour, penalties, maxRoutes, Infinity) ?? this.evenSplit(tour, maxRoutes);
  }

  private linearSplit(tour: Int32Array, penalties: Penalties): void {
    const { arcCost, stride, demand, capacity, routeFixedCost, slotCostFactor, referenceSlot } = this.data;
    const n = tour.length;
    // Routes are cut for the reference (largest) vehicle and priced as it would drive them.
    const factor = slotCostFactor[referenceSlot];
    const { potential, predecessor, sumLoad, sumCost, fromDepot, toDepot, deque } = this;
    const penalty = penalties.capacity;
    // Positions are 1-based: tour[i - 1] is the i-th client.
    sumLoad[0] = 0;
    sumCost[0] = 0;
    for (let i = 1; i <= n; i++) {
      const c = tour[i - 1];
      sumLoad[i] = sumLoad[i - 1] + demand[c];
      sumCost[i] = i === 1 ? 0 : sumCost[i - 1] + factor * arcCost[tour[i - 2] * stride + c];
      fromDepot[i] = factor * arcCost[c];
      toDepot[i] = factor * arcCost[c * stride];
    }
    const propagate = (i: number, j: number): number =>
      potential[i] + fromDepot[i + 1] + sumCost[j] - sumCost[i + 1] + toDepot[j] + routeFixedCost + penalty * Math.max(sumLoad[j] - sumLoad[i] - capacity, 0);
    // Value of i as a route start, up to terms common to every start.
    const key = (i: number): number => potential[i] + fromDepot[i + 1] - sumCost[i + 1];
    potential[0] = 0;
    let head = 0;
    let tail = 0;
    deque[0] = 0;
    for (let i = 1; i <= n; i++) {
      potential[i] = propagate(deque[head], i);
      predecessor[i] = deque[head];
      if (i === n) break;
      const back = deque[tail];
      // `back` dominates i when its lead survives i's lighter load; otherwise i enters the deque.
      if (!(key(back) + penalty * (sumLoad[i] - sumLoad[back]) <= key(i))) {
        while (tail >= head && key(i) <= key(deque[tail]) + 1e-9) tail--;
        deque[++tail] = i;
      }
      while (tail > head && propagate(deque[head], i + 1) >= propagate(deque[head + 1], i + 1) - 1e-9) head++;
    }
  }

  /**
   * Bellman split over at most `maxRoutes` routes (one layer when unlimited), each route capped at
   * `loadFactor` times capacity. Null when no split fits.
   */
  private bellmanSplit(tour: Int32Array, penalties: Penalties, maxRoutes: number, loadFactor: number): number[][] | null {
    const n = tour.length;
    const layers = Number.isFinite(maxRoutes) ? Math.min(maxRoutes, n) : 1;
    const limited = Number.isFinite(maxRoutes);
    const size = n + 1;
    const potential = new Float64Array(size * (layers + 1)).fill(Infinity);
    const predecessor = new Int32Array(size * (layers + 1)).fill(-1);
    potential[0] = 0;
    const acc = this.acc;
    for (let k = 0; k < layers; k++) {
      const from = limited ? k * size : 0;
      const to = limited ? (k + 1) * size : 0;
      for (let i = 0; i < n; i++) {
        const base = potential[from + i];
        if (base === Infinity) continue;
        // Each route priced as a whole tour, out of a depot and back (trips between depots included).
        acc.startAtDepot(this.data.referenceSlot, true);
        for (let t = 0; t < this.typeAccs.length; t++) this.typeAccs[t].startAtDepot(this.data.typeFirstSlot[t], true);
        for (let j = i + 1; j <= n; j++) {
          acc.appendClient(tour[j - 1]);
          for (let t = 0; t < this.typeAccs.length; t++) this.typeAccs[t].appendClient(tour[j - 1]);
          if (j > i + 1 && acc.loadExceeds(loadFactor, this.data.referenceSlot)) break;
          const value = base + this.closedCost(penalties);
          if (value < potential[to + j]) {
            potential[to + j] = value;
            predecessor[to + j] = i;
          }
        }
        this.relaxSkip(tour, potential, predecessor, from, i);
      }
    }
    if (limited) for (let i = 0; i < n; i++) this.relaxSkip(tour, potential, predecessor, layers * size, i);
    if (!limited) {
      if (potential[n] === Infinity) return null;
      return this.extract(tour, predecessor.subarray(0, size));
    }
    let bestLayer = -1;
    for (let k = this.data.hasOptional ? 0 : 1; k <= layers; k++) {
      if (potential[k * size + n] < Infinity && (bestLayer < 0 || potential[k * size + n] < potential[bestLayer * size + n])) bestLayer = k;
    }
    if (bestLayer < 0) return null;
    const routes: number[][] = [];
    for (let j = n, k = bestLayer; j > 0;) {
      const i = predecessor[k * size + j];
      if (i === SKIPPED) {
        j--;
        continue;
      }
      routes.push(Array.from(tour.subarray(i, j)));
      j = i;
      k--;
    }
    return routes.reverse();
  }

  /** Optional client at tour position i (0-based) left out: position i + 1 reached from i in the same layer. */
  private relaxSkip(tour: Int32Array, potential: Float64Array, predecessor: Int32Array, layer: number, i: number): void {
    const client = tour[i];
    if (!this.data.optional[client]) return;
    const value = potential[layer + i] + this.data.skipPenalty[client];
    if (value < potential[layer + i + 1]) {
      potential[layer + i + 1] = value;
      predecessor[layer + i + 1] = SKIPPED;
    }
  }

  /** The accumulated route closed at the depot, on the cheapest vehicle type for a mixed fleet (availability is left to `assignVehicles`). */
  private closedCost(penalties: Penalties): number {
    const acc = this.acc;
    if (!this.data.heterogeneous) return acc.costIfClosed(penalties);
    let best = Infinity;
    if (this.typeAccs.length > 0) {
      for (let t = 0; t < this.typeAccs.length; t++) best = Math.min(best, this.typeAccs[t].costIfClosed(penalties));
      return best;
    }
    // One matrix and one shift: only capacity and costs differ, and the closing arc is the same.
    for (let t = 0; t < this.data.typeCount; t++) {
      acc.slot = this.data.typeFirstSlot[t];
      best = Math.min(best, acc.costIfClosed(penalties));
    }
    return best;
  }

  private extract(tour: Int32Array, predecessor: Int32Array): number[][] {
    const routes: number[][] = [];
    for (let j = tour.length; j > 0;) {
      const i = predecessor[j];
      if (i === SKIPPED) {
        j--;
        continue;
      }
      routes.push(Array.from(tour.subarray(i, j)));
      j = i;
    }
    return routes.reverse();
  }

  /** Last resort: equal slices (only reached when no route may exceed the limit at all). */
  private evenSplit(tour: Int32Array, maxRoutes: number): number[][] {
    const per = Math.ceil(tour.length / maxRoutes);
    const routes: number[][] = [];
    for (let i = 0; i < tour.length; i += per) routes.push(Array.from(tour.subarray(i, i + per)));
    return routes;
  }
}
