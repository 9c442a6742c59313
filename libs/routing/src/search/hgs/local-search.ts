import { Random } from '../../random';
import { RouteSectors, toCircle } from './circle-sector';
import { HgsData } from './hgs-data';
import { EPSILON, MovePlan, NodeOperator } from './operators/move-plan';
import { Relocate } from './operators/relocate';
import { Swap } from './operators/swap';
import { SwapStar } from './operators/swap-star';
import { TwoOpt } from './operators/two-opt';
import { TwoOptStar } from './operators/two-opt-star';
import { RouteState } from './route-state';
import { TripSlots } from './trip-slots';
import { Penalties } from './segment';
import { OptionalClientMoves } from './optional-clients';
import { WindowChoiceMoves } from './window-choice-moves';
import { otherWindowRouted } from './window-groups';

/**
 * Granular local search (Vidal 2022 style): for every client u in random order and every v among
 * its correlated neighbours, try the node operators in turn and apply the first improving one; then
 * SWAP* between neighbouring routes; repeat until a full pass finds nothing. Pairs whose routes have
 * not changed since u was last examined are skipped.
 */
export class LocalSearch {
  readonly state: RouteState;
  private readonly plan: MovePlan;
  private readonly operators: NodeOperator[];
  /** Operators that make sense when v is a start depot (insert at the front of v's route). */
  private readonly depotOperators: NodeOperator[];
  private readonly twoOptStar = new TwoOptStar();
  private readonly swapStar: SwapStar;
  private readonly order: Int32Array;
  private readonly lastTested: Int32Array;
  private readonly lastTestedSwapStar: Int32Array;
  /** The non-empty route slots, listed for SWAP* pairing. */
  private readonly compact: Int32Array;
  private readonly sectors: RouteSectors;
  /** Polar angle of each client on the integer circle. */
  private readonly circleAngle: Int32Array;
  /** Scratch: the first empty slot of each vehicle type. */
  private readonly emptySlots: Int32Array;
  /** Scratch: the start depots of `emptySlots`. */
  private readonly emptyStarts: Int32Array;
  private readonly optional: OptionalClientMoves;
  private readonly windowChoice: WindowChoiceMoves;
  /** Scratch for `vehicleCapReached`: 1 for each vehicle that drives a route. */
  private readonly inUse: Uint8Array;
  /** `state.moveCount` when `inUse` was last counted, and whether the cap was reached then (it is asked once per client and pass). */
  private capCountedAt = -1;
  private capReached = false;

  /**
   * `vehicleCap`: the most vehicles the routes may use (vehicles first, on a mixed or multi-trip
   * fleet, whose slots are particular vehicles and trips): with that many in use, no client opens a
   * route on another vehicle. A homogeneous fleet is limited by its `routeSlots` instead.
   */
  constructor(
    readonly data: HgsData,
    routeSlots: number,
    private readonly random: Random,
    private readonly vehicleCap = Infinity,
  ) {
    this.state = new RouteState(data, routeSlots);
    this.plan = new MovePlan(data.n);
    const relocate = new Relocate(1, false);
    const relocatePair = new Relocate(2, false);
    const relocatePairReversed = new Relocate(2, true);
    this.operators = [relocate, relocatePair, relocatePairReversed, new Swap(1, 1), new Swap(2, 1), new Swap(2, 2), new TwoOpt()];
    this.depotOperators = [relocate, relocatePair, relocatePairReversed];
    // Cache SWAP* insertions for the route slots a solution normally occupies.
    let totalDemand = 0;
    for (let c = 1; c <= data.n; c++) totalDemand += data.demand[c];
    const usualRoutes = Math.ceil((1.5 * totalDemand) / Math.max(1, data.capacity)) + 20;
    this.swapStar = new SwapStar(data.n, Math.min(routeSlots, usualRoutes));
    this.order = new Int32Array(data.n);
    for (let i = 0; i < data.n; i++) this.order[i] = i + 1;
    this.lastTested = new Int32Array(data.n + 1);
    this.lastTestedSwapStar = new Int32Array(routeSlots);
    this.compact = new Int32Array(routeSlots);
    this.sectors = new RouteSectors(routeSlots);
    this.circleAngle = Int32Array.from(data.plane.angle, toCircle);
    this.emptySlots = new Int32Array(data.multiTrip ? data.vehicleFirstSlot.length - 1 : data.typeCount);
    this.emptyStarts = new Int32Array(this.emptySlots.length);
    this.optional = new OptionalClientMoves(data, this.state, this.plan);
    this.windowChoice = new WindowChoiceMoves(data, this.state, this.plan);
    this.inUse = new Uint8Array(data.vehicleFirstSlot.length - 1);
  }

