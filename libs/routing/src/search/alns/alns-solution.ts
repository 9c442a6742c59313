import { AlnsInstance } from './alns-instance';
import { RouteState } from './route-state';

/**
 * A working solution: one route per vehicle (possibly empty), where each request sits, and the
 * requests left out. `cost` is the search objective: route costs plus unassigned penalties (the
 * mandatory penalty is search-only; the reported solution is flagged infeasible instead).
 */
export class AlnsSolution {
  readonly routes: RouteState[];
  /** Vehicle serving each request, or -1. */
  readonly requestVehicle: Int32Array;

  constructor(readonly instance: AlnsInstance) {
    this.routes = [];
    for (let v = 0; v < instance.vehicleCount; v++) this.routes.push(new RouteState(instance, v));
    this.requestVehicle = new Int32Array(instance.requestCount).fill(-1);
  }

  clone(): AlnsSolution {
    const copy = new AlnsSolution(this.instance);
    copy.copyFrom(this);
    return copy;
  }

  copyFrom(other: AlnsSolution): void {
    for (let v = 0; v < this.routes.length; v++) {
      if (this.routes[v].stops.length !== 0 || other.routes[v].stops.length !== 0) this.routes[v].copyFrom(other.routes[v]);
    }
    this.requestVehicle.set(other.requestVehicle);
  }

  unassignedRequests(): number[] {
    const result: number[] = [];
    for (let r = 0; r < this.requestVehicle.length; r++) if (this.requestVehicle[r] < 0) result.push(r);
    return result;
  }

  unassignedCount(): number {
    let count = 0;
    for (let r = 0; r < this.requestVehicle.length; r++) if (this.requestVehicle[r] < 0) count++;
    return count;
  }

  usedRoutes(): number {
    let count = 0;
    for (const route of this.routes) if (!route.isEmpty()) count++;
    return count;
  }

  routesCost(): number {
    let total = 0;
    for (const route of this.routes) total += route.cost;
    return total;
  }

  /**
   * Search objective. `mandatoryPenalty` replaces the (huge) price of a mandatory request left out,
   * for phases that let the search pass through incomplete solutions.
   */
  cost(mandatoryPenalty?: number): number {
    let total = this.routesCost();
    for (let r = 0; r < this.requestVehicle.length; r++) {
      if (this.requestVehicle[r] >= 0) continue;
      const mandatory = this.instance.requestMandatory[r] === 1;
      total += mandatory && mandatoryPenalty !== undefined ? mandatoryPenalty : this.instance.requestPenalty[r];
    }
    return total;
  }

  /** Requests served by route v, each once, in route order of their first stop. */
  requestsOf(v: number): number[] {
    const result: number[] = [];
    for (const stop of this.routes[v].stops) {
      const request = this.instance.stopRequest[stop];
      if (this.instance.requestFirstStop[request] === stop) result.push(request);
    }
    return result;
  }

  remove(request: number): void {
    const v = this.requestVehicle[request];
    if (v < 0) return;
    this.routes[v].removeRequest(request);
    this.requestVehicle[request] = -1;
  }

  insert(request: number, v: number, after: number, deliveryAfter: number): void {
    this.routes[v].insertRequest(request, after, deliveryAfter);
    this.requestVehicle[request] = v;
  }

  assignedRequests(): number[] {
    const result: number[] = [];
    for (let r = 0; r < this.requestVehicle.length; r++) if (this.requestVehicle[r] >= 0) result.push(r);
    return result;
  }
}
