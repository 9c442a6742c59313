import { InvalidProblemError } from '../model/problem';
import { BENCHMARK_DISTANCE_SCALE, TwoEchelonInstance } from '../search/two-echelon/two-echelon-instance';
import { TwoEchelonSatellite } from '../search/two-echelon/two-echelon-problem';
import { euclideanDistanceMatrix, validateTwoEchelonProblem } from '../search/two-echelon/two-echelon-validation';

interface NodeRow {
  id: number;
  x: number;
  y: number;
  line: number;
}

type Section = 'header' | 'coord' | 'satellite' | 'demand' | 'depot' | 'weighted';

/**
 * Reads the Perboli, Tadei & Vigo (2011) 2E-CVRP files (Sets 2-4). Sets 2 and 3 list the depot
 * and customers in NODE_COORD_SECTION (the first row is the depot, whatever its id: some files
 * number from 0 and others from 1), satellites in SATELLITE_SECTION and demands by node id in
 * DEMAND_SECTION. Set 4 has one NODE_WEIGHT_DEMAND_SECTION of `c|s|d id x y value -1` rows, where a
 * satellite's value is the number of second-level vehicles it may base. Both levels cost the
 * Euclidean distance, with no fixed or handling costs. Customers keep file order (customer k is
 * the k-th non-depot node).
 */
