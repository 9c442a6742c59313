import { RouteSectors, toCircle } from '../../../src/search/hgs/circle-sector';
import { improveByDecomposition } from '../../../src/search/hgs/decomposition';
import { embedInPlane } from '../../../src/search/hgs/embedding';
import { HybridGeneticSearch, solveSubproblem, usesDecomposition } from '../../../src/search/hgs/genetic';
import { buildHgsData, restrictHgsData } from '../../../src/search/hgs/hgs-data';
import { Individual } from '../../../src/search/hgs/individual';
import { DEFAULT_HGS_PARAMS } from '../../../src/search/hgs/params';
import { SegmentAccumulator } from '../../../src/search/hgs/segment';
import { SubproblemHelpers } from '../../../src/search/hgs/subproblem-helpers';
import { Random } from '../../../src/random';
import { join } from 'node:path';
import { randomProblem } from './fixtures';

/** Cost through the individual's own evaluation (segment accumulator), not decomposition's sum. */
function routesCost(data: ReturnType<typeof buildHgsData>, routes: number[][]): number {
  return new Individual(data, routes, { capacity: 1, timeWarp: 1, distance: 1 }, new SegmentAccumulator(data)).cost;
}

describe('planar embedding from a matrix', () => {
  it('recovers Euclidean points up to rotation and reflection', () => {
    const random = new Random(7);
    const points = Array.from({ length: 40 }, () => [random.nextInt(1000), random.nextInt(1000)]);
    const size = points.length;
    const matrix = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) matrix[i * size + j] = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
    const { x, y } = embedInPlane(matrix, size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) expect(Math.hypot(x[i] - x[j], y[i] - y[j])).toBeCloseTo(matrix[i * size + j], 6);
    }
  });
});

describe('route sectors', () => {
  it('grows on the shorter side and detects overlap across the wrap-around', () => {
    const sectors = new RouteSectors(3);
    sectors.reset(0, toCircle(Math.PI * 0.9));
    sectors.extend(0, toCircle(-Math.PI * 0.9)); // shorter across ±π than back through 0
    expect(sectors.start[0]).toBe(toCircle(Math.PI * 0.9));
    expect(sectors.end[0]).toBe(toCircle(-Math.PI * 0.9));
    sectors.reset(1, toCircle(Math.PI * 0.95));
    sectors.reset(2, toCircle(0));
    sectors.extend(2, toCircle(0.5));
    expect(sectors.overlap(0, 1)).toBe(true);
    expect(sectors.overlap(1, 0)).toBe(true);
    expect(sectors.overlap(0, 2)).toBe(false);
  });
});

