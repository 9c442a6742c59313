import { routeCost } from '../../evaluation/cost-evaluator';
import { AlnsInstance, ROLE_DELIVERY_JOB, ROLE_SHIPMENT_DELIVERY, earliestServiceStart, latestServiceStart, travelM, travelS } from './alns-instance';

/**
 * One vehicle's route and the arrays that make insertion checks O(1).
 *
 * Positions: 0 is the vehicle's start, 1..n the stops, n+1 its end (location -1 when open). After
 * every change `refresh()` recomputes, in O(n):
 * - `serviceStartS[k]`: earliest service start (forward pass, waiting allowed);
 * - `latestStartS[k]`: latest service start at k that keeps the rest of the route feasible (backward
 *   pass); feasibility is monotone in arrival time, so one number per position suffices;
 * - `load[k*D+d]`: load on board when leaving k, with its prefix and suffix maxima;
 * - `distanceToM[k]`: distance driven from the start to k.
 */
export class RouteState {
  stops: number[] = [];
  locations = new Int32Array(2);
  serviceStartS = new Float64Array(2);
  departureS = new Float64Array(2);
  latestStartS = new Float64Array(2);
  distanceToM = new Float64Array(2);
  load = new Float64Array(0);
  loadPrefixMax = new Float64Array(0);
  loadSuffixMax = new Float64Array(0);
  distanceM = 0;
  durationS = 0;
  /** Objective value of this route (0 when empty), through the cost evaluator. */
  cost = 0;
  feasible = true;

  constructor(
    readonly instance: AlnsInstance,
    readonly vehicle: number,
  ) {
    this.refresh();
  }

  get size(): number {
    return this.stops.length;
  }

  isEmpty(): boolean {
    return this.stops.length === 0;
  }

  clone(): RouteState {
    const copy = new RouteState(this.instance, this.vehicle);
    copy.stops = this.stops.slice();
    copy.refresh();
    return copy;
  }

  copyFrom(other: RouteState): void {
    this.stops = other.stops.slice();
    this.refresh();
  }

