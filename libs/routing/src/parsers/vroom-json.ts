import { InvalidProblemError, Job, Problem, ProfileMatrices, Shipment, ShipmentStop, TimeWindow, Vehicle } from '../model/problem';
import { coordinateMatrices } from './vroom-json-geometry';

/**
 * Reads VROOM's JSON problem format (vehicles, jobs, shipments, `matrices` per profile or the legacy
 * top-level `matrix`) into a `Problem` with objective `cost` (VROOM's cost units taken as fen).
 *
 * Mapping decisions, where our model differs from VROOM's:
 * - VROOM's defaults are kept: profile `car`, `costs.per_hour` 3600 (cost = driving seconds),
 *   `per_km` 0, `fixed` 0, priority 0, service 0, no time window = any time;
 * - every task is mandatory: a task that cannot be served is reported unassigned with a reason and
 *   the solution is flagged infeasible (VROOM silently leaves it out);
 * - `max_travel_time` becomes the route's max duration (which also counts service and waiting, so
 *   it is at least as strict); `max_distance` is the route's max distance;
 * - a job with both `delivery` and `pickup` amounts, a vehicle without `start`, a custom `costs`
 *   matrix, breaks and pre-set `steps` are refused with an error naming the field rather than
 *   silently approximated; `setup` times are added to the service time.
 * - With coordinates only (VROOM would ask a routing engine), matrices are great-circle distance ×
 *   1.3 circuity at 40 km/h; a warning says so.
 *
 * Every invalid field throws `InvalidProblemError` naming its JSON path, e.g. `jobs[3].time_windows[0]`.
 */
export interface VroomInstance {
  name: string;
  problem: Problem;
  /** VROOM ids, to write the answer back in VROOM's terms. */
  vehicleIds: number[];
  jobIds: number[];
  shipmentIds: Array<{ pickup: number; delivery: number }>;
  /** Coordinates of each matrix location when the input gave them ([lon, lat]). */
  coordinates: Array<[number, number] | null>;
  warnings: string[];
}

type Json = unknown;
type JsonObject = Record<string, Json>;

const DEFAULT_PROFILE = 'car';
/** No shift end given: a horizon larger than any route, still exact in integer arithmetic. */
const OPEN_HORIZON_S = 2_147_483_647;

