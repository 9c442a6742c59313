import { AlnsInstance, ROLE_DELIVERY_JOB, earliestServiceStart, travelM, travelS } from './alns-instance';
import { RouteState } from './route-state';

/** Where a request goes into a route and what it adds to the objective. */
export interface InsertionMove {
  /** Added objective (Infinity when the request cannot go into this route). */
  cost: number;
  /** The (pickup) stop goes after this position (0 = right after the start). */
  after: number;
  /** A shipment's delivery goes after this position of the route as it was; equals `after` when adjacent. */
  deliveryAfter: number;
}

export function noInsertion(): InsertionMove {
  return { cost: Infinity, after: -1, deliveryAfter: -1 };
}

/**
 * Cheapest feasible insertion of `request` into `route`, written into `best`.
 *
 * Time windows and shift end are checked in O(1) per candidate position through the route's
 * earliest-start and latest-start arrays; capacity through its load prefix/suffix maxima (and, for a
 * shipment, the running maximum between pickup and delivery); max distance in O(1). Only a vehicle
 * with a max duration pays an O(n) re-simulation per feasible candidate. The cost is the change in
 * distance and travel time priced by the vehicle's marginal rates, plus the route's fixed part when
 * the route was empty.
 */
export function bestInsertion(route: RouteState, request: number, best: InsertionMove): void {
  best.cost = Infinity;
  best.after = -1;
  best.deliveryAfter = -1;
  const instance = route.instance;
  const v = route.vehicle;
  if (!instance.requestVehicleCompatible[request * instance.vehicleCount + v]) return;
  if (instance.requestIsShipment[request]) shipmentInsertion(instance, route, request, best);
  else jobInsertion(instance, route, request, best);
}

function fitsCapacity(instance: AlnsInstance, v: number, request: number, loads: Float64Array, position: number): boolean {
  const dims = instance.dimensions;
  for (let d = 0; d < dims; d++) {
    if (loads[position * dims + d] + instance.requestAmount[request * dims + d] > instance.vehicleCapacity[v * dims + d]) {
      return false;
    }
  }
  return true;
}

function jobInsertion(instance: AlnsInstance, route: RouteState, request: number, best: InsertionMove): void {
  const v = route.vehicle;
  const stop = instance.requestFirstStop[request];
  const location = instance.stopLocation[stop];
  const serviceS = instance.stopServiceS[stop];
  const isDelivery = instance.stopRole[stop] === ROLE_DELIVERY_JOB;
  const n = route.size;
  const locations = route.locations;
  for (let p = 0; p <= n; p++) {
    // A delivery raises the load from the start up to p; a pickup from the new stop to the end.
    if (isDelivery) {
      if (!fitsCapacity(instance, v, request, route.loadPrefixMax, p)) break;
    } else if (!fitsCapacity(instance, v, request, route.load, p) || !fitsCapacity(instance, v, request, route.loadSuffixMax, p + 1)) {
      continue;
    }
    const from = locations[p];
    const to = locations[p + 1];
    const arrival = route.departureS[p] + travelS(instance, v, from, location);
    const start = earliestServiceStart(instance, stop, arrival);
    if (start === Infinity) continue;
    if (start + serviceS + travelS(instance, v, location, to) > route.latestStartS[p + 1]) continue;
    const addedM = travelM(instance, v, from, location) + travelM(instance, v, location, to) - travelM(instance, v, from, to);
    const addedS = travelS(instance, v, from, location) + travelS(instance, v, location, to) - travelS(instance, v, from, to);
    takeIfCheaper(route, request, p, p, addedM, addedS, best);
  }
}

