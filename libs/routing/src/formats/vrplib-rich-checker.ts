import { InvalidProblemError } from '../model/problem';
import { readVrplibText, VrplibSection, VrplibText } from '../parsers/vrplib-text';

/**
 * Independent checker for solutions to PyVRP's VRPLIB dialect (HFVRP, VRPB, MTVRPTWR, PCVRPTW):
 * recomputes feasibility and cost from the instance text and the route list alone. It shares only
 * the file syntax with the instance reader (`readVrplibText`), none of its interpretation, no
 * `Problem`, no cost evaluator and no solver state, so a wrong reading or a solver shortcut shows up
 * as a disagreement with the published `.sol` files.
 *
 * Conventions, after PyVRP's `read` (checked against every published `.sol` file):
 * - arcs: real Euclidean (HFVRP: the README's "rounded as for set X" does not reproduce the `.sol`
 *   costs, real distances do), `nint(euclid)` (VRPB) or DIMACS `trunc(10 * euclid)` with times, service times,
 *   release times and prizes scaled by 10 too (MTVRPTWR, PCVRPTW); travel time equals distance;
 * - route k runs on vehicle k; a `0` inside a route is a return to the depot to reload;
 * - cost: per used vehicle its fixed cost plus unit cost × distance, plus the prizes of skipped
 *   clients; HFVRP prices are scaled by 100, so its cost is printed divided by 100;
 * - load: deliveries leave the depot on board, pickups ride back; per trip and per vehicle capacity;
 * - VRPB: on each trip every linehaul client precedes every backhaul client, and a trip may not
 *   open with a backhaul (PyVRP forbids the arc depot → backhaul);
 * - time: a trip leaves the depot no earlier than the depot opens, the previous trip returned and
 *   every client on it is released; service starts inside the window; the vehicle is back before
 *   the depot closes.
 */

export interface RouteListSolution {
  /** Location indices in visiting order (clients 1..n, 0 = a reload at the depot); may be empty. */
  routes: number[][];
  printedCost: number | null;
}

export interface RichCheckResult {
  feasible: boolean;
  /** The recomputed cost in the benchmark's printed unit. */
  cost: number;
  violations: string[];
}

/** Reads `Route #k: a b c` lines (empty routes kept, numbered by k) and the `Cost[:] N` line. */
export function readRouteList(text: string): RouteListSolution {
  const routes: number[][] = [];
  let printedCost: number | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const route = line.match(/^Route\s*#\s*(\d+)\s*:(.*)$/i);
    if (route) {
      const k = Number(route[1]);
      const stops = route[2].trim() ? route[2].trim().split(/\s+/).map(Number) : [];
      if (k < 1 || stops.some((s) => !Number.isInteger(s) || s < 0)) throw new InvalidProblemError(`cannot read "${line}"`, `line ${index + 1}`);
      while (routes.length < k) routes.push([]);
      routes[k - 1] = stops;
      return;
    }
    const cost = line.match(/^Cost\s*:?\s*(\S+)/i);
    if (cost) printedCost = Number(cost[1]);
  });
  return { routes, printedCost };
}

const DIMACS_TYPES = new Set(['MTVRPTWR', 'PCVRPTW']);