describe('route-based decomposition', () => {
  const problem = randomProblem(new Random(3), 60, false);
  const data = buildHgsData(problem);

  it('restricts the matrices and demands to the chosen clients', () => {
    const clients = [5, 9, 12];
    const sub = restrictHgsData(data, clients, 3);
    expect(sub.n).toBe(3);
    expect(sub.arcCost[0 * sub.stride + 2]).toBe(data.arcCost[0 * data.stride + 9]);
    expect(sub.arcCost[3 * sub.stride + 1]).toBe(data.arcCost[12 * data.stride + 5]);
    expect(Array.from(sub.demand)).toEqual([0, data.demand[5], data.demand[9], data.demand[12]]);
  });

  it('keeps every capacity dimension of the chosen clients', () => {
    const problem = randomProblem(new Random(5), 12, false);
    problem.vehicles = problem.vehicles.map((v) => ({ ...v, capacity: [25, 40] }));
    problem.jobs.forEach((job, k) => (job.amount = [job.amount[0], 100 + k]));
    const parent = buildHgsData(problem);
    const sub = restrictHgsData(parent, [3, 7], 2);
    expect(Array.from(sub.deliveryK)).toEqual([0, 0, problem.jobs[2].amount[0], 102, problem.jobs[6].amount[0], 106]);
    expect(Array.from(sub.demand)).toEqual([0, problem.jobs[2].amount[0], problem.jobs[6].amount[0]]);
  });

  it('keeps every client once and never makes a part worse', () => {
    const routes: number[][] = [];
    for (let c = 1; c <= 60; c += 3) routes.push([c, c + 1, c + 2]);
    const before = routesCost(data, routes);
    // A sub-solver that "improves" by reversing each route (same cost): must be refused as no gain.
    const same = improveByDecomposition(data, routes, 12, new Random(1), (parts) =>
      parts.map((part) => ({ routes: part.initialRoutes.map((r) => [...r].reverse()), cost: Infinity, feasible: true })),
    );
    expect(same.improved).toBe(false);
    expect(routesCost(data, same.routes)).toBe(before);
    const solved = improveByDecomposition(data, routes, 12, new Random(1), (parts) =>
      parts.map((part) => solveSubproblem({ part, params: DEFAULT_HGS_PARAMS, penalties: { capacity: 10, timeWarp: 1, distance: 1 }, maxIterations: 20 })),
    );
    expect(solved.routes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
    expect(routesCost(data, solved.routes)).toBeLessThan(before);
  });

  it('hands a left-out client to the part of its nearest route, which may then serve it', () => {
    // Every client optional; client 60 is left out though its penalty far exceeds any detour.
    const optional = randomProblem(new Random(3), 60, false);
    for (const job of optional.jobs) job.unassignedPenaltyFen = 10_000;
    const parent = buildHgsData(optional);
    const routes: number[][] = [];
    for (let c = 1; c < 60; c += 3) routes.push(c + 2 < 60 ? [c, c + 1, c + 2] : [c, c + 1]);
    const before = routesCost(parent, routes);
    let handed = 0;
    const solved = improveByDecomposition(
      parent,
      routes,
      12,
      new Random(1),
      (parts) =>
        parts.map((part) => {
          handed += part.data.n;
          return solveSubproblem({ part, params: DEFAULT_HGS_PARAMS, penalties: { capacity: 10, timeWarp: 1, distance: 1 }, maxIterations: 20 });
        }),
      [60],
    );
    // The 59 routed clients and the left-out one, each in one part.
    expect(handed).toBe(60);
    expect(solved.improved).toBe(true);
    expect(solved.routes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
    expect(routesCost(parent, solved.routes)).toBeLessThan(before);
  });

  // Small population and short runs: enough for several decomposition rounds of three parts each.
  const params = {
    ...DEFAULT_HGS_PARAMS,
    populationSize: 8,
    generationSize: 8,
    decompositionPopulationSize: 4,
    decompositionMinClients: 30,
    decompositionInterval: 5,
    decompositionClients: 20,
    decompositionIterations: 10,
  };
  // Fresh data per run: local search reorders the neighbour lists it is given.
  const run = (helpers?: SubproblemHelpers) => new HybridGeneticSearch(buildHgsData(problem), { seed: 11, maxIterations: 20, hierarchical: false, helpers }, params).run().best;
  let alone: Individual;
  beforeAll(() => {
    alone = run();
  });

  it('is deterministic under a seed and an iteration limit when HGS decomposes', () => {
    expect(usesDecomposition(problem.jobs.length, false, params)).toBe(true);
    const again = run();
    expect(alone.feasible).toBe(true);
    expect(again.routes).toEqual(alone.routes);
    expect(again.cost).toBe(alone.cost);
  });

  it('gives the same solution when a helper thread solves half of the parts', async () => {
    const helpers = SubproblemHelpers.start(1, join(__dirname, '../../support/subproblem-worker.bootstrap.js'));
    expect(helpers).not.toBeNull();
    try {
      // Calls through: counts the parts handed to the helper, so the comparison cannot pass with none.
      const sent = jest.spyOn(helpers!, 'send');
      const helped = run(helpers!);
      expect(sent.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(helped.routes).toEqual(alone.routes);
      expect(helped.cost).toBe(alone.cost);
    } finally {
      await helpers?.stop();
    }
  });
});