export function parseVroomJson(text: string, fileName = 'vroom.json'): VroomInstance {
  let root: Json;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new InvalidProblemError(`not valid JSON: ${(error as Error).message}`, fileName);
  }
  const input = object(root, '$');
  const warnings: string[] = [];
  for (const key of ['vehicles']) if (!(key in input)) throw new InvalidProblemError('is required', key);
  const vehiclesJson = array(input.vehicles, 'vehicles');
  if (vehiclesJson.length === 0) throw new InvalidProblemError('at least one vehicle is required', 'vehicles');
  const jobsJson = input.jobs === undefined ? [] : array(input.jobs, 'jobs');
  const shipmentsJson = input.shipments === undefined ? [] : array(input.shipments, 'shipments');

  const locations = new LocationTable(input.matrices !== undefined || input.matrix !== undefined);
  const vehicleIds: number[] = [];
  const vehicleDrafts = vehiclesJson.map((raw, i) => {
    const path = `vehicles[${i}]`;
    const v = object(raw, path);
    for (const key of ['breaks', 'steps']) {
      if (v[key] !== undefined && !(Array.isArray(v[key]) && (v[key] as Json[]).length === 0)) {
        throw new InvalidProblemError('is not supported by this solver', `${path}.${key}`);
      }
    }
    vehicleIds.push(integer(v.id, `${path}.id`));
    if (v.start === undefined && v.start_index === undefined) {
      throw new InvalidProblemError('a start (start or start_index) is required: open starts are not supported', path);
    }
    const start = locations.resolve(v, 'start', 'start_index', path)!;
    const end = v.end === undefined && v.end_index === undefined ? null : locations.resolve(v, 'end', 'end_index', path);
    const costs = v.costs === undefined ? {} : object(v.costs, `${path}.costs`);
    const window = v.time_window === undefined ? { startS: 0, endS: OPEN_HORIZON_S } : timeWindow(v.time_window, `${path}.time_window`);
    const vehicle: Vehicle = {
      id: String(vehicleIds[i]),
      startLocation: start,
      endLocation: end,
      capacity: v.capacity === undefined ? [] : amounts(v.capacity, `${path}.capacity`),
      fixedCostFen: costs.fixed === undefined ? 0 : nonNegative(costs.fixed, `${path}.costs.fixed`),
      costPerKmFen: costs.per_km === undefined ? 0 : nonNegative(costs.per_km, `${path}.costs.per_km`),
      costPerHourFen: costs.per_hour === undefined ? 3600 : nonNegative(costs.per_hour, `${path}.costs.per_hour`),
      profile: v.profile === undefined ? DEFAULT_PROFILE : string(v.profile, `${path}.profile`),
      shift: window,
      skills: v.skills === undefined ? undefined : skills(v.skills, `${path}.skills`),
    };
    if (v.max_travel_time !== undefined) vehicle.maxDurationS = nonNegative(v.max_travel_time, `${path}.max_travel_time`);
    if (v.max_distance !== undefined) vehicle.maxDistanceM = nonNegative(v.max_distance, `${path}.max_distance`);
    return vehicle;
  });

  const seenJobIds = new Set<number>();
  const jobIds: number[] = [];
  const jobs: Job[] = jobsJson.map((raw, i) => {
    const path = `jobs[${i}]`;
    const j = object(raw, path);
    const id = integer(j.id, `${path}.id`);
    if (seenJobIds.has(id)) throw new InvalidProblemError(`duplicate job id ${id}`, `${path}.id`);
    seenJobIds.add(id);
    jobIds.push(id);
    const delivery = j.delivery !== undefined ? amounts(j.delivery, `${path}.delivery`) : j.amount !== undefined ? amounts(j.amount, `${path}.amount`) : [];
    const pickup = j.pickup !== undefined ? amounts(j.pickup, `${path}.pickup`) : [];
    const hasDelivery = delivery.some((x) => x > 0);
    const hasPickup = pickup.some((x) => x > 0);
    if (hasDelivery && hasPickup) {
      throw new InvalidProblemError('a job with both delivery and pickup amounts is not supported; use a delivery job and a pickup job', path);
    }
    return {
      id: String(id),
      kind: hasPickup ? 'pickup' : 'delivery',
      location: locations.resolve(j, 'location', 'location_index', path)!,
      serviceS: serviceTime(j, path),
      timeWindows: timeWindows(j.time_windows, `${path}.time_windows`),
      amount: hasPickup ? pickup : delivery,
      skills: j.skills === undefined ? undefined : skills(j.skills, `${path}.skills`),
      priority: priority(j.priority, `${path}.priority`),
    };
  });

  const shipmentIds: Array<{ pickup: number; delivery: number }> = [];
  const shipments: Shipment[] = shipmentsJson.map((raw, i) => {
    const path = `shipments[${i}]`;
    const s = object(raw, path);
    const stop = (key: 'pickup' | 'delivery'): { id: number; stop: ShipmentStop } => {
      const stopPath = `${path}.${key}`;
      const o = object(s[key], stopPath);
      return {
        id: integer(o.id, `${stopPath}.id`),
        stop: {
          location: locations.resolve(o, 'location', 'location_index', stopPath)!,
          serviceS: serviceTime(o, stopPath),
          timeWindows: timeWindows(o.time_windows, `${stopPath}.time_windows`),
        },
      };
    };
    const pickup = stop('pickup');
    const delivery = stop('delivery');
    shipmentIds.push({ pickup: pickup.id, delivery: delivery.id });
    return {
      id: `p${pickup.id}-d${delivery.id}`,
      pickup: pickup.stop,
      delivery: delivery.stop,
      amount: s.amount === undefined ? [] : amounts(s.amount, `${path}.amount`),
      skills: s.skills === undefined ? undefined : skills(s.skills, `${path}.skills`),
      priority: priority(s.priority, `${path}.priority`),
    };
  });

  // Every amount gets the vehicles' number of dimensions; a missing amount is zero.
  const dimensions = Math.max(0, ...vehicleDrafts.map((v) => v.capacity.length));
  vehicleDrafts.forEach((v, i) => {
    if (v.capacity.length !== dimensions) {
      if (v.capacity.length === 0) v.capacity = new Array(dimensions).fill(0);
      else throw new InvalidProblemError(`must have ${dimensions} dimensions like the other vehicles`, `vehicles[${i}].capacity`);
    }
  });
  const pad = (amount: number[], path: string): number[] => {
    if (amount.length === 0) return new Array(dimensions).fill(0);
    if (amount.length !== dimensions) throw new InvalidProblemError(`must have ${dimensions} dimensions like the vehicle capacities`, path);
    return amount;
  };
  jobs.forEach((job, i) => (job.amount = pad(job.amount, `jobs[${i}].${job.kind}`)));
  shipments.forEach((shipment, i) => (shipment.amount = pad(shipment.amount, `shipments[${i}].amount`)));

  const profiles = locations.hasMatrices ? matricesFromInput(input, vehicleDrafts, locations.size) : coordinatesProfiles(vehicleDrafts, locations, warnings);
  vehicleDrafts.forEach((v, i) => {
    if (!profiles[v.profile]) throw new InvalidProblemError(`no matrices for profile "${v.profile}"`, `vehicles[${i}].profile`);
  });

  const name = fileName
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
  const problem: Problem = { name, profiles, vehicles: vehicleDrafts, jobs, shipments, objective: 'cost', distanceScale: 1 };
  return { name, problem, vehicleIds, jobIds, shipmentIds, coordinates: locations.coordinates, warnings };
}