function shipmentInsertion(instance: AlnsInstance, route: RouteState, request: number, best: InsertionMove): void {
  const v = route.vehicle;
  const pickup = instance.requestFirstStop[request];
  const delivery = pickup + 1;
  const pickupLocation = instance.stopLocation[pickup];
  const deliveryLocation = instance.stopLocation[delivery];
  const pickupServiceS = instance.stopServiceS[pickup];
  const deliveryServiceS = instance.stopServiceS[delivery];
  const n = route.size;
  const locations = route.locations;
  const stops = route.stops;

  for (let p = 0; p <= n; p++) {
    if (!fitsCapacity(instance, v, request, route.load, p)) continue;
    const from = locations[p];
    const pickupStart = earliestServiceStart(instance, pickup, route.departureS[p] + travelS(instance, v, from, pickupLocation));
    if (pickupStart === Infinity) continue;
    const pickupDeparture = pickupStart + pickupServiceS;
    const removedM = travelM(instance, v, from, locations[p + 1]);
    const removedS = travelS(instance, v, from, locations[p + 1]);
    const pickupAddedM = travelM(instance, v, from, pickupLocation) - removedM;
    const pickupAddedS = travelS(instance, v, from, pickupLocation) - removedS;

    // Delivery right after the pickup.
    {
      const to = locations[p + 1];
      const deliveryStart = earliestServiceStart(instance, delivery, pickupDeparture + travelS(instance, v, pickupLocation, deliveryLocation));
      if (deliveryStart !== Infinity && deliveryStart + deliveryServiceS + travelS(instance, v, deliveryLocation, to) <= route.latestStartS[p + 1]) {
        const addedM = pickupAddedM + travelM(instance, v, pickupLocation, deliveryLocation) + travelM(instance, v, deliveryLocation, to);
        const addedS = pickupAddedS + travelS(instance, v, pickupLocation, deliveryLocation) + travelS(instance, v, deliveryLocation, to);
        takeIfCheaper(route, request, p, p, addedM, addedS, best);
      }
    }

    // Delivery later: walk the shifted schedule forward from the stop after the pickup.
    if (p === n) continue;
    const pickupToNextM = travelM(instance, v, pickupLocation, locations[p + 1]);
    const pickupToNextS = travelS(instance, v, pickupLocation, locations[p + 1]);
    let time = pickupDeparture + pickupToNextS;
    for (let k = p + 1; k <= n; k++) {
      // The load between pickup and delivery carries the shipment too.
      if (!fitsCapacity(instance, v, request, route.load, k)) break;
      const stop = stops[k - 1];
      const start = earliestServiceStart(instance, stop, time);
      if (start > route.latestStartS[k]) break; // adding the delivery later can only delay more
      const departure = start + instance.stopServiceS[stop];
      const to = locations[k + 1];
      const deliveryStart = earliestServiceStart(instance, delivery, departure + travelS(instance, v, locations[k], deliveryLocation));
      if (deliveryStart !== Infinity && deliveryStart + deliveryServiceS + travelS(instance, v, deliveryLocation, to) <= route.latestStartS[k + 1]) {
        const deliveryAddedM = travelM(instance, v, locations[k], deliveryLocation) + travelM(instance, v, deliveryLocation, to) - travelM(instance, v, locations[k], to);
        const deliveryAddedS = travelS(instance, v, locations[k], deliveryLocation) + travelS(instance, v, deliveryLocation, to) - travelS(instance, v, locations[k], to);
        takeIfCheaper(route, request, p, k, pickupAddedM + pickupToNextM + deliveryAddedM, pickupAddedS + pickupToNextS + deliveryAddedS, best);
      }
      time = departure + travelS(instance, v, locations[k], to);
    }
  }
}

/**
 * Records the insertion of `request` after position `after` (a shipment's delivery after
 * `deliveryAfter`), which adds `addedM` metres and `addedS` seconds to the route, when it keeps the
 * route within its max distance and max duration and is cheaper than `best`. Priced by the vehicle's
 * marginal rates, plus the route's fixed part when the route was empty.
 */
function takeIfCheaper(route: RouteState, request: number, after: number, deliveryAfter: number, addedM: number, addedS: number, best: InsertionMove): void {
  const instance = route.instance;
  const v = route.vehicle;
  if (route.distanceM + addedM > instance.vehicleMaxDistanceM[v]) return;
  const fixed = route.size === 0 ? instance.vehicleFixedCost[v] : 0;
  const cost = fixed + instance.vehicleCostPerM[v] * addedM + instance.vehicleCostPerS[v] * addedS;
  if (cost >= best.cost) return;
  if (instance.vehicleMaxDurationS[v] !== Infinity && !durationFits(route, request, after, deliveryAfter)) return;
  best.cost = cost;
  best.after = after;
  best.deliveryAfter = deliveryAfter;
}

/**
 * O(n) re-simulation for vehicles with a max duration: the only constraint here whose effect
 * depends on waiting along the whole route, so it is not captured by the O(1) arrays.
 */
function durationFits(route: RouteState, request: number, after: number, deliveryAfter: number): boolean {
  const instance = route.instance;
  const v = route.vehicle;
  const first = instance.requestFirstStop[request];
  const newStops = instance.requestIsShipment[request] ? [first, first + 1] : [first];
  const afterPositions = [after, deliveryAfter];
  const stops: number[] = [];
  for (let k = 0; k <= route.size; k++) {
    if (k > 0) stops.push(route.stops[k - 1]);
    for (let i = 0; i < newStops.length; i++) if (afterPositions[i] === k) stops.push(newStops[i]);
  }
  return scheduleDurationS(instance, v, stops) <= instance.vehicleMaxDurationS[v];
}

/** Duration of a route (start departure delayed to avoid waiting at the first stop to its end). */
export function scheduleDurationS(instance: AlnsInstance, v: number, stops: number[]): number {
  if (stops.length === 0) return 0;
  let previous = instance.vehicleStart[v];
  let time = instance.vehicleShiftStartS[v];
  let firstStart = 0;
  for (let k = 0; k < stops.length; k++) {
    const location = instance.stopLocation[stops[k]];
    const start = earliestServiceStart(instance, stops[k], time + travelS(instance, v, previous, location));
    if (k === 0) firstStart = start - travelS(instance, v, previous, location);
    time = start + instance.stopServiceS[stops[k]];
    previous = location;
  }
  time += travelS(instance, v, previous, instance.vehicleEnd[v]);
  return time - Math.max(instance.vehicleShiftStartS[v], firstStart);
}
