import { Job, Problem, ProfileMatrices, Shipment, Vehicle } from '../../../src/model/problem';
import { Random } from '../../../src/random';

/**
 * Tiny hand-checkable problems on points in the plane: distance is Euclidean metres rounded, and
 * driving takes one second per metre, so every figure in a test can be worked out by hand.
 */
export function planeMatrices(points: Array<[number, number]>): ProfileMatrices {
  const size = points.length;
  const distanceM = new Int32Array(size * size);
  const durationS = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const d = Math.round(Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]));
      distanceM[i * size + j] = d;
      durationS[i * size + j] = d;
    }
  }
  return { size, distanceM, durationS };
}

export function vehicle(overrides: Partial<Vehicle> = {}): Vehicle {
  return {
    id: 'v1',
    startLocation: 0,
    endLocation: 0,
    capacity: [10],
    fixedCostFen: 0,
    costPerKmFen: 0,
    costPerHourFen: 0,
    profile: 'plane',
    shift: { startS: 0, endS: 100_000 },
    ...overrides,
  };
}

export function job(id: string, location: number, overrides: Partial<Job> = {}): Job {
  return { id, kind: 'delivery', location, serviceS: 0, timeWindows: [], amount: [1], ...overrides };
}

export function shipment(id: string, pickup: number, delivery: number, overrides: Partial<Shipment> = {}): Shipment {
  return {
    id,
    pickup: { location: pickup, serviceS: 0, timeWindows: [] },
    delivery: { location: delivery, serviceS: 0, timeWindows: [] },
    amount: [1],
    ...overrides,
  };
}

export function problem(points: Array<[number, number]>, parts: Partial<Problem>): Problem {
  return {
    name: 'tiny',
    profiles: { plane: planeMatrices(points) },
    vehicles: [vehicle()],
    jobs: [],
    shipments: [],
    objective: 'distance',
    ...parts,
  };
}

/**
 * A random small instance: depot at the centre, points in a 100 m square, delivery and pickup jobs
 * and shipments with random windows and loads, two vehicles (one with a max distance).
 */
export function randomProblem(seed: number): Problem {
  const rng = new Random(seed);
  const count = 9;
  const points: Array<[number, number]> = [[50, 50]];
  for (let i = 0; i < count; i++) points.push([rng.nextInt(101), rng.nextInt(101)]);
  const window = (): Array<{ startS: number; endS: number }> => {
    if (rng.nextFloat() < 0.3) return [];
    const start = rng.nextInt(300);
    const windows = [{ startS: start, endS: start + 20 + rng.nextInt(120) }];
    if (rng.nextFloat() < 0.3) windows.push({ startS: windows[0].endS + 30, endS: windows[0].endS + 90 });
    return windows;
  };
  const jobs: Job[] = [];
  for (let i = 1; i <= 5; i++) {
    jobs.push(
      job(`j${i}`, i, { kind: rng.nextFloat() < 0.5 ? 'delivery' : 'pickup', serviceS: rng.nextInt(15), timeWindows: window(), amount: [1 + rng.nextInt(4), rng.nextInt(3)] }),
    );
  }
  const shipments: Shipment[] = [];
  for (let i = 6; i + 1 <= count; i += 2) {
    shipments.push({
      id: `s${i}`,
      pickup: { location: i, serviceS: rng.nextInt(10), timeWindows: window() },
      delivery: { location: i + 1, serviceS: rng.nextInt(10), timeWindows: window() },
      amount: [1 + rng.nextInt(4), rng.nextInt(3)],
    });
  }
  return problem(points, {
    vehicles: [
      vehicle({ id: 'a', capacity: [7, 3], shift: { startS: 0, endS: 700 } }),
      vehicle({ id: 'b', capacity: [9, 2], endLocation: null, shift: { startS: 20, endS: 600 }, maxDistanceM: 400 }),
    ],
    jobs,
    shipments,
  });
}
