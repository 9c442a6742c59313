import { arcCost } from '../../../src/evaluation/cost-evaluator';
import { Job, Problem, Vehicle } from '../../../src/model/problem';
import { FORBIDDEN_ARC_COST } from '../../../src/search/hgs/hgs-data';
import { Random } from '../../../src/random';

export interface TinyClient {
  x: number;
  y: number;
  demand: number;
  window?: [number, number];
  serviceS?: number;
}

/**
 * A problem on a plane: location 0 is the depot at `depot`, distances and durations are rounded
 * Euclidean lengths, so costs can be checked by hand. `otherDepots` are further locations after
 * the clients' (n + 1, n + 2, ...), for vehicles to start, end or reload at.
 */
export function planeProblem(
  depot: [number, number],
  clients: TinyClient[],
  options: { capacity: number; vehicles?: number; horizon?: number; objective?: Problem['objective']; otherDepots?: Array<[number, number]> },
): Problem {
  const points = [depot, ...clients.map((c) => [c.x, c.y] as [number, number]), ...(options.otherDepots ?? [])];
  const size = points.length;
  const matrix = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) matrix[i * size + j] = Math.round(Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]));
  }
  const horizon = options.horizon ?? 1_000_000;
  return {
    name: 'plane',
    profiles: { car: { size, distanceM: matrix, durationS: matrix } },
    vehicles: Array.from({ length: options.vehicles ?? clients.length }, (_, k) => ({
      id: `v${k}`,
      startLocation: 0,
      endLocation: 0,
      capacity: [options.capacity],
      fixedCostFen: 0,
      costPerKmFen: 0,
      costPerHourFen: 0,
      profile: 'car',
      shift: { startS: 0, endS: horizon },
    })),
    jobs: clients.map((c, k) => ({
      id: `j${k + 1}`,
      kind: 'delivery' as const,
      location: k + 1,
      serviceS: c.serviceS ?? 0,
      timeWindows: c.window ? [{ startS: c.window[0], endS: c.window[1] }] : [],
      amount: [c.demand],
    })),
    shipments: [],
    objective: options.objective ?? 'distance',
  };
}

/** A random instance on a 100 x 100 square, optionally with time windows that often bind. */
export function randomProblem(random: Random, n: number, withWindows: boolean): Problem {
  const clients: TinyClient[] = [];
  for (let i = 0; i < n; i++) {
    const start = random.nextInt(300);
    clients.push({
      x: random.nextInt(100),
      y: random.nextInt(100),
      demand: 1 + random.nextInt(10),
      window: withWindows ? [start, start + 20 + random.nextInt(100)] : undefined,
      serviceS: withWindows ? random.nextInt(10) : 0,
    });
  }
  return planeProblem([50, 50], clients, { capacity: 25, horizon: withWindows ? 500 : 1_000_000 });
}

/**
 * `randomProblem` with a mixed fleet of three vehicles under the `cost` objective: capacities 15,
 * 25 and 40, fixed costs 50, 120 and 300 fen, 700, 1000 and 1800 fen per km.
 */
export function randomMixedFleetProblem(random: Random, n: number, withWindows: boolean): Problem {
  const problem = randomProblem(random, n, withWindows);
  const types = [
    { capacity: 15, fixedCostFen: 50, costPerKmFen: 700 },
    { capacity: 25, fixedCostFen: 120, costPerKmFen: 1000 },
    { capacity: 40, fixedCostFen: 300, costPerKmFen: 1800 },
  ];
  problem.vehicles = types.map((type, k) => ({ ...problem.vehicles[0], id: `v${k}`, capacity: [type.capacity], fixedCostFen: type.fixedCostFen, costPerKmFen: type.costPerKmFen }));
  problem.objective = 'cost';
  return problem;
}

