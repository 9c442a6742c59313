import { benchmarkFleet } from './benchmark-fleet';
import { InvalidProblemError, Problem, Shipment } from '../model/problem';
import { euclideanMatrices, NumericRow, readNumericRow, scaledDuration, scaledWindow, SOLOMON_STYLE_SCALE } from './solomon-style-text';

export interface LiLimInstance {
  name: string;
  problem: Problem;
  /** Coordinates of each matrix location: the depot (task 0) first, then tasks in file order. */
  coordinates: Array<[number, number]>;
  /** File task number of each matrix location. */
  taskNumbers: number[];
  /** Travel speed from the header: travel time = distance / speed. */
  speed: number;
}

const FIELDS = ['TASK', 'X', 'Y', 'DEMAND', 'EARLIEST', 'LATEST', 'SERVICE', 'PICKUP', 'DELIVERY'];

/**
 * Parses a Li & Lim PDPTW file (first line `vehicles capacity speed`, then one row per task:
 * `id x y demand earliest latest service pickup_sibling delivery_sibling`, task 0 the depot). Each
 * pickup (demand > 0, naming its delivery in the last column) becomes a shipment. Distances are
 * scaled by 1000 and rounded; travel times are scaled and rounded UP, and windows scaled exactly, so
 * that a schedule feasible in integers is feasible for the real-valued verifier.
 */
export function parseLiLim(text: string, fileName = 'lilim'): LiLimInstance {
  const lines = text.split(/\r?\n/);
  let header: number[] | null = null;
  const rows: NumericRow[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    if (header === null) {
      const numbers = line.split(/\s+/).map(Number);
      if (numbers.length !== 3 || !numbers.every(Number.isFinite) || numbers[0] <= 0 || numbers[1] <= 0 || numbers[2] <= 0) {
        throw new InvalidProblemError('expected "vehicles capacity speed", three positive numbers', `line ${index + 1}`);
      }
      header = numbers;
      return;
    }
    rows.push(readNumericRow(line, index + 1, 'task', FIELDS));
  });
  if (header === null) throw new InvalidProblemError('empty file', 'line 1');
  const [vehicleCount, capacity, speed] = header as number[];
  if (!Number.isInteger(vehicleCount)) throw new InvalidProblemError('vehicle count must be an integer', 'line 1');
  if (rows.length < 3) throw new InvalidProblemError('needs a depot row and at least one pickup-delivery pair', 'line 2');

  const locationOf = new Map<number, number>();
  rows.forEach((row, index) => {
    const id = row.numbers[0];
    if (locationOf.has(id)) throw new InvalidProblemError(`task ${id} appears twice`, `line ${row.line}`);
    locationOf.set(id, index);
    const [, , , , earliest, latest, service] = row.numbers;
    if (latest < earliest) throw new InvalidProblemError(`LATEST ${latest} is before EARLIEST ${earliest}`, `line ${row.line}`);
    if (service < 0) throw new InvalidProblemError('SERVICE must be non-negative', `line ${row.line}`);
  });
  if (rows[0].numbers[3] !== 0) throw new InvalidProblemError('the depot (first task row) must have demand 0', `line ${rows[0].line}`);

  const coordinates = rows.map((row) => [row.numbers[1], row.numbers[2]] as [number, number]);
  const window = (row: number[]) => scaledWindow(row[4], row[5]);

  const shipments: Shipment[] = [];
  const paired = new Set<number>();
  for (const row of rows.slice(1)) {
    const [id, , , demand, , , , , deliveryId] = row.numbers;
    if (demand < 0) continue;
    if (demand === 0 && deliveryId === 0) throw new InvalidProblemError(`task ${id} has demand 0 and no delivery sibling`, `line ${row.line}`);
    if (demand > capacity) throw new InvalidProblemError(`DEMAND ${demand} exceeds vehicle capacity ${capacity}`, `line ${row.line}`);
    const delivery = locationOf.get(deliveryId);
    if (delivery === undefined || delivery === 0) {
      throw new InvalidProblemError(`pickup ${id} names delivery ${deliveryId}, which is not a task`, `line ${row.line}`);
    }
    const deliveryRow = rows[delivery].numbers;
    if (deliveryRow[3] !== -demand || deliveryRow[7] !== id) {
      throw new InvalidProblemError(
        `delivery ${deliveryId} does not match pickup ${id} (demand ${deliveryRow[3]}, pickup sibling ${deliveryRow[7]})`,
        `line ${rows[delivery].line}`,
      );
    }
    paired.add(delivery);
    const pickup = locationOf.get(id)!;
    shipments.push({
      id: String(id),
      pickup: { location: pickup, serviceS: scaledDuration(row.numbers[6]), timeWindows: [window(row.numbers)] },
      delivery: { location: delivery, serviceS: scaledDuration(deliveryRow[6]), timeWindows: [window(deliveryRow)] },
      amount: [demand],
    });
  }
  rows.slice(1).forEach((row, index) => {
    if (row.numbers[3] < 0 && !paired.has(index + 1)) {
      throw new InvalidProblemError(`delivery ${row.numbers[0]} has no matching pickup`, `line ${row.line}`);
    }
  });

  const depot = rows[0].numbers;
  const vehicles = benchmarkFleet(vehicleCount, capacity, window(depot));
  const name = fileName
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
  const problem: Problem = {
    name,
    profiles: { euclidean: euclideanMatrices(coordinates, speed) },
    vehicles,
    jobs: [],
    shipments,
    objective: 'vehicles-then-distance',
    distanceScale: SOLOMON_STYLE_SCALE,
  };
  return { name, problem, coordinates, taskNumbers: rows.map((row) => row.numbers[0]), speed };
}