  refresh(): void {
    const instance = this.instance;
    const v = this.vehicle;
    const n = this.stops.length;
    const positions = n + 2;
    const dims = instance.dimensions;
    if (this.locations.length < positions) this.grow(positions * 2);
    if (this.load.length < positions * dims) this.growLoads(positions * 2);

    const locations = this.locations;
    locations[0] = instance.vehicleStart[v];
    for (let k = 0; k < n; k++) locations[k + 1] = instance.stopLocation[this.stops[k]];
    locations[n + 1] = instance.vehicleEnd[v];

    // Forward pass: times and distance.
    let feasible = true;
    this.serviceStartS[0] = instance.vehicleShiftStartS[v];
    this.departureS[0] = this.serviceStartS[0];
    this.distanceToM[0] = 0;
    for (let k = 1; k <= n + 1; k++) {
      const arrival = this.departureS[k - 1] + travelS(instance, v, locations[k - 1], locations[k]);
      this.distanceToM[k] = this.distanceToM[k - 1] + travelM(instance, v, locations[k - 1], locations[k]);
      if (k <= n) {
        const stop = this.stops[k - 1];
        const start = earliestServiceStart(instance, stop, arrival);
        if (start === Infinity) feasible = false;
        this.serviceStartS[k] = start;
        this.departureS[k] = start + instance.stopServiceS[stop];
      } else {
        this.serviceStartS[k] = arrival;
        this.departureS[k] = arrival;
        if (arrival > instance.vehicleShiftEndS[v]) feasible = false;
      }
    }

    // Backward pass: latest feasible service starts.
    this.latestStartS[n + 1] = instance.vehicleShiftEndS[v];
    for (let k = n; k >= 1; k--) {
      const stop = this.stops[k - 1];
      const bound = this.latestStartS[k + 1] - travelS(instance, v, locations[k], locations[k + 1]) - instance.stopServiceS[stop];
      this.latestStartS[k] = latestServiceStart(instance, stop, bound);
    }
    this.latestStartS[0] = this.latestStartS[1] - travelS(instance, v, locations[0], locations[1]);
    if (n === 0) this.latestStartS[0] = instance.vehicleShiftEndS[v] - travelS(instance, v, locations[0], locations[1]);

    // Loads: deliveries of single jobs are on board from the start.
    const load = this.load;
    for (let d = 0; d < dims; d++) load[d] = 0;
    for (let k = 0; k < n; k++) {
      const stop = this.stops[k];
      if (instance.stopRole[stop] === ROLE_DELIVERY_JOB) {
        const base = instance.stopRequest[stop] * dims;
        for (let d = 0; d < dims; d++) load[d] += instance.requestAmount[base + d];
      }
    }
    for (let k = 1; k <= n + 1; k++) {
      for (let d = 0; d < dims; d++) load[k * dims + d] = load[(k - 1) * dims + d];
      if (k <= n) {
        const stop = this.stops[k - 1];
        const role = instance.stopRole[stop];
        const sign = role === ROLE_DELIVERY_JOB || role === ROLE_SHIPMENT_DELIVERY ? -1 : 1;
        const base = instance.stopRequest[stop] * dims;
        for (let d = 0; d < dims; d++) load[k * dims + d] += sign * instance.requestAmount[base + d];
      }
    }
    for (let d = 0; d < dims; d++) {
      this.loadPrefixMax[d] = load[d];
      for (let k = 1; k <= n + 1; k++) {
        this.loadPrefixMax[k * dims + d] = Math.max(this.loadPrefixMax[(k - 1) * dims + d], load[k * dims + d]);
      }
      this.loadSuffixMax[(n + 1) * dims + d] = load[(n + 1) * dims + d];
      for (let k = n; k >= 0; k--) {
        this.loadSuffixMax[k * dims + d] = Math.max(this.loadSuffixMax[(k + 1) * dims + d], load[k * dims + d]);
      }
      if (this.loadPrefixMax[(n + 1) * dims + d] > instance.vehicleCapacity[v * dims + d]) feasible = false;
    }

    this.distanceM = this.distanceToM[n + 1];
    this.durationS = n === 0 ? 0 : this.departureS[n + 1] - this.startDepartureS();
    if (this.durationS > instance.vehicleMaxDurationS[v] || this.distanceM > instance.vehicleMaxDistanceM[v]) {
      feasible = false;
    }
    this.feasible = feasible;
    this.cost = n === 0 ? 0 : routeCost(instance.problem.objective, instance.problem.vehicles[v], this.distanceM, this.durationS);
  }

  /**
   * The vehicle leaves its start as late as it can without delaying the first service, so the
   * reported duration does not count waiting before the first stop.
   */
  startDepartureS(): number {
    if (this.stops.length === 0) return this.departureS[0];
    const travel = travelS(this.instance, this.vehicle, this.locations[0], this.locations[1]);
    return Math.max(this.departureS[0], this.serviceStartS[1] - travel);
  }

  /** Position (1-based) of a stop in this route, or -1. */
  positionOf(stop: number): number {
    const index = this.stops.indexOf(stop);
    return index < 0 ? -1 : index + 1;
  }

  /** Removes every stop of `request` (one for a job, two for a shipment) and refreshes. */
  removeRequest(request: number): void {
    const first = this.instance.requestFirstStop[request];
    const last = this.instance.requestIsShipment[request] ? first + 1 : first;
    this.stops = this.stops.filter((stop) => stop < first || stop > last);
    this.refresh();
  }

  /** Inserts a job after position `after`, or a shipment's pickup after `after` and its delivery after `deliveryAfter`. */
  insertRequest(request: number, after: number, deliveryAfter: number): void {
    const first = this.instance.requestFirstStop[request];
    if (this.instance.requestIsShipment[request]) {
      // deliveryAfter counts positions in the route before the pickup goes in.
      this.stops.splice(deliveryAfter, 0, first + 1);
      this.stops.splice(after, 0, first);
    } else {
      this.stops.splice(after, 0, first);
    }
    this.refresh();
  }

  private grow(length: number): void {
    this.locations = new Int32Array(length);
    this.serviceStartS = new Float64Array(length);
    this.departureS = new Float64Array(length);
    this.latestStartS = new Float64Array(length);
    this.distanceToM = new Float64Array(length);
  }

  private growLoads(length: number): void {
    const dims = this.instance.dimensions;
    this.load = new Float64Array(length * dims);
    this.loadPrefixMax = new Float64Array(length * dims);
    this.loadSuffixMax = new Float64Array(length * dims);
  }
}
