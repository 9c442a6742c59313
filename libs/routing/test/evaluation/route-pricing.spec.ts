import { priceRoutes, GivenRoute } from '../../src/evaluation/route-pricing';
import { InvalidProblemError, Problem } from '../../src/model/problem';
import { solve } from '../../src/solve';
import { whyNotHgsShaped } from '../../src/index';
import { job, problem, randomProblem, shipment, vehicle } from '../search/alns/tiny-problems';
import { givenRoutes } from '../support/given-routes';

const line: Array<[number, number]> = [
  [0, 0],
  [10, 0],
  [20, 0],
  [30, 0],
];

describe('priceRoutes: pricing and checking routes the solver did not make', () => {
  it('schedules, loads and prices a hand-checkable route, leaving the depot as late as the windows allow', () => {
    const p = problem(line, {
      vehicles: [vehicle({ costPerKmFen: 1000, costPerHourFen: 3600, fixedCostFen: 7, capacity: [5, 2] })],
      objective: 'cost',
      jobs: [
        job('a', 1, { serviceS: 5, amount: [2, 1], timeWindows: [{ startS: 30, endS: 100 }] }),
        job('b', 2, { kind: 'pickup', amount: [3, 0], timeWindows: [{ startS: 60, endS: 70 }] }),
      ],
    });
    const priced = priceRoutes(p, [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'b' }] }]);
    expect(priced.routes[0]!.violations).toEqual([]);
    const { route } = priced.routes[0]!;
    // Leaving at 20 (a's window opens at 30) would wait at b until 60; leaving at 35 serves a at 45
    // (its window is open until 100) and reaches b at 60 without waiting, back at 80 all the same.
    expect(route.steps.map((step) => [step.type, step.id ?? null, step.arrivalS, step.serviceStartS, step.departureS, step.load])).toEqual([
      ['start', null, 35, 35, 35, [2, 1]],
      ['job', 'a', 45, 45, 50, [0, 0]],
      ['job', 'b', 60, 60, 60, [3, 0]],
      ['end', null, 80, 80, 80, [3, 0]],
    ]);
    expect([route.distanceM, route.durationS, route.costFen]).toEqual([40, 45, 7 + 40 + 45]);
    expect([priced.cost, priced.distanceM, priced.durationS, priced.feasible]).toEqual([92, 40, 45, true]);
  });

  it('names every rule a route breaks, with the dimension or the visit', () => {
    const p = problem(line, {
      vehicles: [vehicle({ capacity: [2, 9], maxDistanceM: 30, maxDurationS: 30, shift: { startS: 0, endS: 50 } })],
      jobs: [job('late', 3, { amount: [1, 0], timeWindows: [{ startS: 0, endS: 5 }] }), job('heavy', 1, { amount: [3, 1], skills: ['crane'] })],
      shipments: [shipment('s', 2, 1, { amount: [1, 0] })],
    });
    const { routes, feasible } = priceRoutes(p, [
      {
        vehicleId: 'v1',
        visits: [{ shipmentId: 's', end: 'delivery' }, { jobId: 'heavy' }, { jobId: 'late' }, { shipmentId: 's', end: 'pickup' }],
      },
    ]);
    expect(feasible).toBe(false);
    expect(routes[0]!.violations).toEqual([
      { rule: 'capacity', dimension: 0, at: null, load: 4, capacity: 2 },
      { rule: 'pickup_before_delivery', at: 's' },
      { rule: 'skills', at: 'heavy', skill: 'crane' },
      { rule: 'time_window', at: 'late', arrivalS: 30, latestStartS: 5 },
      { rule: 'shift', endS: 60, shiftEndS: 50 },
      { rule: 'max_duration', durationS: 60, maxDurationS: 30 },
      { rule: 'max_distance', distanceM: 60, maxDistanceM: 30 },
    ]);
  });

  it('waits for released goods and checks linehaul before backhaul', () => {
    const p = problem(line, {
      linehaulBeforeBackhaul: true,
      jobs: [job('drop', 1, { releaseS: 100 }), job('produce', 2, { kind: 'pickup' })],
    });
    const ordered = priceRoutes(p, [{ vehicleId: 'v1', visits: [{ jobId: 'drop' }, { jobId: 'produce' }] }]).routes[0]!;
    expect(ordered.violations).toEqual([]);
    expect(ordered.route.steps[0]!.departureS).toBe(100);
    const reversed = priceRoutes(p, [{ vehicleId: 'v1', visits: [{ jobId: 'produce' }, { jobId: 'drop' }] }]).routes[0]!;
    expect(reversed.violations).toEqual([
      { rule: 'linehaul_before_backhaul', at: 'produce' },
      { rule: 'linehaul_before_backhaul', at: 'drop' },
    ]);
  });

  it("reproduces the solver's own routes exactly, and finds them feasible (random rich instances, ALNS)", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const p = randomProblem(seed);
      const solution = solve(p, { seed, maxIterations: 300 });
      const priced = priceRoutes(p, givenRoutes(solution));
      expect(priced.routes.map(({ violations }) => violations)).toEqual(solution.routes.map(() => []));
      expect(priced.routes.map(({ route }) => route)).toEqual(solution.routes);
      expect([priced.distanceM, priced.durationS]).toEqual([solution.distanceM, solution.durationS]);
    }
  });

  it("reproduces an HGS solution's routes and costs (a priced mixed fleet with time windows)", () => {
    const points: Array<[number, number]> = [
      [0, 0],
      [10, 0],
      [20, 5],
      [0, 15],
      [-10, 10],
      [-20, 0],
      [5, -15],
    ];
    const p: Problem = problem(points, {
      objective: 'cost',
      vehicles: [vehicle({ id: 'big', capacity: [6], fixedCostFen: 50, costPerKmFen: 2000 }), vehicle({ id: 'small', capacity: [3], fixedCostFen: 20, costPerKmFen: 1000 })],
      jobs: points.slice(1).map((_, i) => job(`c${i + 1}`, i + 1, { timeWindows: [{ startS: 10 * i, endS: 10 * i + 200 }] })),
    });
    expect(whyNotHgsShaped(p)).toBeNull();
    const solution = solve(p, { seed: 3, maxIterations: 200 });
    expect(solution.feasible).toBe(true);
    const priced = priceRoutes(p, givenRoutes(solution));
    expect(priced.feasible).toBe(true);
    expect(priced.routes.map(({ route }) => [route.vehicleId, route.distanceM, route.durationS, route.costFen])).toEqual(
      solution.routes.map((route) => [route.vehicleId, route.distanceM, route.durationS, route.costFen]),
    );
    expect(priced.routes.map(({ route }) => route.steps.slice(1).map((step) => [step.arrivalS, step.serviceStartS, step.departureS]))).toEqual(
      solution.routes.map((route) => route.steps.slice(1).map((step) => [step.arrivalS, step.serviceStartS, step.departureS])),
    );
  });

  it('refuses references the problem does not have, or gives twice, naming where', () => {
    const p = problem(line, { jobs: [job('a', 1)], shipments: [shipment('s', 2, 3)] });
    const where = (routes: GivenRoute[]) => {
      try {
        priceRoutes(p, routes);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidProblemError);
        return (error as InvalidProblemError).where;
      }
      throw new Error('not refused');
    };
    expect(where([{ vehicleId: 'nobody', visits: [] }])).toBe('routes[0].vehicleId');
    expect(where([{ vehicleId: 'v1', visits: [{ jobId: 'zz' }] }])).toBe('routes[0].visits[0]');
    expect(where([{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'a' }] }])).toBe('routes[0].visits[1]');
    expect(where([{ vehicleId: 'v1', visits: [{ shipmentId: 'zz', end: 'pickup' }] }])).toBe('routes[0].visits[0]');
    expect(
      where([
        { vehicleId: 'v1', visits: [] },
        { vehicleId: 'v1', visits: [] },
      ]),
    ).toBe('routes[1].vehicleId');
  });

  it('prices an empty route at nothing', () => {
    const priced = priceRoutes(problem(line, { objective: 'cost', vehicles: [vehicle({ fixedCostFen: 99 })] }), [{ vehicleId: 'v1', visits: [] }]);
    expect(priced.routes[0]!.route).toMatchObject({ distanceM: 0, durationS: 0, costFen: 0 });
    expect(priced.feasible).toBe(true);
  });
});