/**
 * A planner-like instance: `randomProblem` with time windows and three vehicles, each on its own
 * profile (a van at the plane's speed, a tricycle at half of it, a motorcycle at 5/4 of it and 10 %
 * longer roads), with three capacity dimensions, fixed costs, costs per km and per hour, its own
 * shift and (van and motorcycle) a maximum duration; a third of the jobs are pickups, mixed with
 * the deliveries in any order.
 */
export function randomRichProblem(random: Random, n: number): Problem {
  const problem = randomProblem(random, n, true);
  const plane = problem.profiles.car;
  const scaled = (distance: number, duration: number) => ({
    size: plane.size,
    distanceM: Int32Array.from(plane.distanceM, (value) => Math.round(value * distance)),
    durationS: Int32Array.from(plane.durationS, (value) => Math.round(value * duration)),
  });
  problem.profiles = { van: scaled(1, 1), tricycle: scaled(1, 2), motorcycle: scaled(1.1, 0.8) };
  const base = problem.vehicles[0];
  problem.vehicles = [
    { ...base, id: 'van', profile: 'van', capacity: [40, 30, 8], fixedCostFen: 300, costPerKmFen: 1800, costPerHourFen: 3600, shift: { startS: 0, endS: 500 }, maxDurationS: 350 },
    { ...base, id: 'tricycle', profile: 'tricycle', capacity: [20, 25, 5], fixedCostFen: 120, costPerKmFen: 700, costPerHourFen: 1800, shift: { startS: 60, endS: 500 } },
    {
      ...base,
      id: 'motorcycle',
      profile: 'motorcycle',
      capacity: [10, 8, 3],
      fixedCostFen: 50,
      costPerKmFen: 1000,
      costPerHourFen: 2400,
      shift: { startS: 0, endS: 420 },
      maxDurationS: 250,
    },
  ];
  for (const job of problem.jobs) {
    job.amount = [job.amount[0], 1 + random.nextInt(8), 1 + random.nextInt(2)];
    if (random.nextInt(3) === 0) job.kind = 'pickup';
  }
  problem.objective = 'cost';
  return problem;
}

/** Gives about a third of the jobs a release time in [0, 200): their route leaves no earlier. */
export function withReleaseTimes(random: Random, problem: Problem): Problem {
  for (const job of problem.jobs) if (random.nextInt(3) === 0) job.releaseS = random.nextInt(200);
  return problem;
}

/** Makes about a third of the jobs pickups (backhauls), served after the deliveries (VRPB). */
export function withBackhauls(random: Random, problem: Problem): Problem {
  for (const job of problem.jobs) if (random.nextInt(3) === 0) job.kind = 'pickup';
  problem.linehaulBeforeBackhaul = true;
  return problem;
}

/** Makes about half the jobs optional, each with a penalty of 0 to 150 (a prize-collecting instance). */
export function withOptionalClients(random: Random, problem: Problem): Problem {
  for (const job of problem.jobs) if (random.nextInt(2) === 0) job.unassignedPenaltyFen = random.nextInt(151);
  return problem;
}

/**
 * Skills 'cold' and 'lift': vehicle 0 has 'cold', vehicle 1 both, the others none (their order
 * cycles when there are more); about a third of the jobs need 'cold', a quarter 'lift'.
 */
export function withSkills(random: Random, problem: Problem): Problem {
  const sets = [['cold'], ['cold', 'lift'], []];
  problem.vehicles = problem.vehicles.map((vehicle, k) => ({ ...vehicle, skills: sets[k % sets.length] }));
  for (const job of problem.jobs) {
    const skills = [...(random.nextInt(3) === 0 ? ['cold'] : []), ...(random.nextInt(4) === 0 ? ['lift'] : [])];
    if (skills.length > 0) job.skills = skills;
  }
  return problem;
}

/** Penalties of the optional jobs missing from `routes`. */
export function skippedPenalty(problem: Problem, routes: number[][]): number {
  const routed = new Set(routes.flat());
  return problem.jobs.reduce((total, job, k) => total + (routed.has(k + 1) ? 0 : (job.unassignedPenaltyFen ?? 0)), 0);
}

