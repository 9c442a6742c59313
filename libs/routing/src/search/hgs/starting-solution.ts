import { GivenRoute, Problem } from '../../model/problem';
import { HgsData } from './hgs-data';
import { otherWindowRouted } from './window-groups';

/** A caller's starting solution as HGS holds one: client routes, each on its vehicle's slot. */
export interface StartingRoutes {
  routes: number[][];
  /** `slots[i]` is the vehicle (route slot) of `routes[i]`. */
  slots: number[];
}

/**
 * The given routes (checked by `setGivenRoutesApart`) as client routes, one per trip on its
 * vehicle's trip slots (a route with reloads is several trips), empty ones dropped. A
 * mandatory client on no route is placed where it adds the least arc cost, or on a route of its own
 * when a vehicle is free and that costs less, so the start is a whole solution, infeasible at
 * worst; optional clients on no route stay out (the local search tries them in). A job of several
 * windows is named once: it starts in the window its route reaches it in (`inReachedWindows`).
 */
export function startingRoutes(problem: Problem, data: HgsData, given: GivenRoute[]): StartingRoutes {
  // A job of several windows is named by its first window's client (`inReachedWindows` picks the window).
  const client = new Map<string, number>();
  problem.jobs.forEach((job, k) => client.set(job.id, client.get(job.id) ?? k + 1));
  const vehicleIndex = new Map(problem.vehicles.map((vehicle, k) => [vehicle.id, k]));
  const routes: number[][] = [];
  const slots: number[] = [];
  const routed = new Uint8Array(data.n + 1);
  for (const route of given) {
    const k = vehicleIndex.get(route.vehicleId)!;
    const first = data.vehicleFirstSlot[k];
    const slotCount = data.vehicleFirstSlot[k + 1] - first;
    tripsOf(route, client).forEach((clients, t) => {
      for (const c of clients) routed[c] = 1;
      // Trip t rides on the vehicle's trip slot t (slots run in trip order); trips beyond its slots
      // join the last one, an overloaded start the search splits again.
      const s = first + Math.min(t, slotCount - 1);
      const on = slots.indexOf(s);
      if (on >= 0) routes[on].push(...clients);
      else {
        routes.push(clients);
        slots.push(s);
      }
    });
  }
  inReachedWindows(data, routes, slots);
  for (let c = 1; c <= data.n; c++)
    if (!routed[c] && !data.optional[c] && data.windowGroup[c] === c && !otherWindowRouted(data, c, (w) => routed[w] === 1)) placeCheapest(data, routes, slots, c);
  return { routes, slots };
}

/**
 * Each job of several windows in the window its given route reaches it in: the earliest one still
 * open on arrival, the route leaving at its shift's start (or its clients' last release) and waiting
 * when early, as `priceRoutes` times given routes. A dispatcher's plan serving a village after
 * lunch then starts as given, feasible when it is, and the search keeps it.
 */
function inReachedWindows(data: HgsData, routes: number[][], slots: number[]): void {
  if (!data.hasWindowGroups) return;
  routes.forEach((route, r) => {
    const travel = data.profileTravelS[data.slotProfile[slots[r]]];
    let time = data.slotShiftStart[slots[r]];
    for (const c of route) time = Math.max(time, data.releaseS[c]);
    let previous = 0;
    route.forEach((c, i) => {
      const arrival = time + travel[previous * data.stride + c];
      // c is the job's first window; its other windows follow in order.
      const served = [c, ...data.windowSiblings[c]].find((w) => arrival <= data.lateS[w]) ?? c;
      route[i] = served;
      time = Math.max(arrival, data.earlyS[served]) + data.serviceS[served];
      previous = served;
    });
  });
}

/** A given route's trips as client lists (HGS-shaped problems have jobs only), cut at its reloads, empty ones dropped. */
function tripsOf(route: GivenRoute, client: Map<string, number>): number[][] {
  const trips: number[][] = [[]];
  for (const visit of route.visits) {
    if ('reloadLocation' in visit) trips.push([]);
    else if ('jobId' in visit) trips[trips.length - 1].push(client.get(visit.jobId)!);
  }
  return trips.filter((trip) => trip.length > 0);
}

function placeCheapest(data: HgsData, routes: number[][], slots: number[], c: number): void {
  // Whole routes out of a depot and back, as Split cuts them (trips between depots included).
  const arc = (s: number, from: number, to: number): number => data.profileArcCost[data.slotTourProfile[s]][from * data.stride + to] * data.slotCostFactor[s];
  let bestCost = Infinity;
  let bestRoute = -1;
  let bestPosition = 0;
  routes.forEach((route, r) => {
    for (let p = 0; p <= route.length; p++) {
      const before = p === 0 ? 0 : route[p - 1];
      const after = p === route.length ? 0 : route[p];
      const added = arc(slots[r], before, c) + arc(slots[r], c, after) - arc(slots[r], before, after);
      if (added < bestCost) [bestCost, bestRoute, bestPosition] = [added, r, p];
    }
  });
  const free = lowestFreeSlot(data, slots);
  if (free >= 0 && arc(free, 0, c) + arc(free, c, 0) + data.slotFixedCost[free] < bestCost) {
    routes.push([c]);
    slots.push(free);
  } else {
    routes[bestRoute].splice(bestPosition, 0, c);
  }
}

function lowestFreeSlot(data: HgsData, slots: number[]): number {
  for (let s = 0; s < data.maxRoutes; s++) if (!slots.includes(s)) return s;
  return -1;
}