export function checkRichSolution(instanceText: string, solution: RouteListSolution): RichCheckResult {
  const file = readVrplibText(instanceText);
  const type = spec(file, 'TYPE') ?? '';
  const dimacs = DIMACS_TYPES.has(type);
  const scale = (value: number): number => (dimacs ? Math.trunc(10 * value + 1e-9) : value);
  const dimension = Number(spec(file, 'DIMENSION'));
  const coordinates = column(file, 'NODE_COORD_SECTION', dimension, 1, NaN).map((x, k) => [x, column(file, 'NODE_COORD_SECTION', dimension, 2, NaN)[k]]);
  const arc = (i: number, j: number): number => {
    const d = Math.hypot(coordinates[i][0] - coordinates[j][0], coordinates[i][1] - coordinates[j][1]);
    return dimacs ? Math.trunc(10 * d + 1e-9) : type === 'HFVRP' ? d : Math.round(d);
  };
  const clients = dimension - 1;
  const vehicleCount = spec(file, 'VEHICLES') !== undefined ? Number(spec(file, 'VEHICLES')) : clients;
  const perVehicle = (name: string, fallback: number): number[] => column(file, name, vehicleCount, 1, fallback);
  const capacity = file.sections.has('CAPACITY_SECTION') ? perVehicle('CAPACITY_SECTION', NaN) : new Array<number>(vehicleCount).fill(Number(spec(file, 'CAPACITY') ?? Infinity));
  const fixedCost = perVehicle('VEHICLES_FIXED_COST_SECTION', 0);
  const unitCost = perVehicle('VEHICLES_UNIT_DISTANCE_COST_SECTION', 1);
  const reloads = perVehicle('VEHICLES_RELOAD_DEPOT_SECTION', 0);
  const delivery = column(file, 'DEMAND_SECTION', dimension, 1, 0);
  const pickup = column(file, 'BACKHAUL_SECTION', dimension, 1, 0);
  const prize = column(file, 'PRIZE_SECTION', dimension, 1, 0).map(scale);
  const release = column(file, 'RELEASE_TIME_SECTION', dimension, 1, 0).map(scale);
  const uniformService = scale(Number(spec(file, 'SERVICE_TIME') ?? 0));
  const service = column(file, 'SERVICE_TIME_SECTION', dimension, 1, uniformService).map((s, k) => (k === 0 ? 0 : file.sections.has('SERVICE_TIME_SECTION') ? scale(s) : s));
  const timed = file.sections.has('TIME_WINDOW_SECTION');
  const early = column(file, 'TIME_WINDOW_SECTION', dimension, 1, 0).map(scale);
  const late = column(file, 'TIME_WINDOW_SECTION', dimension, 2, Infinity).map((x) => (Number.isFinite(x) ? scale(x) : x));
  const backhaulOrder = type === 'VRPB';

  const violations: string[] = [];
  const visits = new Int32Array(dimension);
  let total = 0;
  if (solution.routes.length > vehicleCount) violations.push(`${solution.routes.length} routes for ${vehicleCount} vehicles`);
  solution.routes.forEach((route, k) => {
    if (route.length === 0 || k >= vehicleCount) return;
    const name = `route #${k + 1}`;
    if (route[0] === 0 || route[route.length - 1] === 0) violations.push(`${name}: starts or ends with a reload`);
    const trips: number[][] = [[]];
    for (const stop of route) {
      if (stop >= dimension) {
        violations.push(`${name}: no location ${stop}`);
        return;
      }
      if (stop === 0) trips.push([]);
      else {
        trips[trips.length - 1].push(stop);
        visits[stop]++;
      }
    }
    if (trips.length > 1 && reloads[k] !== 1) violations.push(`${name}: vehicle ${k + 1} may not reload at the depot`);
    let distance = 0;
    let time = early[0];
    for (const trip of trips) {
      if (trip.length === 0) {
        violations.push(`${name}: an empty trip`);
        continue;
      }
      let load = trip.reduce((sum, c) => sum + delivery[c], 0);
      let peak = load;
      for (const c of trip) {
        load += pickup[c] - delivery[c];
        peak = Math.max(peak, load);
      }
      if (peak > capacity[k]) violations.push(`${name}: load ${peak} over capacity ${capacity[k]}`);
      if (backhaulOrder) {
        if (pickup[trip[0]] > 0) violations.push(`${name}: a trip opens with backhaul client ${trip[0]}`);
        const firstBackhaul = trip.findIndex((c) => pickup[c] > 0);
        if (firstBackhaul >= 0 && trip.slice(firstBackhaul).some((c) => delivery[c] > 0)) violations.push(`${name}: a linehaul client after a backhaul client`);
      }
      time = Math.max(time, ...trip.map((c) => release[c]));
      let at = 0;
      for (const c of trip) {
        distance += arc(at, c);
        time += arc(at, c);
        if (timed && time > late[c]) violations.push(`${name}: arrives at client ${c} at ${time}, after its window closes at ${late[c]}`);
        time = Math.max(time, early[c]) + service[c];
        at = c;
      }
      distance += arc(at, 0);
      time += arc(at, 0);
    }
    if (timed && time > late[0]) violations.push(`${name}: back at the depot at ${time}, after it closes at ${late[0]}`);
    total += fixedCost[k] + unitCost[k] * distance;
  });
  for (let c = 1; c < dimension; c++) {
    if (visits[c] > 1) violations.push(`client ${c} visited ${visits[c]} times`);
    if (visits[c] > 0) continue;
    if (prize[c] > 0) total += prize[c];
    else violations.push(`client ${c} is not visited`);
  }
  const cost = type === 'HFVRP' ? total / 100 : total;
  if (solution.printedCost !== null && Math.abs(solution.printedCost - cost) > 0.005) {
    violations.push(`printed cost ${solution.printedCost} but the routes cost ${cost}`);
  }
  return { feasible: violations.length === 0, cost, violations };
}

function spec(file: VrplibText, key: string): string | undefined {
  return file.specifications.get(key)?.value;
}

/** Field `field` of a section keyed by 1-based row id, as an array indexed from 0; `fallback` when absent. */
function column(file: VrplibText, name: string, length: number, field: number, fallback: number): number[] {
  const values = new Array<number>(length).fill(fallback);
  const section: VrplibSection | undefined = file.sections.get(name);
  if (!section) return values;
  for (const row of section.rows) if (row[0] >= 1 && row[0] <= length) values[row[0] - 1] = row[field] ?? fallback;
  return values;
}