/**
 * Penalised cost of one route on vehicle `vehicleIndex`, computed the slow, obvious way (forward
 * simulation on the vehicle's own matrices: wait when early, when late count the lateness as time
 * warp and continue from the window's end). The route pays its fixed cost, its rate per km and,
 * per hour, its duration (travel, service and waiting; time warp counted as if driven). The load on
 * board is followed stop by stop in every dimension (deliveries on board from the start, pickups
 * from their stop); the peak's excess is penalised, each dimension weighted by the fleet's largest
 * capacity of dimension 0 over its largest capacity in that dimension.
 */
export function referenceRouteCost(problem: Problem, clients: number[], penalties: ReferencePenalties, vehicleIndex = 0): number {
  if (clients.length === 0) return 0;
  const vehicle = problem.vehicles[vehicleIndex];
  const { warp, durationS, distance, metres } = referenceSchedule(problem, clients, vehicle);
  const price = problem.objective === 'cost' ? vehicle.fixedCostFen + (vehicle.costPerKmFen * distance) / 1000 + (vehicle.costPerHourFen * durationS) / 3600 : distance;
  const overDuration = vehicle.maxDurationS === undefined ? 0 : Math.max(durationS - vehicle.maxDurationS, 0);
  return price + penalties.capacity * referenceExcessLoad(problem, clients, vehicle) + penalties.timeWarp * (warp + overDuration) + overDistance(vehicle, metres, penalties);
}

/** Penalty weights of the reference prices; `distance` (per metre over a vehicle's limit) defaults to 0. */
export type ReferencePenalties = { capacity: number; timeWarp: number; distance?: number };

/** Penalty for the metres a vehicle drives above its distance limit. */
const overDistance = (vehicle: Vehicle, metres: number, penalties: ReferencePenalties): number =>
  vehicle.maxDistanceM === undefined ? 0 : (penalties.distance ?? 0) * Math.max(metres - vehicle.maxDistanceM, 0);

/** Peak load's excess over the vehicle's capacity, summed over dimensions at their weights. */
function referenceExcessLoad(problem: Problem, clients: number[], vehicle: Vehicle): number {
  const dims = vehicle.capacity.length;
  const onBoard = new Array<number>(dims).fill(0);
  for (const c of clients) if (problem.jobs[c - 1].kind === 'delivery') problem.jobs[c - 1].amount.forEach((a, k) => (onBoard[k] += a));
  const peak = [...onBoard];
  for (const c of clients) {
    const job = problem.jobs[c - 1];
    job.amount.forEach((a, k) => {
      onBoard[k] += job.kind === 'pickup' ? a : -a;
      peak[k] = Math.max(peak[k], onBoard[k]);
    });
  }
  const largest = (k: number): number => Math.max(...problem.vehicles.map((v) => v.capacity[k]));
  let excess = 0;
  for (let k = 0; k < dims; k++) excess += (dims === 1 ? 1 : largest(0) / largest(k)) * Math.max(peak[k] - vehicle.capacity[k], 0);
  return excess;
}

/**
 * Time warp, duration and distance of the route. Leaving at the shift start (or the last release)
 * when time is not priced and the vehicle has no duration limit; otherwise every whole second of
 * the shift is tried as departure and the one with the least time warp, then the shortest
 * duration, is kept (the route leaves when it loses least).
 */
function referenceSchedule(problem: Problem, clients: number[], vehicle: Vehicle): Schedule {
  const release = Math.max(vehicle.shift.startS, ...clients.map((c) => problem.jobs[c - 1].releaseS ?? 0));
  return bestDeparture(vehicle, release, (departureS) => simulate(problem, [clients], vehicle, departureS));
}

/** `distance` as priced (a forbidden backhaul arc at its prohibitive cost); `metres` as driven. */
type Schedule = { warp: number; durationS: number; distance: number; metres: number };

