import { InvalidProblemError, Job, Problem, ProfileMatrices, TimeWindow, Vehicle } from '../model/problem';
import { readVrplibText, VrplibSection, VrplibText } from './vrplib-text';

/** The variants of PyVRP's VRPLIB dialect this reader understands (the file's `TYPE`). */
export type RichVariant = 'HFVRP' | 'VRPB' | 'MTVRPTWR' | 'PCVRPTW';
export const RICH_VARIANTS: readonly RichVariant[] = ['HFVRP', 'VRPB', 'MTVRPTWR', 'PCVRPTW'];

export interface RichVrplibInstance {
  name: string;
  variant: RichVariant;
  problem: Problem;
  /** The file as read: the independent checker prices solutions from it, not from `problem`. */
  text: string;
}

/** No shift end in the file: a horizon no route reaches. */
const OPEN_HORIZON_S = 2_000_000_000;
/** HFVRP prices real Euclidean distances: keep three decimals as integer metres. */
const HFVRP_DISTANCE_SCALE = 1000;

/**
 * Reads a file of PyVRP's VRPLIB dialect (the benchmark sets in `../shared/benchmarks/rich`): the
 * CVRPLIB header and sections plus `VEHICLES`, `SERVICE_TIME`, per-vehicle `CAPACITY_SECTION`,
 * `VEHICLES_FIXED_COST_SECTION`, `VEHICLES_UNIT_DISTANCE_COST_SECTION`,
 * `VEHICLES_RELOAD_DEPOT_SECTION`, and per-node `BACKHAUL_SECTION`, `TIME_WINDOW_SECTION`,
 * `RELEASE_TIME_SECTION`, `PRIZE_SECTION`, `SERVICE_TIME_SECTION`.
 *
 * Job ids are the solution files' client numbers (node − 1); the depot is node 1. Units follow each
 * variant's published costs (checked against the `.sol` files by the independent checker):
 * - HFVRP: real Euclidean distance kept to 1/1000 (`distanceScale` 1000), objective `cost` with the
 *   fixed and per-distance costs as given (both ×100 in the files);
 * - VRPB: `nint(euclid)`, objective `distance`, linehaul before backhaul;
 * - MTVRPTWR, PCVRPTW: DIMACS, `trunc(10 × euclid)` with every time and prize ×10 and truncated,
 *   objective `distance`; a client with a prize is optional at that penalty. Travel time = distance.
 */
