import { benchmarkFleet } from './benchmark-fleet';
import { InvalidProblemError, Problem } from '../model/problem';
import { readVrplibText, VrplibSpecification } from './vrplib-text';

/** A CVRPLIB (TSPLIB-style, EUC_2D) instance: the problem plus what reports need. */
export interface CvrplibInstance {
  name: string;
  problem: Problem;
  /** Node coordinates, depot first (file node k is index k-1). */
  coordinates: Array<[number, number]>;
}

const SECTIONS = new Set(['NODE_COORD_SECTION', 'DEMAND_SECTION', 'DEPOT_SECTION']);

/**
 * Parses a CVRPLIB `.vrp` file. Customers keep the CVRPLIB solution numbering: job id `c` is file
 * node c+1 and location c; the depot is node 1 (location 0). The fleet is unlimited, which we model
 * as one vehicle per customer. Arc lengths are `nint(euclidean)` as in CVRPLIB.
 */
export function parseCvrplib(text: string): CvrplibInstance {
  const file = readVrplibText(text);
  for (const [name, section] of file.sections) {
    if (!SECTIONS.has(name)) throw new InvalidProblemError(`unsupported section ${name}`, `line ${section.line}`);
  }
  const header = file.specifications;
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  const rows = (name: string): Array<{ numbers: number[]; lineNo: number }> => {
    const section = file.sections.get(name);
    return section ? section.rows.map((numbers, k) => ({ numbers, lineNo: section.rowLines[k] })) : [];
  };
  for (const { numbers, lineNo } of rows('NODE_COORD_SECTION')) {
    if (numbers.length !== 3) throw new InvalidProblemError('NODE_COORD_SECTION rows are "id x y"', `line ${lineNo}`);
    coords.set(numbers[0], [numbers[1], numbers[2]]);
  }
  for (const { numbers, lineNo } of rows('DEMAND_SECTION')) {
    if (numbers.length !== 2 || !Number.isInteger(numbers[1]) || numbers[1] < 0) {
      throw new InvalidProblemError('DEMAND_SECTION rows are "id demand" with a non-negative integer demand', `line ${lineNo}`);
    }
    demands.set(numbers[0], numbers[1]);
  }
  const depots = rows('DEPOT_SECTION').map(({ numbers }) => numbers[0]);
  const dimension = requireInteger(header, 'DIMENSION');
  const capacity = requireInteger(header, 'CAPACITY');
  const edgeType = header.get('EDGE_WEIGHT_TYPE');
  if (edgeType && edgeType.value !== 'EUC_2D') {
    throw new InvalidProblemError(`EDGE_WEIGHT_TYPE ${edgeType.value} is not supported (only EUC_2D)`, `line ${edgeType.line}`);
  }
  if (depots.length > 1 || (depots.length === 1 && depots[0] !== 1)) {
    throw new InvalidProblemError('only a single depot at node 1 is supported', 'DEPOT_SECTION');
  }
  const coordinates: Array<[number, number]> = [];
  for (let node = 1; node <= dimension; node++) {
    const xy = coords.get(node);
    if (!xy) throw new InvalidProblemError(`node ${node} has no coordinates`, 'NODE_COORD_SECTION');
    const demand = demands.get(node);
    if (demand === undefined) throw new InvalidProblemError(`node ${node} has no demand`, 'DEMAND_SECTION');
    if (demand > capacity) throw new InvalidProblemError(`node ${node} demand ${demand} exceeds CAPACITY ${capacity}`, 'DEMAND_SECTION');
    coordinates.push(xy);
  }
  const name = header.get('NAME')?.value ?? 'cvrplib';
  const size = dimension;
  const distanceM = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      distanceM[i * size + j] = Math.round(Math.hypot(coordinates[i][0] - coordinates[j][0], coordinates[i][1] - coordinates[j][1]));
    }
  }
  const vehicles = benchmarkFleet(size - 1, capacity, { startS: 0, endS: 2_000_000_000 });
  const problem: Problem = {
    name,
    profiles: { euclidean: { size, distanceM, durationS: distanceM } },
    vehicles,
    jobs: coordinates.slice(1).map((_, k) => ({
      id: String(k + 1),
      kind: 'delivery' as const,
      location: k + 1,
      serviceS: 0,
      timeWindows: [],
      amount: [demands.get(k + 2) ?? 0],
    })),
    shipments: [],
    objective: 'distance',
    distanceScale: 1,
  };
  return { name, problem, coordinates };
}

function requireInteger(header: Map<string, VrplibSpecification>, key: string): number {
  const entry = header.get(key);
  if (!entry) throw new InvalidProblemError(`missing ${key}`, key);
  const value = Number(entry.value);
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidProblemError(`${key} must be a positive integer, got "${entry.value}"`, `line ${entry.line}`);
  }
  return value;
}