  /**
   * Improves `routes` (route i on slot `slots[i]`, or slot i) under `penalties` and returns the
   * improved routes; their slots are then in `state.exportedSlots`.
   */
  run(routes: ArrayLike<ArrayLike<number>>, penalties: Penalties, slots?: ArrayLike<number>): number[][] {
    const state = this.state;
    state.load(routes, penalties, slots);
    this.random.shuffle(this.order);
    for (let c = 1; c <= this.data.n; c++) this.random.shuffle(this.data.neighbours[c]);
    this.lastTested.fill(-1);
    this.lastTestedSwapStar.fill(-1);
    // At least two passes: moves into an empty route are only tried from the second one on.
    let improved = true;
    for (let pass = 0; improved || pass < 2; pass++) {
      improved = false;
      for (let i = 0; i < this.order.length; i++) {
        if (this.improveAround(this.order[i], pass)) improved = true;
      }
      if (this.runSwapStar(pass)) improved = true;
      if (this.data.heterogeneous && this.exchangeVehicles()) improved = true;
      if (state.trips && this.reorderTrips(state.trips)) improved = true;
      if (this.data.hasOptional && this.optional.dropUnprofitableRoutes()) improved = true;
    }
    return state.exportRoutes();
  }

  private improveAround(u: number, pass: number): boolean {
    const state = this.state;
    if (this.data.hasOptional) {
      if (!state.isRouted(u)) {
        // Another window of u's job is served: moving to u's window is tried from there.
        if (this.data.hasWindowGroups && otherWindowRouted(this.data, u, (w) => state.isRouted(w))) return false;
        // Opening a route is tried once per run (second pass, when the routes have settled):
        // building and pricing a chain is quadratic in its length, and most left-out clients open nothing.
        return this.optional.insertSkipped(u, this.emptyStarts, pass === 1 ? this.emptyRouteStarts() : 0);
      }
      if (this.data.optional[u] && this.optional.skipIfProfitable(u)) return true;
      if (this.data.windowSiblings[u].length > 0 && this.windowChoice.serveInAnotherWindow(u)) return true;
    }
    const testedAt = this.lastTested[u];
    this.lastTested[u] = state.moveCount;
    let improved = false;
    const neighbours = this.data.neighbours[u];
    for (let k = 0; k < neighbours.length; k++) {
      const v = neighbours[k];
      if (!state.isRouted(v)) continue;
      const changed = Math.max(state.whenModified[state.routeOf[u]], state.whenModified[state.routeOf[v]]);
      if (pass > 0 && changed <= testedAt) continue;
      if (this.tryOperators(this.operators, u, v)) {
        improved = true;
        continue;
      }
      if (this.twoOptStar.tryApply(state, u, v, this.plan)) {
        improved = true;
        continue;
      }
      const before = state.prev[v];
      if (!state.isClient(before)) {
        if (this.tryOperators(this.depotOperators, u, before) || this.twoOptStar.tryApply(state, u, before, this.plan)) {
          improved = true;
        }
      }
    }
    if (pass > 0) {
      // One empty route per vehicle type: a client may open a route on any kind of vehicle.
      const count = this.firstEmptySlotPerType();
      for (let k = 0; k < count; k++) {
        if (this.tryOperators(this.depotOperators, u, state.startDepot(this.emptySlots[k]))) {
          improved = true;
          break;
        }
      }
    }
    return improved;
  }

  /**
   * Fills `emptySlots` with the first empty slot of each vehicle type (the one type of a
   * homogeneous fleet), or with multi-trip vehicles the first empty trip of each vehicle (where a
   * new trip goes changes the chain); returns how many. With the vehicle cap reached, only empty
   * trips of vehicles in use are offered, unless `routeMovesWhole` (a one-trip route changes vehicle:
   * the count in use stays).
   */
  private firstEmptySlotPerType(routeMovesWhole = false): number {
    const state = this.state;
    const out = this.emptySlots;
    const { slotType, typeCount, multiTrip, vehicleFirstSlot } = this.data;
    const capped = !(routeMovesWhole && !multiTrip) && this.vehicleCapReached();
    if (multiTrip) {
      let found = 0;
      for (let vehicle = 0; vehicle + 1 < vehicleFirstSlot.length; vehicle++) {
        if (capped && !this.inUse[vehicle]) continue;
        for (let r = vehicleFirstSlot[vehicle]; r < vehicleFirstSlot[vehicle + 1]; r++) {
          if (state.routeSize[r] !== 0) continue;
          out[found++] = r;
          break;
        }
      }
      return found;
    }
    if (capped) return 0;
    if (typeCount === 1) {
      out[0] = state.firstEmptyRoute();
      return out[0] >= 0 ? 1 : 0;
    }
    let found = 0;
    out.fill(-1);
    for (let r = 0; r < state.routeSlots && found < typeCount; r++) {
      if (state.routeSize[r] !== 0 || out[slotType[r]] >= 0) continue;
      out[slotType[r]] = r;
      found++;
    }
    let k = 0;
    for (let t = 0; t < typeCount; t++) if (out[t] >= 0) out[k++] = out[t];
    return k;
  }