/** `run` from `earliestS`, and when time is priced or limited from every later whole second of the shift: the least time warp, then the shortest duration. */
function bestDeparture(vehicle: Vehicle, earliestS: number, run: (departureS: number) => Schedule): Schedule {
  let best = run(earliestS);
  if (vehicle.costPerHourFen === 0 && vehicle.maxDurationS === undefined) return best;
  for (let t = earliestS + 1; t <= vehicle.shift.endS; t++) {
    const next = run(t);
    if (next.warp < best.warp || (next.warp === best.warp && next.durationS < best.durationS)) best = next;
  }
  return best;
}

/** Total of `referenceRouteCost`; route i runs on vehicle `slots[i]`, or on vehicle 0 when no slots are given. */
export function referenceCost(problem: Problem, routes: number[][], penalties: ReferencePenalties, slots?: number[]): number {
  return routes.reduce((total, r, i) => total + referenceRouteCost(problem, r, penalties, slots ? slots[i] : 0), 0);
}

/** Random routes over clients 1..n, at most `maxRoutes` of them (some possibly empty). */
export function randomRoutes(random: Random, n: number, maxRoutes: number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i + 1);
  random.shuffle(order);
  const routes: number[][] = Array.from({ length: maxRoutes }, () => []);
  for (const c of order) routes[random.nextInt(maxRoutes)].push(c);
  return routes;
}

/** Lets every vehicle reload at the depot (several trips per vehicle) and gives the fleet two vehicles. */
export function withReloads(problem: Problem): Problem {
  problem.vehicles = problem.vehicles.slice(0, 2).map((v) => ({ ...v, reloadLocations: [v.startLocation] }));
  return problem;
}

/**
 * A mixed fleet where only some vehicles reload: the first and the last vehicle reload at the
 * depot, the others make one trip.
 */
export function withSomeReloads(problem: Problem): Problem {
  const last = problem.vehicles.length - 1;
  problem.vehicles = problem.vehicles.map((v, k) => (k === 0 || k === last ? { ...v, reloadLocations: [v.startLocation] } : v));
  return problem;
}

/**
 * Penalised cost of trips on a multi-trip fleet, the slow, obvious way: vehicle v drives the
 * non-empty routes on its slots `firstSlot[v]` to `firstSlot[v + 1] - 1` (route i is on slot
 * `slots[i]`) in slot order, each trip leaving when the vehicle is back and every client it carries
 * is released, simulated forward (wait when early; when late, count the lateness as time warp and
 * go on from the window's end; a departure or return after the shift's end likewise). Capacity
 * applies per trip (`referenceExcessLoad`); the vehicle pays its fixed cost once, its rate per km
 * on every trip and, per hour, the duration of the whole chain, whose excess over its limit counts
 * as time warp, as does the day's distance over its limit. When time is priced or limited, every whole second is tried as the first departure.
 */
export function referenceTripsCost(problem: Problem, routes: number[][], slots: number[], firstSlot: ArrayLike<number>, penalties: ReferencePenalties): number {
  let total = 0;
  problem.vehicles.forEach((vehicle, v) => {
    const trips: number[][] = [];
    for (let slot = firstSlot[v]; slot < firstSlot[v + 1]; slot++) {
      const i = slots.indexOf(slot);
      if (i >= 0 && routes[i].length > 0) trips.push(routes[i]);
    }
    if (trips.length === 0) return;
    for (const clients of trips) total += penalties.capacity * referenceExcessLoad(problem, clients, vehicle);
    const release = Math.max(vehicle.shift.startS, releaseOf(problem, trips[0]));
    const { warp, durationS, distance, metres } = bestDeparture(vehicle, release, (departureS) => simulate(problem, trips, vehicle, departureS));
    const price = problem.objective === 'cost' ? vehicle.fixedCostFen + (vehicle.costPerKmFen * distance) / 1000 + (vehicle.costPerHourFen * durationS) / 3600 : distance;
    const overDuration = vehicle.maxDurationS === undefined ? 0 : Math.max(durationS - vehicle.maxDurationS, 0);
    // The distance limit bounds the vehicle's whole day.
    total += price + penalties.timeWarp * (warp + overDuration) + overDistance(vehicle, metres, penalties);
  });
  return total;
}