/** Locations by index into the input matrices, or by coordinates collected in first-seen order. */
class LocationTable {
  readonly coordinates: Array<[number, number] | null> = [];
  private readonly byKey = new Map<string, number>();
  private maxIndex = -1;

  constructor(readonly hasMatrices: boolean) {}

  get size(): number {
    return this.hasMatrices ? this.maxIndex + 1 : this.coordinates.length;
  }

  resolve(o: JsonObject, coordinateKey: string, indexKey: string, path: string): number | null {
    if (this.hasMatrices) {
      if (o[indexKey] === undefined) throw new InvalidProblemError(`is required when matrices are given`, `${path}.${indexKey}`);
      const index = integer(o[indexKey], `${path}.${indexKey}`);
      this.maxIndex = Math.max(this.maxIndex, index);
      const coordinate = o[coordinateKey] === undefined ? null : lonLat(o[coordinateKey], `${path}.${coordinateKey}`);
      this.coordinates[index] = this.coordinates[index] ?? coordinate;
      return index;
    }
    if (o[coordinateKey] === undefined) {
      throw new InvalidProblemError(`is required when no matrices are given`, `${path}.${coordinateKey}`);
    }
    const coordinate = lonLat(o[coordinateKey], `${path}.${coordinateKey}`);
    const key = coordinate.join(',');
    if (!this.byKey.has(key)) {
      this.byKey.set(key, this.coordinates.length);
      this.coordinates.push(coordinate);
    }
    return this.byKey.get(key)!;
  }
}

function matricesFromInput(input: JsonObject, vehicles: Vehicle[], usedSize: number): Record<string, ProfileMatrices> {
  const result: Record<string, ProfileMatrices> = {};
  if (input.matrix !== undefined) {
    const durationS = squareMatrix(input.matrix, 'matrix', usedSize);
    const size = Math.round(Math.sqrt(durationS.length));
    result[DEFAULT_PROFILE] = { size, durationS, distanceM: new Int32Array(size * size) };
  }
  if (input.matrices !== undefined) {
    const matrices = object(input.matrices, 'matrices');
    for (const [profile, raw] of Object.entries(matrices)) {
      const path = `matrices.${profile}`;
      const m = object(raw, path);
      if (m.costs !== undefined) throw new InvalidProblemError('custom cost matrices are not supported; give durations (and distances)', `${path}.costs`);
      if (m.durations === undefined) throw new InvalidProblemError('is required', `${path}.durations`);
      const durationS = squareMatrix(m.durations, `${path}.durations`, usedSize);
      const size = Math.round(Math.sqrt(durationS.length));
      let distanceM: Int32Array = new Int32Array(size * size);
      if (m.distances !== undefined) {
        distanceM = squareMatrix(m.distances, `${path}.distances`, usedSize);
        if (distanceM.length !== durationS.length) throw new InvalidProblemError(`must be ${size}×${size} like the durations`, `${path}.distances`);
      }
      result[profile] = { size, durationS, distanceM };
    }
  }
  vehicles.forEach((v, i) => {
    if (!result[v.profile]) throw new InvalidProblemError(`no matrices for profile "${v.profile}"`, `vehicles[${i}].profile`);
    const profile = (input.matrices as JsonObject | undefined)?.[v.profile] as JsonObject | undefined;
    const hasDistances = profile?.distances !== undefined;
    if (!hasDistances && (v.costPerKmFen > 0 || v.maxDistanceM !== undefined)) {
      throw new InvalidProblemError(`needs a distances matrix for profile "${v.profile}"`, `vehicles[${i}]`);
    }
  });
  return result;
}