  /** Whether `vehicleCap` vehicles drive routes already (then `inUse` marks them); counted again only after a move. */
  private vehicleCapReached(): boolean {
    if (this.vehicleCap >= this.inUse.length) return false;
    const { routeSize, routeSlots, moveCount } = this.state;
    if (moveCount === this.capCountedAt) return this.capReached;
    const slotVehicle = this.data.slotVehicle;
    this.inUse.fill(0);
    let used = 0;
    for (let r = 0; r < routeSlots; r++) {
      if (routeSize[r] === 0 || this.inUse[slotVehicle[r]]) continue;
      this.inUse[slotVehicle[r]] = 1;
      used++;
    }
    this.capCountedAt = moveCount;
    this.capReached = used >= this.vehicleCap;
    return this.capReached;
  }

  /** Fills `emptyStarts` with the start depots of `firstEmptySlotPerType()`; returns how many. */
  private emptyRouteStarts(): number {
    const count = this.firstEmptySlotPerType();
    for (let k = 0; k < count; k++) this.emptyStarts[k] = this.state.startDepot(this.emptySlots[k]);
    return count;
  }

  private tryOperators(operators: NodeOperator[], u: number, v: number): boolean {
    for (let i = 0; i < operators.length; i++) {
      if (!operators[i].plan(this.state, u, v, this.plan)) continue;
      if (this.plan.delta(this.state) < -EPSILON) {
        this.plan.apply(this.state);
        return true;
      }
    }
    return false;
  }

  /**
   * Mixed fleet: moves a whole route to another vehicle, swapping with that vehicle's route or
   * taking the first empty vehicle of another type, whenever that lowers the penalised cost (the
   * route's clients and order stay; only the rate, fixed cost and capacity change).
   */
  private exchangeVehicles(): boolean {
    const state = this.state;
    const { slotType } = this.data;
    let improved = false;
    for (let a = 0; a < state.routeSlots; a++) {
      if (state.routeSize[a] === 0) continue;
      const count = this.firstEmptySlotPerType(true);
      let bestSlot = -1;
      let bestDelta = -EPSILON;
      const consider = (b: number): void => {
        if (b === a || slotType[b] === slotType[a]) return;
        const delta = state.priceOnSlot(a, b) + state.priceOnSlot(b, a) - state.routeCost[a] - state.routeCost[b];
        if (delta < bestDelta) {
          bestDelta = delta;
          bestSlot = b;
        }
      };
      for (let b = 0; b < state.routeSlots; b++) if (state.routeSize[b] > 0) consider(b);
      for (let k = 0; k < count; k++) consider(this.emptySlots[k]);
      if (bestSlot < 0) continue;
      state.exchangeSlots(a, bestSlot, this.plan.seq1, this.plan.seq2);
      improved = true;
    }
    return improved;
  }

  /**
   * Multi-trip: swaps two consecutive trips of a vehicle whenever that lowers the cost of its chain
   * (a trip of late-released parcels belongs after one of early ones). No client move does this:
   * it would pass through a trip holding both.
   */
  private reorderTrips(slots: TripSlots): boolean {
    const state = this.state;
    const { vehicleFirstSlot } = this.data;
    let improved = false;
    for (let vehicle = 0; vehicle + 1 < vehicleFirstSlot.length; vehicle++) {
      let previous = -1;
      for (let t = vehicleFirstSlot[vehicle]; t < vehicleFirstSlot[vehicle + 1]; t++) {
        if (state.routeSize[t] === 0) continue;
        if (previous >= 0 && slots.swapDelta(state, previous, t) < -EPSILON) {
          state.exchangeSlots(previous, t, this.plan.seq1, this.plan.seq2);
          improved = true;
        }
        previous = t;
      }
    }
    return improved;
  }

  /** SWAP* between every two routes whose polar sectors overlap (as HGS-CVRP). */
  private runSwapStar(pass: number): boolean {
    const state = this.state;
    let routes = 0;
    for (let r = 0; r < state.routeSlots; r++) if (state.routeSize[r] > 0) this.compact[routes++] = r;
    if (routes < 2) return false;
    this.updateSectors();
    let improved = false;
    for (let i = 0; i < routes; i++) {
      const a = this.compact[i];
      for (let j = i + 1; j < routes; j++) {
        const b = this.compact[j];
        if (!this.sectors.overlap(a, b)) continue;
        if (pass > 0 && Math.max(state.whenModified[a], state.whenModified[b]) <= this.lastTestedSwapStar[a]) continue;
        if (this.swapStar.tryApply(state, a, b, this.plan)) improved = true;
      }
    }
    for (let r = 0; r < state.routeSlots; r++) if (state.routeSize[r] > 0) this.lastTestedSwapStar[r] = state.moveCount;
    return improved;
  }

  private updateSectors(): void {
    const state = this.state;
    for (let r = 0; r < state.routeSlots; r++) {
      if (state.routeSize[r] === 0) continue;
      const end = state.endDepot(r);
      let node = state.next[state.startDepot(r)];
      this.sectors.reset(r, this.circleAngle[node]);
      for (node = state.next[node]; node !== end; node = state.next[node]) this.sectors.extend(r, this.circleAngle[node]);
    }
  }
}