const releaseOf = (problem: Problem, clients: number[]): number => Math.max(0, ...clients.map((c) => problem.jobs[c - 1].releaseS ?? 0));

/**
 * A vehicle's trips driven one after the other from `departureS` (the first trip's), each later
 * trip leaving once the vehicle is back and its clients are released: forward, waiting when early;
 * when late, the lateness counts as time warp and time goes on from the window's end (the shift's
 * end for a departure or a return).
 */
function simulate(problem: Problem, trips: number[][], vehicle: Vehicle, departureS: number): Schedule {
  const m = problem.profiles[vehicle.profile];
  // Jobs without a window are open over every vehicle's shift.
  const open = { startS: Math.min(...problem.vehicles.map((v) => v.shift.startS)), endS: Math.max(...problem.vehicles.map((v) => v.shift.endS)) };
  const departureWarp = Math.max(departureS - vehicle.shift.endS, 0);
  const start = departureS - departureWarp;
  let time = start;
  let warp = 0;
  let distance = 0;
  let metres = 0;
  const lateness = (latestS: number): void => {
    if (time <= latestS) return;
    warp += time - latestS;
    time = latestS;
  };
  // Trip t + 1 leaves where trip t reloads: the cheapest detour between their clients (`referenceReload`).
  const reloads = trips.slice(1).map((clients, t) => referenceReload(problem, vehicle, trips[t][trips[t].length - 1], clients[0]));
  trips.forEach((clients, t) => {
    if (t > 0) {
      time = Math.max(time, releaseOf(problem, clients));
      lateness(vehicle.shift.endS);
    }
    let location = t === 0 ? vehicle.startLocation : reloads[t - 1];
    let previousKind: Job['kind'] | null = null;
    for (const c of clients) {
      const job = problem.jobs[c - 1];
      time += m.durationS[location * m.size + job.location];
      // VRPB: opening with a pickup, or a delivery after a pickup, drives a forbidden arc.
      const forbidden = problem.linehaulBeforeBackhaul && job.kind === 'pickup' ? previousKind === null : problem.linehaulBeforeBackhaul && previousKind === 'pickup';
      distance += forbidden ? FORBIDDEN_ARC_COST : m.distanceM[location * m.size + job.location];
      metres += m.distanceM[location * m.size + job.location];
      previousKind = job.kind;
      const window = job.timeWindows[0] ?? open;
      time = Math.max(time, window.startS);
      lateness(window.endS);
      time += job.serviceS;
      location = job.location;
    }
    // To the reload between trips; after the last, to the end location, or nowhere on an open route.
    const back = t < trips.length - 1 ? reloads[t] : (vehicle.endLocation ?? location);
    time += m.durationS[location * m.size + back];
    distance += m.distanceM[location * m.size + back];
    metres += m.distanceM[location * m.size + back];
    lateness(vehicle.shift.endS);
  });
  // Duration as driven: the time warp is time the chain would have needed.
  return { warp: warp + departureWarp, durationS: time - start + warp, distance, metres };
}

/**
 * Where a vehicle reloads between a trip ending with client `last` and one starting with client
 * `first`: the reload location whose detour (last → reload → first) costs least under the
 * objective, distance and duration priced at the vehicle's rates; on a tie, the one listed first.
 */
export function referenceReload(problem: Problem, vehicle: Vehicle, last: number, first: number): number {
  const m = problem.profiles[vehicle.profile];
  const from = problem.jobs[last - 1].location;
  const to = problem.jobs[first - 1].location;
  let best = -1;
  let bestCost = Infinity;
  for (const reload of vehicle.reloadLocations ?? []) {
    const distanceM = m.distanceM[from * m.size + reload] + m.distanceM[reload * m.size + to];
    const durationS = m.durationS[from * m.size + reload] + m.durationS[reload * m.size + to];
    const cost = arcCost(problem.objective, vehicle, distanceM, durationS);
    if (cost < bestCost) [best, bestCost] = [reload, cost];
  }
  return best;
}

