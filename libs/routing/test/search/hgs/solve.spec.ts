import { Problem, Solution } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { solve } from '../../../src/solve';
import { planeProblem, randomProblem } from './fixtures';

function checkFeasible(problem: Problem, solution: Solution): void {
  expect(solution.feasible).toBe(true);
  expect(solution.unassigned).toEqual([]);
  const visited = solution.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id));
  expect([...visited].sort()).toEqual(problem.jobs.map((j) => j.id).sort());
  for (const route of solution.routes) {
    const jobs = route.steps.filter((s) => s.type === 'job');
    const load = jobs.reduce((sum, s) => sum + problem.jobs.find((j) => j.id === s.id)!.amount[0], 0);
    expect(load).toBeLessThanOrEqual(problem.vehicles[0].capacity[0]);
    for (const step of jobs) {
      const window = problem.jobs.find((j) => j.id === step.id)!.timeWindows[0];
      if (window) expect(step.serviceStartS).toBeLessThanOrEqual(window.endS);
    }
  }
}

describe('HGS solve', () => {
  it('solves the square optimally (one route of length 14)', () => {
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3, y: 0, demand: 1 },
        { x: 3, y: 4, demand: 1 },
        { x: 0, y: 4, demand: 1 },
      ],
      { capacity: 10 },
    );
    const solution = solve(problem, { seed: 1, maxIterations: 20 });
    checkFeasible(problem, solution);
    expect(solution.cost).toBe(14);
    expect(solution.routes).toHaveLength(1);
  });

  it('same seed and iteration limit give the same solution', () => {
    const problem = randomProblem(new Random(99), 20, true);
    const a = solve(problem, { seed: 42, maxIterations: 60 });
    const b = solve(problem, { seed: 42, maxIterations: 60 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    expect(b.statistics.iterations).toBe(60);
  });

  it.each([false, true])('returns feasible solutions on random instances (time windows: %s)', (withWindows) => {
    for (let k = 0; k < 2; k++) {
      const problem = randomProblem(new Random(200 + k), 15, withWindows);
      // generous windows so a feasible plan surely exists
      if (withWindows) problem.jobs.forEach((j) => (j.timeWindows[0].endS += 400));
      problem.vehicles.forEach((v) => (v.shift.endS = 2000));
      checkFeasible(problem, solve(problem, { seed: k, maxIterations: 30 }));
    }
  });

  it('vehicles first: uses the fewest routes the windows allow', () => {
    // Four clients on a line, all reachable in one tour; distance alone would still pick one route.
    const problem = planeProblem(
      [0, 0],
      [0, 1, 2, 3].map((k) => ({ x: 10 + k, y: 0, demand: 1, window: [0, 1000] as [number, number] })),
      { capacity: 10, objective: 'vehicles-then-distance' },
    );
    const solution = solve(problem, { seed: 3, maxIterations: 50 });
    checkFeasible(problem, solution);
    expect(solution.routes.filter((r) => r.steps.length > 2)).toHaveLength(1);
  });

  it('prices the cost objective through the cost evaluator (fixed + per km + per hour)', () => {
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3000, y: 0, demand: 1 },
        { x: 3000, y: 4000, demand: 1 },
        { x: 0, y: 4000, demand: 1 },
      ],
      { capacity: 10, objective: 'cost' },
    );
    problem.vehicles.forEach((v) => Object.assign(v, { fixedCostFen: 500, costPerKmFen: 100, costPerHourFen: 3600 }));
    const solution = solve(problem, { seed: 2, maxIterations: 20 });
    checkFeasible(problem, solution);
    // one route of 14 km driven in 14 000 s: 500 + 100 x 14 + 3600 x 14000 / 3600
    expect(solution.routes).toHaveLength(1);
    expect(solution.cost).toBe(500 + 1400 + 14000);
  });

  it('reports an infeasible plan as infeasible', () => {
    // One vehicle of capacity 5 cannot carry 8.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 3, y: 0, demand: 4 },
        { x: 3, y: 4, demand: 4 },
      ],
      { capacity: 5, vehicles: 1 },
    );
    const solution = solve(problem, { seed: 1, maxIterations: 20 });
    expect(solution.feasible).toBe(false);
  });
});
