import { InvalidProblemError } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { checkTwoEchelonSolution } from '../../../src/search/two-echelon/two-echelon-checker';
import { solveTwoEchelon } from '../../../src/search/two-echelon/two-echelon-solver';
import { bruteForceOptimum, tinyProblem, TWO_SATELLITES_FOUR_CUSTOMERS } from './tiny-instances';

describe('solveTwoEchelon', () => {
  it('finds the hand-computed optimum of 1 depot, 2 satellites, 4 customers', () => {
    const problem = tinyProblem(TWO_SATELLITES_FOUR_CUSTOMERS, [1, 1, 1, 1]);
    const solution = solveTwoEchelon(problem, { seed: 7, maxIterations: 200 });
    // 40 (truck) + 2 × (2 + √8 + 2), each arc rounded at scale 100: 4000 + 2 × (200 + 283 + 200).
    expect(solution.cost).toBe(5366);
    expect(bruteForceOptimum(problem)).toBe(5366);
    expect(solution.feasible).toBe(true);
    expect(solution.secondLevelRoutes).toHaveLength(2);
    expect(solution.firstLevelRoutes).toHaveLength(1);
    expect(solution.firstLevelRoutes[0].stops.map((s) => s.quantity)).toEqual([2, 2]);
  });

  it('closes a satellite when one satellite serving everyone is cheaper', () => {
    // The second satellite sits far from the depot: driving the truck there costs more than the detour.
    const coordinates = {
      depot: [0, 0] as [number, number],
      satellites: [
        [5, 0],
        [5, 40],
      ] as Array<[number, number]>,
      customers: [
        [6, 1],
        [7, 0],
        [6, 3],
        [4, 4],
      ] as Array<[number, number]>,
    };
    const problem = tinyProblem(coordinates, [1, 1, 1, 1]);
    const solution = solveTwoEchelon(problem, { seed: 1, maxIterations: 200 });
    expect(solution.cost).toBe(bruteForceOptimum(problem));
    expect(solution.satelliteLoads).toEqual([4, 0]);
  });

  it.each([1, 2, 3, 4, 5])('matches brute force on random tiny instance %i', (seed) => {
    const random = new Random(seed);
    const point = (): [number, number] => [random.nextInt(50), random.nextInt(50)];
    const coordinates = { depot: point(), satellites: [point(), point(), point()], customers: [point(), point(), point(), point(), point()] };
    const problem = tinyProblem(coordinates, [2, 1, 3, 1, 2], { secondLevel: { capacity: 4, maxVehicles: 3, costPerDistance: 1, fixedCost: 500 } });
    const solution = solveTwoEchelon(problem, { seed, maxIterations: 300 });
    expect(checkTwoEchelonSolution(problem, solution).feasible).toBe(true);
    expect(solution.cost).toBe(bruteForceOptimum(problem));
  });

  it('respects per-satellite vehicle limits and splits truck deliveries when no truck can take a satellite whole', () => {
    const coordinates = {
      depot: [0, 0] as [number, number],
      satellites: [
        [10, 0],
        [0, 10],
        [-10, 0],
      ] as Array<[number, number]>,
      customers: [
        [11, 0],
        [12, 0],
        [0, 11],
        [0, 12],
        [-11, 0],
        [-12, 0],
      ] as Array<[number, number]>,
    };
    const problem = tinyProblem(coordinates, [5, 5, 5, 5, 5, 5], {
      firstLevel: { capacity: 15, maxVehicles: 2, costPerDistance: 1, fixedCost: 0 },
      secondLevel: { capacity: 10, maxVehicles: 3, costPerDistance: 1, fixedCost: 0 },
      satellites: [
        { id: 'S1', maxVehicles: 1 },
        { id: 'S2', maxVehicles: 1 },
        { id: 'S3', maxVehicles: 1 },
      ],
    });
    const solution = solveTwoEchelon(problem, { seed: 3, maxIterations: 300 });
    expect(solution.feasible).toBe(true);
    expect(solution.satelliteLoads).toEqual([10, 10, 10]);
    // 30 units on two trucks of 15 with 10 per satellite: some satellite must be split.
    expect(solution.firstLevelRoutes).toHaveLength(2);
    const visits = solution.firstLevelRoutes.flatMap((r) => r.stops.map((s) => s.satellite));
    expect(new Set(visits).size).toBeLessThan(visits.length);
    // By hand: two trucks depot→S1→S2→depot and depot→S2→S3→depot (S2 split), each 10 + √200 + 10.
    expect(solution.firstLevelCost).toBe(2 * (1000 + 1414 + 1000));
    expect(checkTwoEchelonSolution(problem, solution)).toMatchObject({ feasible: true, cost: solution.cost });
  });

  it('stays feasible with many satellites, where the first level switches to its heuristic', () => {
    const random = new Random(5);
    const point = (): [number, number] => [random.nextInt(100), random.nextInt(100)];
    const coordinates = { depot: point(), satellites: Array.from({ length: 14 }, point), customers: Array.from({ length: 40 }, point) };
    const problem = tinyProblem(
      coordinates,
      Array.from({ length: 40 }, () => 1 + random.nextInt(5)),
      {
        firstLevel: { capacity: 30, maxVehicles: 6, costPerDistance: 1, fixedCost: 0 },
        secondLevel: { capacity: 15, maxVehicles: 14, costPerDistance: 1, fixedCost: 0 },
      },
    );
    const solution = solveTwoEchelon(problem, { seed: 1, maxIterations: 100 });
    expect(solution.feasible).toBe(true);
    expect(checkTwoEchelonSolution(problem, solution)).toMatchObject({ feasible: true, cost: solution.cost });
  });

  it('gives the same result for the same seed', () => {
    const random = new Random(99);
    const point = (): [number, number] => [random.nextInt(100), random.nextInt(100)];
    const coordinates = { depot: point(), satellites: [point(), point(), point()], customers: Array.from({ length: 30 }, point) };
    const demands = Array.from({ length: 30 }, () => 1 + random.nextInt(9));
    const problem = tinyProblem(coordinates, demands, {
      firstLevel: { capacity: 80, maxVehicles: 3, costPerDistance: 1, fixedCost: 0 },
      secondLevel: { capacity: 25, maxVehicles: 10, costPerDistance: 1, fixedCost: 0 },
    });
    const run = () => solveTwoEchelon(problem, { seed: 42, maxIterations: 150 });
    const first = run();
    const second = run();
    expect(second.cost).toBe(first.cost);
    expect(second.secondLevelRoutes).toEqual(first.secondLevelRoutes);
    expect(second.firstLevelRoutes).toEqual(first.firstLevelRoutes);
    expect(second.statistics.iterationOfBest).toBe(first.statistics.iterationOfBest);
    expect(first.feasible).toBe(true);
  });

  it('rejects an instance that no plan can satisfy', () => {
    const problem = tinyProblem(TWO_SATELLITES_FOUR_CUSTOMERS, [1, 1, 1, 1], {
      secondLevel: { capacity: 1, maxVehicles: 3, costPerDistance: 1, fixedCost: 0 },
    });
    expect(() => solveTwoEchelon(problem, { maxIterations: 10 })).toThrow(InvalidProblemError);
    expect(() => solveTwoEchelon(problem, { maxIterations: 10 })).toThrow(/second-level fleet capacity/);
  });
});