export function parseVrplibRich(text: string): RichVrplibInstance {
  const file = readVrplibText(text);
  const typeSpec = file.specifications.get('TYPE');
  const variant = RICH_VARIANTS.find((v) => v === typeSpec?.value);
  if (!variant) throw new InvalidProblemError(`TYPE must be one of ${RICH_VARIANTS.join(', ')}, got "${typeSpec?.value ?? ''}"`, typeSpec ? `line ${typeSpec.line}` : 'TYPE');
  const name = file.specifications.get('NAME')?.value ?? variant;
  const dimension = positiveInteger(file, 'DIMENSION');
  const edgeType = file.specifications.get('EDGE_WEIGHT_TYPE');
  if (edgeType && edgeType.value !== 'EUC_2D') throw new InvalidProblemError(`EDGE_WEIGHT_TYPE ${edgeType.value} is not supported (only EUC_2D)`, `line ${edgeType.line}`);
  const depots = file.sections.get('DEPOT_SECTION')?.rows ?? [[1]];
  if (depots.length !== 1 || depots[0][0] !== 1) throw new InvalidProblemError('only a single depot at node 1 is supported', 'DEPOT_SECTION');

  const dimacs = variant === 'MTVRPTWR' || variant === 'PCVRPTW';
  const scaleTime = (value: number): number => (dimacs ? Math.trunc(10 * value + 1e-9) : value);
  const nodes = new NodeTable(file, dimension);
  const x = nodes.column('NODE_COORD_SECTION', 1, null);
  const y = nodes.column('NODE_COORD_SECTION', 2, null);
  const distanceM = new Int32Array(dimension * dimension);
  for (let i = 0; i < dimension; i++) {
    for (let j = 0; j < dimension; j++) {
      const d = Math.hypot(x[i] - x[j], y[i] - y[j]);
      distanceM[i * dimension + j] = variant === 'HFVRP' ? Math.round(d * HFVRP_DISTANCE_SCALE) : dimacs ? Math.trunc(10 * d + 1e-9) : Math.round(d);
    }
  }
  const matrices: ProfileMatrices = { size: dimension, distanceM, durationS: distanceM };

  const windows = file.sections.has('TIME_WINDOW_SECTION') ? nodes.windows(scaleTime) : null;
  const shift: TimeWindow = windows ? windows[0] : { startS: 0, endS: OPEN_HORIZON_S };
  const vehicles = readVehicles(file, dimension - 1, shift, variant === 'HFVRP');
  const delivery = nodes.column('DEMAND_SECTION', 1, 0);
  const pickup = nodes.column('BACKHAUL_SECTION', 1, 0);
  const prize = nodes.column('PRIZE_SECTION', 1, 0);
  const release = nodes.column('RELEASE_TIME_SECTION', 1, 0);
  const uniformService = nonNegative(Number(file.specifications.get('SERVICE_TIME')?.value ?? 0), 'SERVICE_TIME');
  const service = nodes.column('SERVICE_TIME_SECTION', 1, uniformService);
  const jobs: Job[] = [];
  for (let c = 1; c < dimension; c++) {
    nodes.requireNonNegative('DEMAND_SECTION', c, delivery[c], 'demand');
    nodes.requireNonNegative('BACKHAUL_SECTION', c, pickup[c], 'backhaul amount');
    nodes.requireNonNegative('PRIZE_SECTION', c, prize[c], 'prize');
    nodes.requireNonNegative('RELEASE_TIME_SECTION', c, release[c], 'release time');
    if (delivery[c] > 0 && pickup[c] > 0) {
      throw new InvalidProblemError(`node ${c + 1} has both a linehaul and a backhaul amount (one kind per client)`, nodes.where('BACKHAUL_SECTION', c));
    }
    const releaseS = scaleTime(release[c]);
    if (releaseS > shift.endS) {
      throw new InvalidProblemError(`node ${c + 1} is released at ${release[c]}, after the depot closes`, nodes.where('RELEASE_TIME_SECTION', c));
    }
    const job: Job = {
      id: String(c),
      kind: pickup[c] > 0 ? 'pickup' : 'delivery',
      location: c,
      serviceS: scaleTime(service[c]),
      timeWindows: windows ? [windows[c]] : [],
      amount: [pickup[c] > 0 ? pickup[c] : delivery[c]],
    };
    if (prize[c] > 0) job.unassignedPenaltyFen = scaleTime(prize[c]);
    if (releaseS > 0) job.releaseS = releaseS;
    jobs.push(job);
  }
  const problem: Problem = {
    name,
    profiles: { euclidean: matrices },
    vehicles,
    jobs,
    shipments: [],
    objective: variant === 'HFVRP' ? 'cost' : 'distance',
    distanceScale: variant === 'HFVRP' ? HFVRP_DISTANCE_SCALE : 1,
  };
  if (variant === 'VRPB') problem.linehaulBeforeBackhaul = true;
  return { name, variant, problem, text };
}

/**
 * The fleet: `VEHICLES` vehicles (one per client when absent: an unlimited fleet), each with its
 * row of the per-vehicle sections. A per-vehicle section with another row count names itself.
 */