/**
 * Adds two depots to every profile (locations n + 1 and n + 2, each a random existing location
 * moved 1 to 20 away: its distances and durations are those of that location plus the offset) and
 * gives the vehicles their own start and end: vehicle k starts at depot k mod 3 (0 is the old one)
 * and, every other vehicle, ends at the next depot. A vehicle that reloads keeps one depot for its
 * start, its reloads and its end.
 */
export function withDepots(random: Random, problem: Problem): Problem {
  const size = problem.profiles[Object.keys(problem.profiles)[0]].size;
  const bases = [random.nextInt(size), random.nextInt(size)];
  const offsets = [1 + random.nextInt(20), 1 + random.nextInt(20)];
  const grow = (matrix: ArrayLike<number>): Int32Array => {
    const wider = size + 2;
    const out = new Int32Array(wider * wider);
    const origin = (i: number): number => (i < size ? i : bases[i - size]);
    const offset = (i: number): number => (i < size ? 0 : offsets[i - size]);
    for (let i = 0; i < wider; i++) {
      for (let j = 0; j < wider; j++) out[i * wider + j] = i === j ? 0 : matrix[origin(i) * size + origin(j)] + offset(i) + offset(j);
    }
    return out;
  };
  for (const name of Object.keys(problem.profiles)) {
    const m = problem.profiles[name];
    problem.profiles[name] = { size: size + 2, distanceM: grow(m.distanceM), durationS: grow(m.durationS) };
  }
  const depots = [0, size, size + 1];
  problem.vehicles = problem.vehicles.map((v, k) => {
    const start = depots[k % 3];
    const reloads = (v.reloadLocations ?? []).length > 0;
    const end = reloads || k % 2 === 0 ? start : depots[(k + 1) % 3];
    return { ...v, startLocation: start, endLocation: end, ...(reloads ? { reloadLocations: [start] } : {}) };
  });
  return problem;
}

/** Makes every other vehicle that does not reload (the second, the fourth, ...; all when `all`) end its route at its last visit. */
export function withOpenRoutes(problem: Problem, all = false): Problem {
  problem.vehicles = problem.vehicles.map((v, k) => ((all || k % 2 === 1) && (v.reloadLocations ?? []).length === 0 ? { ...v, endLocation: null } : v));
  return problem;
}

/** Gives each vehicle a distance limit between 100 and 299 metres (about two to four clients' worth on the 100 x 100 plane). */
export function withDistanceLimits(random: Random, problem: Problem): Problem {
  problem.vehicles = problem.vehicles.map((v) => ({ ...v, maxDistanceM: 100 + random.nextInt(200) }));
  return problem;
}

/**
 * Reloads between depots, after `withDepots` (its two depots are the last two locations): each
 * reloading vehicle reloads at one or both of the depots other than its start (in random order),
 * and ends at its start, at another depot, or at its last visit (an open route), at random.
 */
export function withReloadDepots(random: Random, problem: Problem): Problem {
  const size = problem.profiles[Object.keys(problem.profiles)[0]].size;
  const depots = [0, size - 2, size - 1];
  problem.vehicles = problem.vehicles.map((v) => {
    if ((v.reloadLocations ?? []).length === 0) return v;
    const others = depots.filter((depot) => depot !== v.startLocation);
    if (random.nextInt(2) === 0) others.reverse();
    const reloadLocations = random.nextInt(2) === 0 ? others : others.slice(0, 1);
    const endLocation = [v.startLocation, others[random.nextInt(2)], null][random.nextInt(3)];
    return { ...v, reloadLocations, endLocation };
  });
  return problem;
}
