import { InvalidProblemError, Problem, solve } from '@rural-dispatch/routing';
import { SolverThread } from '../../src/planning/solver-thread';

/** Four villages on a line east of the depot, two vans of different capacities (an ALNS problem). */
function lineProblem(): Problem {
  const size = 5;
  const distanceM = new Int32Array(size * size);
  const durationS = new Int32Array(size * size);
  for (let from = 0; from < size; from++) {
    for (let to = 0; to < size; to++) {
      distanceM[from * size + to] = Math.abs(from - to) * 3_000;
      durationS[from * size + to] = Math.abs(from - to) * 300;
    }
  }
  const van = (id: string, weightG: number) => ({
    id,
    startLocation: 0,
    endLocation: 0,
    capacity: [weightG],
    fixedCostFen: 5_000,
    costPerKmFen: 100,
    costPerHourFen: 2_000,
    profile: 'van',
    shift: { startS: 0, endS: 36_000 },
  });
  return {
    profiles: { van: { size, distanceM, durationS } },
    vehicles: [van('big', 100_000), van('small', 30_000)],
    jobs: [1, 2, 3, 4].map((location) => ({ id: `v${location}`, kind: 'delivery' as const, location, serviceS: 120, timeWindows: [], amount: [20_000] })),
    shipments: [],
    objective: 'cost',
  };
}

describe('SolverThread', () => {
  const thread = new SolverThread();
  afterAll(() => thread.onModuleDestroy());

  it('answers as the library solve does on this thread, for the same seed (typed arrays survive the copy)', async () => {
    const options = { seed: 3, timeLimitMs: 60_000, maxIterations: 300 };
    const here = solve(lineProblem(), options);
    const there = await thread.solve(lineProblem(), { ...options, onProgress: () => {} });
    expect(there.routes).toEqual(here.routes);
    expect(there.cost).toBe(here.cost);
    expect(there.statistics.iterations).toBe(300);
  });

  it('gives back bad input as the library error class, and keeps serving after it', async () => {
    const broken = lineProblem();
    broken.jobs[0]!.location = 99;
    const refused = thread.solve(broken, { seed: 1, maxIterations: 10 });
    await expect(refused).rejects.toBeInstanceOf(InvalidProblemError);
    await expect(refused).rejects.toThrow(/99|location/);
    await expect(thread.solve(lineProblem(), { seed: 1, maxIterations: 10 })).resolves.toMatchObject({ feasible: true });
  });
});
