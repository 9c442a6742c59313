import { HgsData } from './hgs-data';
import { SolverInternalError } from '../../model/problem';
import { Penalties, SegmentAccumulator } from './segment';
import { priceChains } from './trip-chain';
import { otherWindowRouted } from './window-groups';

/**
 * One solution in the population: its routes, the giant tour (routes concatenated, the chromosome
 * for crossover), neighbour arrays for the broken-pairs distance, and its cost split into distance
 * and infeasibility so the penalised cost can be recomputed when penalties change.
 */
export class Individual {
  readonly giantTour: Int32Array;
  /** Successor / predecessor of each client (0 = depot), for the broken-pairs distance. */
  readonly successor: Int32Array;
  readonly predecessor: Int32Array;
  /** Arc costs (at each vehicle's rate) plus fixed and duration costs of the routes plus the penalties of left-out optional clients. */
  cost = 0;
  excessLoad = 0;
  timeWarpS = 0;
  /** Metres above the vehicles' distance limits. */
  excessDistance = 0;
  penalisedCost = 0;
  /** Broken-pairs distances to the other members of its subpopulation, ascending. */
  proximity: Array<{ distance: number; other: Individual }> = [];
  biasedFitness = 0;

  /**
   * `slots[i]` is the vehicle (route slot) of route i; a homogeneous fleet needs none: every route
   * is priced like the reference vehicle and route i is later driven by vehicle i.
   */
  constructor(
    readonly data: HgsData,
    readonly routes: number[][],
    penalties: Penalties,
    scratch: SegmentAccumulator,
    readonly slots?: number[],
  ) {
    this.giantTour = new Int32Array(data.n);
    this.successor = new Int32Array(data.n + 1);
    this.predecessor = new Int32Array(data.n + 1);
    let k = 0;
    for (let r = 0; r < routes.length; r++) {
      const route = routes[r];
      const slot = slots ? slots[r] : data.referenceSlot;
      scratch.startAtDepot(slot);
      for (let i = 0; i < route.length; i++) {
        const c = route[i];
        this.giantTour[k++] = c;
        this.predecessor[c] = i === 0 ? 0 : route[i - 1];
        this.successor[c] = i === route.length - 1 ? 0 : route[i + 1];
        scratch.appendClient(c);
      }
      scratch.appendClient(0);
      this.cost += scratch.routeCost();
      this.excessLoad += Math.max(scratch.excessLoad(), 0);
      // A trip's time is its vehicle's chain's (below).
      if (!data.multiTrip) {
        this.timeWarpS += scratch.routeTimeWarp();
        this.excessDistance += scratch.excessDistance();
      }
    }
    if (data.multiTrip) {
      if (!slots) throw new SolverInternalError('trips without their slots');
      const chains = priceChains(data, routes, slots, scratch);
      this.cost += chains.vehicleCost;
      this.timeWarpS += chains.timeWarpS;
      this.excessDistance += chains.excessDistance;
    }
    // Clients left out close the giant tour, in client order; an optional job none of whose windows is served pays its penalty once.
    if (data.hasOptional && k < data.n) {
      const routed = new Uint8Array(data.n + 1);
      for (const route of routes) for (const c of route) routed[c] = 1;
      for (let c = 1; c <= data.n; c++) {
        if (routed[c]) continue;
        this.giantTour[k++] = c;
        this.successor[c] = this.predecessor[c] = -1;
        if (data.windowGroup[c] === c && !otherWindowRouted(data, c, (w) => routed[w] === 1)) this.cost += data.skipPenalty[c];
      }
    }
    this.updatePenalisedCost(penalties);
  }

  get routeCount(): number {
    return this.routes.length;
  }

  /** Vehicles used: what the vehicles-first objective counts (a vehicle's several trips count once). */
  get vehicleCount(): number {
    return vehiclesUsed(this.data, this.routes.length, this.slots);
  }

  get feasible(): boolean {
    return this.excessLoad === 0 && this.timeWarpS === 0 && this.excessDistance === 0;
  }

  updatePenalisedCost(penalties: Penalties): void {
    this.penalisedCost = this.cost + penalties.capacity * this.excessLoad + penalties.timeWarp * this.timeWarpS + penalties.distance * this.excessDistance;
  }

  /** Broken-pairs distance in [0, 1]: the share of clients whose neighbours differ. */
  brokenPairsDistance(other: Individual): number {
    let differences = 0;
    const n = this.data.n;
    for (let c = 1; c <= n; c++) {
      const next = this.successor[c];
      if (next !== other.successor[c] && next !== other.predecessor[c]) differences++;
      if (this.predecessor[c] === 0 && other.predecessor[c] !== 0 && other.successor[c] !== 0) differences++;
    }
    return differences / n;
  }

  /** Mean distance to the `count` closest members. */
  averageClosestDistance(count: number): number {
    const m = Math.min(count, this.proximity.length);
    if (m === 0) return 0;
    let total = 0;
    for (let i = 0; i < m; i++) total += this.proximity[i].distance;
    return total / m;
  }
}

/** Vehicles that drive `routeCount` routes on `slots` (route i on slot i without them): the routes, unless some are trips of one vehicle. */
export function vehiclesUsed(data: HgsData, routeCount: number, slots?: ArrayLike<number>): number {
  if (!data.multiTrip || !slots) return routeCount;
  const used = new Set<number>();
  for (let i = 0; i < routeCount; i++) used.add(data.slotVehicle[slots[i]]);
  return used.size;
}