function readVehicles(file: VrplibText, clients: number, shift: TimeWindow, realDistance: boolean): Vehicle[] {
  const count = file.specifications.has('VEHICLES') ? positiveInteger(file, 'VEHICLES') : clients;
  const perVehicle = (name: string, fallback: number | null): number[] => {
    const section = file.sections.get(name);
    if (!section) {
      if (fallback === null) throw new InvalidProblemError('missing (or give the CAPACITY specification)', name);
      return new Array<number>(count).fill(fallback);
    }
    if (section.rows.length !== count) throw new InvalidProblemError(`has ${section.rows.length} rows for VEHICLES = ${count}`, name);
    return section.rows.map((row, k) => {
      if (row.length < 2 || row[0] !== k + 1 || !Number.isInteger(row[1]) || row[1] < 0) {
        throw new InvalidProblemError(`row ${k + 1} must be "${k + 1} value" with a non-negative integer value`, `line ${section.rowLines[k]}`);
      }
      return row[1];
    });
  };
  const uniformCapacity = file.specifications.has('CAPACITY') ? positiveInteger(file, 'CAPACITY') : null;
  const capacity = perVehicle('CAPACITY_SECTION', uniformCapacity);
  const fixedCost = perVehicle('VEHICLES_FIXED_COST_SECTION', 0);
  // Costs are per file distance unit; the model prices per km of integer metres.
  const unitCost = perVehicle('VEHICLES_UNIT_DISTANCE_COST_SECTION', 1);
  const reloadDepot = perVehicle('VEHICLES_RELOAD_DEPOT_SECTION', 0);
  return capacity.map((cap, k) => {
    if (reloadDepot[k] > 1)
      throw new InvalidProblemError(`vehicle ${k + 1} reloads at node ${reloadDepot[k]}; only the depot (node 1) is supported`, 'VEHICLES_RELOAD_DEPOT_SECTION');
    const vehicle: Vehicle = {
      id: `vehicle-${k + 1}`,
      startLocation: 0,
      endLocation: 0,
      capacity: [cap],
      fixedCostFen: fixedCost[k],
      costPerKmFen: realDistance ? unitCost[k] : unitCost[k] * 1000,
      costPerHourFen: 0,
      profile: 'euclidean',
      shift: { ...shift },
    };
    if (reloadDepot[k] === 1) vehicle.reloadLocations = [0];
    return vehicle;
  });
}

/** Per-node sections, read by node id (1-based in the file, 0-based here). */
class NodeTable {
  constructor(
    private readonly file: VrplibText,
    private readonly dimension: number,
  ) {}

  /** Field `field` of every node; a missing node is an error when `fallback` is null. */
  column(name: string, field: number, fallback: number | null): number[] {
    const section = this.file.sections.get(name);
    const values = new Array<number>(this.dimension).fill(fallback ?? NaN);
    if (!section) {
      if (fallback === null) throw new InvalidProblemError('missing', name);
      return values;
    }
    section.rows.forEach((row, k) => {
      const node = row[0];
      if (!Number.isInteger(node) || node < 1 || node > this.dimension || row.length <= field) {
        throw new InvalidProblemError(`row must start with a node id in [1, ${this.dimension}] and have ${field + 1} fields`, `line ${section.rowLines[k]}`);
      }
      values[node - 1] = row[field];
    });
    if (fallback === null) {
      const missing = values.findIndex((v) => Number.isNaN(v));
      if (missing >= 0) throw new InvalidProblemError(`node ${missing + 1} is missing`, name);
    }
    return values;
  }

  /** Time windows from `TIME_WINDOW_SECTION` (`node early late`), scaled; every node needs one. */
  windows(scale: (value: number) => number): TimeWindow[] {
    const early = this.column('TIME_WINDOW_SECTION', 1, null);
    const late = this.column('TIME_WINDOW_SECTION', 2, null);
    return early.map((start, k) => {
      if (start < 0 || late[k] < start)
        throw new InvalidProblemError(`node ${k + 1} window [${start}, ${late[k]}] must have 0 <= early <= late`, this.where('TIME_WINDOW_SECTION', k));
      return { startS: scale(start), endS: scale(late[k]) };
    });
  }

  requireNonNegative(name: string, node: number, value: number, what: string): void {
    if (!(value >= 0)) throw new InvalidProblemError(`node ${node + 1} has a negative ${what} (${value})`, this.where(name, node));
  }

  /** The line of a node's row, or the section's name when the row cannot be found. */
  where(name: string, node: number): string {
    const section: VrplibSection | undefined = this.file.sections.get(name);
    const k = section ? section.rows.findIndex((row) => row[0] === node + 1) : -1;
    return section && k >= 0 ? `line ${section.rowLines[k]}` : name;
  }
}

function positiveInteger(file: VrplibText, key: string): number {
  const entry = file.specifications.get(key);
  if (!entry) throw new InvalidProblemError(`missing ${key}`, key);
  const value = Number(entry.value);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidProblemError(`${key} must be a positive integer, got "${entry.value}"`, `line ${entry.line}`);
  return value;
}

function nonNegative(value: number, key: string): number {
  if (!(value >= 0)) throw new InvalidProblemError(`must be a non-negative number, got ${value}`, key);
  return value;
}
