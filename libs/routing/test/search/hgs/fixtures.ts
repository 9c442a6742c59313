import { Job, Problem } from '../../../src/model/problem';
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
 * Euclidean lengths, so costs can be checked by hand.
 */
export function planeProblem(
  depot: [number, number],
  clients: TinyClient[],
  options: { capacity: number; vehicles?: number; horizon?: number; objective?: Problem['objective'] },
): Problem {
  const points = [depot, ...clients.map((c) => [c.x, c.y] as [number, number])];
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

/** Penalties of the optional jobs missing from `routes`. */
export function skippedPenalty(problem: Problem, routes: number[][]): number {
  const routed = new Set(routes.flat());
  return problem.jobs.reduce((total, job, k) => total + (routed.has(k + 1) ? 0 : (job.unassignedPenaltyFen ?? 0)), 0);
}

/**
 * Penalised cost of one route on vehicle `vehicleIndex`, computed the slow, obvious way (forward
 * simulation: wait when early, when late count the lateness as time warp and continue from the
 * window's end). Under the `cost` objective the route pays its fixed cost and its rate per km.
 */
export function referenceRouteCost(problem: Problem, clients: number[], penalties: { capacity: number; timeWarp: number }, vehicleIndex = 0): number {
  if (clients.length === 0) return 0;
  const m = problem.profiles.car;
  const vehicle = problem.vehicles[vehicleIndex];
  // The route leaves at its last release (late departures count as time warp at the depot).
  let time = Math.max(vehicle.shift.startS, ...clients.map((c) => problem.jobs[c - 1].releaseS ?? 0));
  let warp = 0;
  if (time > vehicle.shift.endS) {
    warp += time - vehicle.shift.endS;
    time = vehicle.shift.endS;
  }
  let location = 0;
  let distance = 0;
  let load = 0;
  let pickupLoad = 0;
  let previousKind: Job['kind'] | null = null;
  for (const c of clients) {
    const job = problem.jobs[c - 1];
    time += m.durationS[location * m.size + job.location];
    // VRPB: opening with a pickup, or a delivery after a pickup, drives a forbidden arc.
    const forbidden = problem.linehaulBeforeBackhaul && job.kind === 'pickup' ? previousKind === null : problem.linehaulBeforeBackhaul && previousKind === 'pickup';
    distance += forbidden ? FORBIDDEN_ARC_COST : m.distanceM[location * m.size + job.location];
    previousKind = job.kind;
    const window = job.timeWindows[0] ?? vehicle.shift;
    if (time < window.startS) time = window.startS;
    if (time > window.endS) {
      warp += time - window.endS;
      time = window.endS;
    }
    time += job.serviceS;
    if (job.kind === 'pickup') pickupLoad += job.amount[0];
    else load += job.amount[0];
    location = job.location;
  }
  time += m.durationS[location * m.size];
  distance += m.distanceM[location * m.size];
  if (time > vehicle.shift.endS) warp += time - vehicle.shift.endS;
  const price = problem.objective === 'cost' ? vehicle.fixedCostFen + (vehicle.costPerKmFen * distance) / 1000 : distance;
  const excess = Math.max(0, load - vehicle.capacity[0]) + Math.max(0, pickupLoad - vehicle.capacity[0]);
  return price + penalties.capacity * excess + penalties.timeWarp * warp;
}

/** Total of `referenceRouteCost`; route i runs on vehicle `slots[i]`, or on vehicle 0 when no slots are given. */
export function referenceCost(problem: Problem, routes: number[][], penalties: { capacity: number; timeWarp: number }, slots?: number[]): number {
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
