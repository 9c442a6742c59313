import { benchmarkFleet } from './benchmark-fleet';
import { InvalidProblemError, Problem } from '../model/problem';
import { euclideanMatrices, NumericRow, readNumericRow, scaledDuration, scaledWindow, SOLOMON_STYLE_SCALE } from './solomon-style-text';

export interface SolomonInstance {
  name: string;
  problem: Problem;
  /** Depot first, then customers in file order. */
  coordinates: Array<[number, number]>;
  /** File customer number of each location (depot = index 0). */
  customerNumbers: number[];
}

/**
 * Parses a Solomon / Gehring-Homberger VRPTW file. Travel time equals Euclidean distance. Times and
 * distances are scaled by 1000 to integers; travel durations are rounded UP so that a schedule
 * feasible in integers is feasible for the real-valued verifier, distances to the nearest integer.
 */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/);
  let name = '';
  let vehicleCount = NaN;
  let capacity = NaN;
  const rows: NumericRow[] = [];
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index].trim();
    if (!line) continue;
    if (!name) {
      name = line;
      continue;
    }
    if (/^NUMBER\s+CAPACITY/i.test(line)) {
      let next = index + 1;
      while (next < lines.length && !lines[next].trim()) next++;
      const parts = (lines[next] ?? '').trim().split(/\s+/).map(Number);
      if (parts.length !== 2 || !parts.every((x) => Number.isInteger(x) && x > 0)) {
        throw new InvalidProblemError('expected "NUMBER CAPACITY" values, two positive integers', `line ${next + 1}`);
      }
      [vehicleCount, capacity] = parts;
      index = next;
      continue;
    }
    if (/^(VEHICLE|CUSTOMER|CUST\s)/i.test(line)) continue;
    const { numbers } = readNumericRow(line, lineNo, 'customer', FIELDS);
    const [, , , demand, ready, due, service] = numbers;
    if (demand < 0 || !Number.isInteger(demand)) throw new InvalidProblemError('DEMAND must be a non-negative integer', `line ${lineNo}`);
    if (due < ready) throw new InvalidProblemError(`DUE DATE ${due} is before READY TIME ${ready}`, `line ${lineNo}`);
    if (service < 0) throw new InvalidProblemError('SERVICE TIME must be non-negative', `line ${lineNo}`);
    if (Number.isFinite(capacity) && demand > capacity) {
      throw new InvalidProblemError(`DEMAND ${demand} exceeds vehicle capacity ${capacity}`, `line ${lineNo}`);
    }
    rows.push({ numbers, line: lineNo });
  }
  if (!Number.isFinite(vehicleCount)) throw new InvalidProblemError('missing VEHICLE / NUMBER CAPACITY block', 'VEHICLE');
  if (rows.length < 2) throw new InvalidProblemError('needs a depot row and at least one customer row', 'CUSTOMER');
  const coordinates = rows.map((r) => [r.numbers[1], r.numbers[2]] as [number, number]);
  const depot = rows[0].numbers;
  const horizon = scaledWindow(depot[4], depot[5]);
  const vehicles = benchmarkFleet(vehicleCount, capacity, horizon);
  const problem: Problem = {
    name,
    profiles: { euclidean: euclideanMatrices(coordinates) },
    vehicles,
    jobs: rows.slice(1).map((r, k) => ({
      id: String(r.numbers[0]),
      kind: 'delivery' as const,
      location: k + 1,
      serviceS: scaledDuration(r.numbers[6]),
      timeWindows: [scaledWindow(r.numbers[4], r.numbers[5])],
      amount: [r.numbers[3]],
    })),
    shipments: [],
    objective: 'vehicles-then-distance',
    distanceScale: SOLOMON_STYLE_SCALE,
  };
  return { name, problem, coordinates, customerNumbers: rows.map((r) => r.numbers[0]) };
}

const FIELDS = ['CUST_NO', 'XCOORD', 'YCOORD', 'DEMAND', 'READY_TIME', 'DUE_DATE', 'SERVICE_TIME'];
