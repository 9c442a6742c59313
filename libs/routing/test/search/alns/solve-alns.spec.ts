import { solveWithAlns } from '../../../src/search/alns';
import { TaskVisit, checkRoute } from '../../../src/search/alns/route-checker';
import { Problem, Solution } from '../../../src/model/problem';
import { job, problem, randomProblem, shipment, vehicle } from './tiny-problems';

const FAST = { seed: 7, maxIterations: 300 };

/** Re-derives each route's visits from its steps and runs the independent checker on them. */
function expectRoutesPassChecker(p: Problem, solution: Solution): void {
  for (const route of solution.routes) {
    const v = p.vehicles.findIndex((candidate) => candidate.id === route.vehicleId);
    const visits: TaskVisit[] = route.steps
      .filter((step) => step.id !== undefined)
      .map((step) =>
        step.type === 'job'
          ? { kind: 'job', index: p.jobs.findIndex((j) => j.id === step.id) }
          : { kind: step.type as 'pickup' | 'delivery', index: p.shipments.findIndex((s) => s.id === step.id) },
      );
    const checked = checkRoute(p, v, visits);
    expect(checked.violations).toEqual([]);
    expect(checked.route.distanceM).toBe(route.distanceM);
  }
}

function reasonOf(solution: Solution, id: string): string | undefined {
  return solution.unassigned.find((task) => task.id === id)?.reason;
}

