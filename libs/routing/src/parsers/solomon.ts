import { benchmarkFleet } from './benchmark-fleet';
import { InvalidProblemError, Problem } from '../model/problem';

/** Benchmark distances are real-valued; we keep three decimals as integer "metres". */
export const SOLOMON_DISTANCE_SCALE = 1000;

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
  const rows: Array<{ numbers: number[]; line: number }> = [];
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
    const parts = line.split(/\s+/);
    const numbers = parts.map(Number);
    const bad = numbers.findIndex((x) => !Number.isFinite(x));
    if (parts.length !== 7 || bad >= 0) {
      const field = bad >= 0 ? ` (field ${FIELDS[bad] ?? bad + 1} is not a number)` : ` (expected 7 fields: ${FIELDS.join(' ')})`;
      throw new InvalidProblemError(`cannot read customer row "${line}"${field}`, `line ${lineNo}`);
    }
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
  const scale = SOLOMON_DISTANCE_SCALE;
  const coordinates = rows.map((r) => [r.numbers[1], r.numbers[2]] as [number, number]);
  const size = rows.length;
  const distanceM = new Int32Array(size * size);
  const durationS = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const d = Math.hypot(coordinates[i][0] - coordinates[j][0], coordinates[i][1] - coordinates[j][1]) * scale;
      distanceM[i * size + j] = Math.round(d);
      durationS[i * size + j] = Math.ceil(d - 1e-6);
    }
  }
  const depot = rows[0].numbers;
  const horizon = { startS: Math.round(depot[4] * scale), endS: Math.round(depot[5] * scale) };
  const vehicles = benchmarkFleet(vehicleCount, capacity, horizon);
  const problem: Problem = {
    name,
    profiles: { euclidean: { size, distanceM, durationS } },
    vehicles,
    jobs: rows.slice(1).map((r, k) => ({
      id: String(r.numbers[0]),
      kind: 'delivery' as const,
      location: k + 1,
      serviceS: Math.round(r.numbers[6] * scale),
      timeWindows: [{ startS: Math.round(r.numbers[4] * scale), endS: Math.round(r.numbers[5] * scale) }],
      amount: [r.numbers[3]],
    })),
    shipments: [],
    objective: 'vehicles-then-distance',
    distanceScale: scale,
  };
  return { name, problem, coordinates, customerNumbers: rows.map((r) => r.numbers[0]) };
}

const FIELDS = ['CUST_NO', 'XCOORD', 'YCOORD', 'DEMAND', 'READY_TIME', 'DUE_DATE', 'SERVICE_TIME'];
