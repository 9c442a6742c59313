import { InvalidProblemError } from '../model/problem';
import { BENCHMARK_DISTANCE_SCALE, TwoEchelonInstance } from '../search/two-echelon/two-echelon-instance';
import { euclideanDistanceMatrix, validateTwoEchelonProblem } from '../search/two-echelon/two-echelon-validation';

/**
 * Reads the Hemmelmayr, Cordeau & Crainic (2012) 2E-CVRP layout (Sets 5 and 6). Lines starting
 * with `!` are comments; the data lines, in order, are
 *   trucks:          total, capacity, cost per distance, fixed cost
 *   city freighters: max per satellite, total, capacity, cost per distance, fixed cost
 *   stores:          space-separated `x,y[,handlingCost]` entries, depot first, then satellites
 *   customers:       space-separated `x,y,demand` entries (may continue over several lines)
 * Fixed and handling costs are real-valued in the file and scaled like distances.
 */
export function parseHemmelmayr2ECvrp(text: string, name = 'two-echelon', distanceScale = BENCHMARK_DISTANCE_SCALE): TwoEchelonInstance {
  const dataLines: Array<{ text: string; line: number }> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line && !line.startsWith('!')) dataLines.push({ text: line, line: index + 1 });
  });
  if (dataLines.length < 4) {
    throw new InvalidProblemError(`expected trucks, city freighters, stores and customers lines, found ${dataLines.length} data lines`, 'file');
  }
  const [trucksLine, freightersLine, storesLine, ...customerLines] = dataLines;
  const [truckCount, truckCapacity, truckRate, truckFixed] = tuple(trucksLine, ['total', 'capacity', 'cost per distance', 'fixed cost'], 'trucks');
  const [perSatellite, freighterCount, freighterCapacity, freighterRate, freighterFixed] = tuple(
    freightersLine,
    ['max per satellite', 'total', 'capacity', 'cost per distance', 'fixed cost'],
    'city freighters',
  );
  const stores = entries(storesLine, 'store').map((fields, k) => {
    if (fields.length < 2 || fields.length > 3) {
      throw new InvalidProblemError(`store ${k + 1} must be "x,y[,handlingCost]" (got ${fields.length} fields)`, `line ${storesLine.line}`);
    }
    return { x: fields[0], y: fields[1], handling: fields[2] ?? 0 };
  });
  if (stores.length < 2) throw new InvalidProblemError('stores need the depot and at least one satellite', `line ${storesLine.line}`);
  const customers = customerLines.flatMap((line) =>
    entries(line, 'customer').map((fields, k) => {
      if (fields.length !== 3) throw new InvalidProblemError(`customer entry ${k + 1} must be "x,y,demand" (got ${fields.length} fields)`, `line ${line.line}`);
      if (!Number.isInteger(fields[2]) || fields[2] < 0) {
        throw new InvalidProblemError(`customer entry ${k + 1}: field demand must be a non-negative integer (got ${fields[2]})`, `line ${line.line}`);
      }
      return { x: fields[0], y: fields[1], demand: fields[2] };
    }),
  );
  const [depot, ...satellites] = stores;
  const coordinates = {
    depot: [depot.x, depot.y] as [number, number],
    satellites: satellites.map((s) => [s.x, s.y] as [number, number]),
    customers: customers.map((c) => [c.x, c.y] as [number, number]),
  };
  const integer = (value: number, field: string, where: { line: number }): number => {
    if (!Number.isInteger(value) || value < 1) throw new InvalidProblemError(`field ${field} must be a positive integer (got ${value})`, `line ${where.line}`);
    return value;
  };
  const problem = {
    name,
    satellites: satellites.map((s, k) => ({
      id: `S${k + 1}`,
      maxVehicles: integer(perSatellite, 'max per satellite', freightersLine),
      handlingCost: Math.round(s.handling * distanceScale),
    })),
    customers: customers.map((c, k) => ({ id: String(k + 1), demand: c.demand })),
    firstLevel: {
      capacity: integer(truckCapacity, 'capacity', trucksLine),
      maxVehicles: integer(truckCount, 'total', trucksLine),
      costPerDistance: truckRate,
      fixedCost: Math.round(truckFixed * distanceScale),
    },
    secondLevel: {
      capacity: integer(freighterCapacity, 'capacity', freightersLine),
      maxVehicles: integer(freighterCount, 'total', freightersLine),
      costPerDistance: freighterRate,
      fixedCost: Math.round(freighterFixed * distanceScale),
    },
    distance: euclideanDistanceMatrix(coordinates, distanceScale),
    distanceScale,
  };
  validateTwoEchelonProblem(problem);
  return { name, layout: 'hemmelmayr', problem, coordinates };
}

function parseNumber(field: string, description: string, line: number): number {
  const value = Number(field);
  if (field === '' || !Number.isFinite(value) || value < 0) {
    throw new InvalidProblemError(`field ${description} must be a non-negative number (got "${field}")`, `line ${line}`);
  }
  return value;
}

function tuple(line: { text: string; line: number }, names: string[], what: string): number[] {
  const fields = line.text.split(',').map((f) => f.trim());
  if (fields.length !== names.length) {
    throw new InvalidProblemError(`${what} line must be "${names.join(',')}" (got ${fields.length} fields)`, `line ${line.line}`);
  }
  return fields.map((f, k) => parseNumber(f, `${what} ${names[k]}`, line.line));
}

function entries(line: { text: string; line: number }, what: string): number[][] {
  return line.text.split(/\s+/).map((entry, k) => entry.split(',').map((f) => parseNumber(f.trim(), `${what} ${k + 1}`, line.line)));
}