function coordinatesProfiles(vehicles: Vehicle[], locations: LocationTable, warnings: string[]): Record<string, ProfileMatrices> {
  const matrices = coordinateMatrices(locations.coordinates as Array<[number, number]>);
  warnings.push('no matrices given: travel distances are great-circle distance × 1.3 circuity and durations assume 40 km/h (no routing engine is used)');
  const result: Record<string, ProfileMatrices> = {};
  for (const v of vehicles) result[v.profile] = matrices;
  return result;
}

// --- field readers: each names the JSON path of what it rejects -------------------------------

function object(value: Json, path: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidProblemError('must be an object', path);
  return value as JsonObject;
}

function array(value: Json, path: string): Json[] {
  if (!Array.isArray(value)) throw new InvalidProblemError('must be an array', path);
  return value;
}

function string(value: Json, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidProblemError('must be a non-empty string', path);
  return value;
}

function integer(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new InvalidProblemError('must be a non-negative integer', path);
  return value;
}

function nonNegative(value: Json, path: string): number {
  return integer(value, path);
}

function amounts(value: Json, path: string): number[] {
  return array(value, path).map((x, i) => integer(x, `${path}[${i}]`));
}

function skills(value: Json, path: string): string[] {
  return array(value, path).map((x, i) => String(integer(x, `${path}[${i}]`)));
}

function priority(value: Json, path: string): number {
  if (value === undefined) return 0;
  const p = integer(value, path);
  if (p > 100) throw new InvalidProblemError('must be in [0, 100]', path);
  return p;
}

function serviceTime(o: JsonObject, path: string): number {
  const service = o.service === undefined ? 0 : integer(o.service, `${path}.service`);
  const setup = o.setup === undefined ? 0 : integer(o.setup, `${path}.setup`);
  return service + setup;
}

function timeWindow(value: Json, path: string): TimeWindow {
  const pair = array(value, path);
  if (pair.length !== 2) throw new InvalidProblemError('must be [start, end]', path);
  const startS = integer(pair[0], `${path}[0]`);
  const endS = integer(pair[1], `${path}[1]`);
  if (endS < startS) throw new InvalidProblemError(`end ${endS} is before start ${startS}`, path);
  return { startS, endS };
}

function timeWindows(value: Json, path: string): TimeWindow[] {
  if (value === undefined) return [];
  const windows = array(value, path).map((w, i) => timeWindow(w, `${path}[${i}]`));
  if (windows.length === 0) throw new InvalidProblemError('must not be empty (omit it for "any time")', path);
  windows.sort((a, b) => a.startS - b.startS);
  for (let i = 1; i < windows.length; i++) {
    if (windows[i].startS <= windows[i - 1].endS) throw new InvalidProblemError('time windows must not overlap', `${path}[${i}]`);
  }
  return windows;
}

function lonLat(value: Json, path: string): [number, number] {
  const pair = array(value, path);
  if (pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'number') {
    throw new InvalidProblemError('must be [longitude, latitude]', path);
  }
  const [lon, lat] = pair as number[];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new InvalidProblemError(`[${lon}, ${lat}] is not a WGS 84 longitude, latitude`, path);
  return [lon, lat];
}

function squareMatrix(value: Json, path: string, minSize: number): Int32Array {
  const rows = array(value, path);
  const size = rows.length;
  if (size < minSize) throw new InvalidProblemError(`has ${size} rows but location index ${minSize - 1} is used`, path);
  const result = new Int32Array(size * size);
  rows.forEach((row, i) => {
    const cells = array(row, `${path}[${i}]`);
    if (cells.length !== size) throw new InvalidProblemError(`must have ${size} entries (square matrix)`, `${path}[${i}]`);
    cells.forEach((cell, j) => {
      const v = integer(cell, `${path}[${i}][${j}]`);
      if (v > 2_147_483_647) throw new InvalidProblemError('is too large', `${path}[${i}][${j}]`);
      result[i * size + j] = v;
    });
  });
  return result;
}
