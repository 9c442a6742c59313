import { solveWithAlns } from '../../src/search/alns';
import { toVroomOutput, vroomJsonFormat } from '../../src/formats/vroom-json-format';
import { InvalidProblemError } from '../../src/model/problem';
import { parseVroomJson } from '../../src/parsers/vroom-json';
import { haversineM } from '../../src/graph/geodesy';

const durations = [
  [0, 100, 200, 300],
  [100, 0, 100, 200],
  [200, 100, 0, 100],
  [300, 200, 100, 0],
];
const distances = durations.map((row) => row.map((x) => x * 10));

/** A fresh deep copy each time, so a test that mutates it cannot leak into the next. */
function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      vehicles: [
        { id: 7, start_index: 0, end_index: 0, capacity: [4, 2], skills: [1], time_window: [0, 5000], costs: { fixed: 100, per_hour: 3600, per_km: 50 } },
        { id: 8, start_index: 3, capacity: [4, 2], max_travel_time: 900, max_distance: 8000 },
      ],
      jobs: [
        {
          id: 1,
          location_index: 1,
          service: 30,
          setup: 5,
          delivery: [1, 0],
          skills: [1],
          priority: 10,
          time_windows: [
            [0, 100],
            [300, 400],
          ],
        },
        { id: 2, location_index: 2, pickup: [2, 1] },
      ],
      shipments: [{ pickup: { id: 11, location_index: 3, service: 10 }, delivery: { id: 12, location_index: 1, time_windows: [[0, 4000]] }, amount: [1, 1] }],
      matrices: { car: { durations, distances } },
      ...overrides,
    }),
  );
}

function errorAt(json: unknown): string | undefined {
  try {
    parseVroomJson(JSON.stringify(json));
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidProblemError);
    return (error as InvalidProblemError).where;
  }
  return undefined;
}