describe('solveWithAlns', () => {
  const line: Array<[number, number]> = [
    [0, 0],
    [10, 0],
    [20, 0],
    [30, 0],
    [40, 0],
  ];

  it('serves every job of a tiny line instance in the obvious order', () => {
    const p = problem(line, { jobs: [job('a', 3), job('b', 1), job('c', 4), job('d', 2)] });
    const solution = solveWithAlns(p, FAST);
    expect(solution.feasible).toBe(true);
    expect(solution.unassigned).toEqual([]);
    expect(solution.distanceM).toBe(80);
    expect(solution.cost).toBe(80);
    expectRoutesPassChecker(p, solution);
  });

  it('reports a job needing a skill no vehicle has as unassigned for "skills", and the solution as infeasible', () => {
    const p = problem(line, { jobs: [job('a', 1), job('crane', 2, { skills: ['crane'] })] });
    const solution = solveWithAlns(p, FAST);
    expect(reasonOf(solution, 'crane')).toBe('skills');
    expect(solution.feasible).toBe(false);
    expect(solution.routes.flatMap((r) => r.steps.map((s) => s.id))).toContain('a');
  });

  it('reports a job heavier than every vehicle as "capacity"', () => {
    const p = problem(line, { jobs: [job('heavy', 1, { amount: [11] }), job('ok', 2)] });
    expect(reasonOf(solveWithAlns(p, FAST), 'heavy')).toBe('capacity');
  });

  it('reports a window that closes before any vehicle can arrive as "time_window"', () => {
    const p = problem(line, { jobs: [job('early', 4, { timeWindows: [{ startS: 0, endS: 30 }] })] });
    expect(reasonOf(solveWithAlns(p, FAST), 'early')).toBe('time_window');
  });

  it('reports a job beyond the max distance as "max_distance" and one over the max duration as "max_duration"', () => {
    const far = problem(line, { vehicles: [vehicle({ maxDistanceM: 50 })], jobs: [job('far', 4)] });
    expect(reasonOf(solveWithAlns(far, FAST), 'far')).toBe('max_distance');
    const slow = problem(line, { vehicles: [vehicle({ maxDurationS: 100 })], jobs: [job('slow', 4, { serviceS: 30 })] });
    expect(reasonOf(solveWithAlns(slow, FAST), 'slow')).toBe('max_duration');
  });

  it('reports "no_vehicle" when each job fits alone but the only vehicle is full', () => {
    const p = problem(line, { jobs: [job('a', 1, { amount: [6] }), job('b', 2, { amount: [6] })] });
    const solution = solveWithAlns(p, FAST);
    expect(solution.unassigned.map((task) => task.reason)).toEqual(['no_vehicle']);
  });

  it('leaves out an optional job whose penalty is below its detour, as "not_profitable", and stays feasible', () => {
    const p = problem(line, { jobs: [job('a', 1), job('far', 4, { unassignedPenaltyFen: 5 })] });
    const solution = solveWithAlns(p, FAST);
    expect(reasonOf(solution, 'far')).toBe('not_profitable');
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(20 + 5);
  });

  it('keeps each shipment on one vehicle with its pickup before its delivery', () => {
    // Deliveries closer to the depot than pickups: a naive order would deliver first.
    const p = problem(line, {
      vehicles: [vehicle({ id: 'v1', capacity: [1] }), vehicle({ id: 'v2', capacity: [1] })],
      shipments: [shipment('s1', 4, 1), shipment('s2', 3, 2)],
    });
    const solution = solveWithAlns(p, FAST);
    expect(solution.feasible).toBe(true);
    for (const id of ['s1', 's2']) {
      const route = solution.routes.find((r) => r.steps.some((s) => s.id === id))!;
      const types = route.steps.filter((s) => s.id === id).map((s) => s.type);
      expect(types).toEqual(['pickup', 'delivery']);
    }
    expectRoutesPassChecker(p, solution);
  });

  it('uses the vehicle whose skills match and honours a second time window', () => {
    const p = problem(line, {
      vehicles: [vehicle({ id: 'plain' }), vehicle({ id: 'cold', skills: ['cold'] })],
      jobs: [
        job('fish', 2, {
          skills: ['cold'],
          timeWindows: [
            { startS: 0, endS: 5 },
            { startS: 100, endS: 120 },
          ],
        }),
      ],
    });
    const solution = solveWithAlns(p, FAST);
    expect(solution.routes.map((r) => r.vehicleId)).toEqual(['cold']);
    const step = solution.routes[0].steps.find((s) => s.id === 'fish')!;
    // The first window has closed by the time it can arrive (20 s); the van leaves late instead of waiting.
    expect(step.serviceStartS).toBe(100);
    expect(solution.routes[0].steps[0].departureS).toBe(80);
    expect(step.arrivalS).toBe(100);
  });

  it('ends an open route at its last stop and reports loads along the route', () => {
    const p = problem(line, {
      vehicles: [vehicle({ endLocation: null })],
      jobs: [job('drop', 1, { amount: [3] }), job('collect', 2, { kind: 'pickup', amount: [2] })],
    });
    const solution = solveWithAlns(p, FAST);
    const route = solution.routes[0];
    expect(route.steps.map((s) => s.type)).toEqual(['start', 'job', 'job']);
    expect(route.steps.map((s) => s.load[0])).toEqual([3, 0, 2]);
    expect(route.distanceM).toBe(20);
  });

  it('minimises vehicles first under the hierarchical objective', () => {
    const p = problem(line, {
      objective: 'vehicles-then-distance',
      vehicles: [vehicle({ id: 'v1' }), vehicle({ id: 'v2' }), vehicle({ id: 'v3' })],
      jobs: [job('a', 1), job('b', 2), job('c', 3), job('d', 4)],
    });
    const solution = solveWithAlns(p, FAST);
    expect(solution.routes).toHaveLength(1);
  });

  it('gives the same solution for the same seed and iteration limit', () => {
    const p = randomProblem(11);
    const options = { seed: 42, maxIterations: 200 };
    const strip = (s: Solution) => ({ routes: s.routes, unassigned: s.unassigned, cost: s.cost });
    expect(strip(solveWithAlns(p, options))).toEqual(strip(solveWithAlns(p, options)));
  });

  it('returns routes that pass the independent checker on random instances', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const p = randomProblem(seed);
      const solution = solveWithAlns(p, { seed, maxIterations: 100 });
      expectRoutesPassChecker(p, solution);
      const served = solution.routes.flatMap((r) => r.steps.filter((s) => s.id !== undefined && s.type !== 'delivery').map((s) => s.id));
      expect(served.length + solution.unassigned.length).toBe(p.jobs.length + p.shipments.length);
      expect(solution.feasible).toBe(solution.unassigned.length === 0);
    }
  });
});
