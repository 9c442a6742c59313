import { HgsData } from './hgs-data';
import { routesInPolarOrder } from './polar-order';

/**
 * The linked-list bookkeeping of the route state: the solution under local search as doubly linked
 * lists of nodes, each node's route and position in it, and each route's size.
 *
 * Node ids: clients 1..n are their own node; route r has a start depot node `n + 1 + r` and an end
 * depot node `n + 1 + R + r` (R = route slots = fleet limit).
 */
export class RouteLinks {
  readonly n: number;
  readonly routeSlots: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly routeOf: Int32Array;
  readonly position: Int32Array;
  readonly routeSize: Int32Array;
  /** Slot of each route returned by the last `exportRoutes` (route slot r is vehicle r). */
  exportedSlots: number[] = [];
  /** Length of the per-node arrays: index 0 (unused), the clients 1..n and two depot nodes per route slot. */
  readonly nodeCount: number;

  constructor(
    readonly data: HgsData,
    routeSlots: number,
  ) {
    this.n = data.n;
    this.routeSlots = routeSlots;
    const nodes = data.n + 1 + 2 * routeSlots;
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.routeOf = new Int32Array(nodes);
    this.position = new Int32Array(nodes);
    this.routeSize = new Int32Array(routeSlots);
    this.nodeCount = nodes;
  }

  startDepot(route: number): number {
    return this.n + 1 + route;
  }

  endDepot(route: number): number {
    return this.n + 1 + this.routeSlots + route;
  }

  isClient(node: number): boolean {
    return node <= this.n;
  }

  client(node: number): number {
    return node <= this.n ? node : 0;
  }

  /** Whether a client is on a route (optional clients may be left out). */
  isRouted(client: number): boolean {
    return this.routeOf[client] >= 0;
  }

  /** Relinks: `before -> seq... -> after`. The caller updates the affected routes afterwards. */
  relink(before: number, seq: Int32Array, length: number, after: number): void {
    let previous = before;
    for (let i = 0; i < length; i++) {
      const node = seq[i];
      this.next[previous] = node;
      this.prev[node] = previous;
      previous = node;
    }
    this.next[previous] = after;
    this.prev[after] = previous;
  }

  /** Copies the clients strictly between `from` and `to` (same route) into `seq` from `offset`. */
  copyBetween(from: number, to: number, seq: Int32Array, offset: number): number {
    let length = offset;
    for (let node = this.next[from]; node !== to; node = this.next[node]) seq[length++] = node;
    return length;
  }

  /** Clients of each non-empty route, in polar order (`routesInPolarOrder`); their slots go to `exportedSlots`. */
  exportRoutes(): number[][] {
    const { routes, slots } = routesInPolarOrder(this);
    this.exportedSlots = slots;
    return routes;
  }

  /** First empty route slot, or -1. */
  firstEmptyRoute(): number {
    for (let r = 0; r < this.routeSlots; r++) if (this.routeSize[r] === 0) return r;
    return -1;
  }
}