export function parsePerboli2ECvrp(text: string, distanceScale = BENCHMARK_DISTANCE_SCALE): TwoEchelonInstance {
  const header = new Map<string, { value: string; line: number }>();
  const nodes: NodeRow[] = [];
  const satellites: Array<NodeRow & { maxVehicles?: number }> = [];
  const demands = new Map<number, number>();
  let depot: NodeRow | undefined;
  const weightedCustomers: Array<NodeRow & { demand: number }> = [];
  let section: Section = 'header';
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const where = `line ${lineNo}`;
    const line = lines[index].trim();
    if (!line) continue;
    if (/^EOF\b/.test(line)) break;
    const sectionMatch = line.match(/^([A-Z_0-9]+_SECTION)\s*:?\s*$/);
    if (sectionMatch) {
      const sections: Record<string, Section> = {
        FLEET_SECTION: 'header',
        NODE_COORD_SECTION: 'coord',
        SATELLITE_SECTION: 'satellite',
        DEMAND_SECTION: 'demand',
        DEPOT_SECTION: 'depot',
        NODE_WEIGHT_DEMAND_SECTION: 'weighted',
      };
      if (!(sectionMatch[1] in sections)) throw new InvalidProblemError(`unsupported section ${sectionMatch[1]}`, where);
      section = sections[sectionMatch[1]];
      continue;
    }
    const keyValue = line.match(/^([A-Z_0-9]+)\s*:\s*(.*)$/);
    if (keyValue && section === 'header') {
      header.set(keyValue[1], { value: keyValue[2].trim(), line: lineNo });
      continue;
    }
    if (section === 'header') throw new InvalidProblemError(`expected "KEY : value" or a section name, got "${line}"`, where);
    if (section === 'depot') continue; // the depot is the first coordinate row; see above
    const fields = line.split(/\s+/);
    if (section === 'weighted') {
      if (fields[0] === '-1') continue;
      const kind = fields[0];
      if (!['c', 's', 'd'].includes(kind) || fields.length < 5) {
        throw new InvalidProblemError(`NODE_WEIGHT_DEMAND_SECTION rows are "c|s|d id x y value -1", got "${line}"`, where);
      }
      const [id, x, y, value] = numbers(fields.slice(1, 5), ['id', 'x', 'y', 'value'], where);
      const row = { id, x, y, line: lineNo };
      requireWholeNumber(value, 'value', where);
      if (kind === 'c') weightedCustomers.push({ ...row, demand: value });
      else if (kind === 's') satellites.push({ ...row, maxVehicles: value });
      else depot = row;
      continue;
    }
    if (section === 'demand') {
      if (fields.length !== 2) throw new InvalidProblemError(`DEMAND_SECTION rows are "id demand", got "${line}"`, where);
      const [id, demand] = numbers(fields, ['id', 'demand'], where);
      requireWholeNumber(demand, 'demand', where);
      demands.set(id, demand);
      continue;
    }
    if (fields.length !== 3) throw new InvalidProblemError(`rows are "id x y", got "${line}"`, where);
    const [id, x, y] = numbers(fields, ['id', 'x', 'y'], where);
    (section === 'coord' ? nodes : satellites).push({ id, x, y, line: lineNo });
  }

  const name = header.get('NAME')?.value ?? 'two-echelon';
  let customers: Array<NodeRow & { demand: number }>;
  if (weightedCustomers.length > 0 || depot) {
    if (!depot) throw new InvalidProblemError('no "d" (depot) row', 'NODE_WEIGHT_DEMAND_SECTION');
    customers = weightedCustomers;
  } else {
    if (nodes.length === 0) throw new InvalidProblemError('missing or empty', 'NODE_COORD_SECTION');
    depot = nodes[0];
    customers = nodes.slice(1).map((node) => {
      const demand = demands.get(node.id);
      if (demand === undefined) throw new InvalidProblemError(`node ${node.id} (line ${node.line}) has no demand`, 'DEMAND_SECTION');
      return { ...node, demand };
    });
  }
  expectCount(header, 'SATELLITES', satellites.length);
  expectCount(header, 'CUSTOMERS', customers.length);
  const edgeType = header.get('EDGE_WEIGHT_TYPE');
  if (edgeType && edgeType.value !== 'EUC_2D') {
    throw new InvalidProblemError(`EDGE_WEIGHT_TYPE ${edgeType.value} is not supported (only EUC_2D)`, `line ${edgeType.line}`);
  }
  const coordinates = {
    depot: [depot.x, depot.y] as [number, number],
    satellites: satellites.map((s) => [s.x, s.y] as [number, number]),
    customers: customers.map((c) => [c.x, c.y] as [number, number]),
  };
  const fleet = (capacityKey: string, countKey: string) => ({
    capacity: headerInteger(header, capacityKey),
    maxVehicles: headerInteger(header, countKey),
    costPerDistance: 1,
    fixedCost: 0,
  });
  const problem = {
    name,
    satellites: satellites.map((s, k): TwoEchelonSatellite => ({ id: `S${k + 1}`, ...(s.maxVehicles !== undefined ? { maxVehicles: s.maxVehicles } : {}) })),
    customers: customers.map((c) => ({ id: String(c.id), demand: c.demand })),
    firstLevel: fleet('L1CAPACITY', 'L1FLEET'),
    secondLevel: fleet('L2CAPACITY', 'L2FLEET'),
    distance: euclideanDistanceMatrix(coordinates, distanceScale),
    distanceScale,
  };
  validateTwoEchelonProblem(problem);
  return { name, layout: 'perboli', problem, coordinates };
}

function numbers(fields: string[], names: string[], where: string): number[] {
  return fields.map((field, k) => {
    const value = Number(field);
    if (!Number.isFinite(value)) throw new InvalidProblemError(`field ${names[k]} is not a number ("${field}")`, where);
    return value;
  });
}

function requireWholeNumber(value: number, field: string, where: string): void {
  if (!Number.isInteger(value) || value < 0) throw new InvalidProblemError(`field ${field} must be a non-negative integer (got ${value})`, where);
}

function headerInteger(header: Map<string, { value: string; line: number }>, key: string): number {
  const entry = header.get(key);
  if (!entry) throw new InvalidProblemError(`missing ${key}`, 'header');
  const value = Number(entry.value);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidProblemError(`${key} must be a positive integer, got "${entry.value}"`, `line ${entry.line}`);
  return value;
}

function expectCount(header: Map<string, { value: string; line: number }>, key: string, actual: number): void {
  const entry = header.get(key);
  if (entry && Number(entry.value) !== actual) {
    throw new InvalidProblemError(`${key} says ${entry.value} but the file lists ${actual}`, `line ${entry.line}`);
  }
}