describe('VROOM JSON parser', () => {
  it('maps vehicles, jobs, shipments and matrices onto the model', () => {
    const { problem, vehicleIds, jobIds, shipmentIds, warnings } = parseVroomJson(JSON.stringify(input()));
    expect(warnings).toEqual([]);
    expect(problem.objective).toBe('cost');
    expect(vehicleIds).toEqual([7, 8]);
    expect(jobIds).toEqual([1, 2]);
    expect(shipmentIds).toEqual([{ pickup: 11, delivery: 12 }]);
    const [first, second] = problem.vehicles;
    expect(first).toMatchObject({
      id: '7',
      startLocation: 0,
      endLocation: 0,
      capacity: [4, 2],
      skills: ['1'],
      fixedCostFen: 100,
      costPerKmFen: 50,
      costPerHourFen: 3600,
      profile: 'car',
      shift: { startS: 0, endS: 5000 },
    });
    expect(second).toMatchObject({ endLocation: null, maxDurationS: 900, maxDistanceM: 8000, costPerHourFen: 3600, costPerKmFen: 0 });
    expect(problem.jobs[0]).toMatchObject({
      kind: 'delivery',
      serviceS: 35,
      amount: [1, 0],
      priority: 10,
      timeWindows: [
        { startS: 0, endS: 100 },
        { startS: 300, endS: 400 },
      ],
    });
    expect(problem.jobs[1]).toMatchObject({ kind: 'pickup', amount: [2, 1] });
    expect(problem.shipments[0]).toMatchObject({ pickup: { location: 3, serviceS: 10 }, delivery: { location: 1 }, amount: [1, 1] });
    expect(problem.profiles.car.size).toBe(4);
    expect(problem.profiles.car.distanceM[3]).toBe(3000);
  });

  it('solves and answers in VROOM terms (ids, steps, unassigned)', () => {
    const instance = parseVroomJson(JSON.stringify(input()));
    const solution = solveWithAlns(instance.problem, { seed: 1, maxIterations: 100 });
    expect(solution.feasible).toBe(true);
    const output = toVroomOutput(instance, solution) as { routes: Array<{ vehicle: number; steps: Array<{ id?: number }> }>; unassigned: unknown[] };
    expect(output.unassigned).toEqual([]);
    const ids = output.routes.flatMap((r) => r.steps.map((s) => s.id).filter((id) => id !== undefined)).sort((a, b) => a! - b!);
    expect(ids).toEqual([1, 2, 11, 12]);
    // Job 1 needs skill 1, which only vehicle 7 has.
    expect(output.routes.find((r) => r.steps.some((s) => s.id === 1))!.vehicle).toBe(7);
    expect(vroomJsonFormat.toCvrplibText(instance, solution)).toMatch(/^Cost \d+$/m);
  });

  it('accepts the legacy top-level matrix as car durations', () => {
    const json = input({ matrices: undefined, matrix: durations });
    (json.vehicles as Array<Record<string, unknown>>)[0].costs = { fixed: 0 };
    (json.vehicles as Array<Record<string, unknown>>)[1].max_distance = undefined;
    const { problem } = parseVroomJson(JSON.stringify(json));
    expect(problem.profiles.car.durationS[1]).toBe(100);
  });

  it('builds great-circle x 1.3 matrices at 40 km/h from coordinates alone, with a warning', () => {
    const json = {
      vehicles: [{ id: 1, start: [104.9, 34.0], end: [104.9, 34.0] }],
      jobs: [
        { id: 1, location: [105.0, 34.1] },
        { id: 2, location: [104.9, 34.0] },
      ],
    };
    const { problem, warnings } = parseVroomJson(JSON.stringify(json));
    expect(warnings.join()).toMatch(/1\.3.*40 km\/h/);
    expect(problem.profiles.car.size).toBe(2); // the depot and job 2 share a location
    const road = haversineM(104.9, 34.0, 105.0, 34.1) * 1.3;
    expect(problem.profiles.car.distanceM[1]).toBe(Math.round(road));
    expect(problem.profiles.car.durationS[1]).toBe(Math.round(road / (40_000 / 3600)));
    expect(vroomJsonFormat.detect(JSON.stringify(json), 'x.json')).toBe(3);
  });

  it.each([
    [
      'a job time window ending before it starts',
      (j: any) =>
        (j.jobs[1].time_windows = [
          [0, 10],
          [30, 20],
        ]),
      'jobs[1].time_windows[1]',
    ],
    ['a negative service', (j: any) => (j.jobs[0].service = -1), 'jobs[0].service'],
    ['a job without location_index', (j: any) => delete j.jobs[1].location_index, 'jobs[1].location_index'],
    ['a duplicate job id', (j: any) => (j.jobs[1].id = 1), 'jobs[1].id'],
    ['a mixed pickup and delivery job', (j: any) => (j.jobs[1].delivery = [1, 0]), 'jobs[1]'],
    ['a capacity of the wrong length', (j: any) => (j.vehicles[1].capacity = [4]), 'vehicles[1].capacity'],
    ['a shipment amount of the wrong length', (j: any) => (j.shipments[0].amount = [1]), 'shipments[0].amount'],
    ['a shipment delivery that is not an object', (j: any) => (j.shipments[0].delivery = 3), 'shipments[0].delivery'],
    ['a location index outside the matrix', (j: any) => (j.jobs[0].location_index = 9), 'matrices.car.durations'],
    ['a ragged matrix row', (j: any) => (j.matrices.car.durations[2] = [1, 2]), 'matrices.car.durations[2]'],
    ['a custom cost matrix', (j: any) => (j.matrices.car.costs = durations), 'matrices.car.costs'],
    ['a vehicle without start', (j: any) => delete j.vehicles[0].start_index, 'vehicles[0]'],
    ['breaks', (j: any) => (j.vehicles[0].breaks = [{ id: 1 }]), 'vehicles[0].breaks'],
    ['an unknown profile', (j: any) => (j.vehicles[1].profile = 'bike'), 'vehicles[1].profile'],
    ['a priority above 100', (j: any) => (j.jobs[0].priority = 101), 'jobs[0].priority'],
    ['a bad coordinate', (j: any) => ((j.matrices = undefined), (j.vehicles[0].start = [200, 0])), 'vehicles[0].start'],
  ])('refuses %s, naming the JSON path', (_label, mutate, path) => {
    const json = input();
    mutate(json);
    expect(errorAt(json)).toBe(path);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseVroomJson('{"vehicles": [', 'bad.json')).toThrow(InvalidProblemError);
  });
});
