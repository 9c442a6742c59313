import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { Splitter } from '../../../src/search/hgs/split';
import { Random } from '../../../src/random';
import { randomProblem, referenceCost, skippedPenalty, withOptionalClients } from './fixtures';

/** Every way of cutting `tour` into consecutive routes, optionally at most `maxRoutes`. */
function bruteForce(tour: number[], cost: (routes: number[][]) => number, maxRoutes: number, allowed: (route: number[]) => boolean): number {
  let best = Infinity;
  const n = tour.length;
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const routes: number[][] = [[tour[0]]];
    for (let i = 1; i < n; i++) {
      if (mask & (1 << (i - 1))) routes.push([tour[i]]);
      else routes[routes.length - 1].push(tour[i]);
    }
    if (routes.length > maxRoutes || !routes.every(allowed)) continue;
    best = Math.min(best, cost(routes));
  }
  return best;
}

describe('Split', () => {
  const penalties = { capacity: 2.5, timeWarp: 1.3, distance: 1 };

  it.each([false, true])('matches brute force on tiny tours (time windows: %s)', (withWindows) => {
    const random = new Random(withWindows ? 11 : 12);
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + random.nextInt(7);
      const problem = randomProblem(random, n, withWindows);
      const data = buildHgsData(problem);
      const tour = Array.from({ length: n }, (_, i) => i + 1);
      random.shuffle(tour);
      const routes = new Splitter(data).split(Int32Array.from(tour), penalties, n);
      expect(routes.flat()).toEqual(tour);
      const load = (r: number[]): number => r.reduce((s, c) => s + problem.jobs[c - 1].amount[0], 0);
      // The time-window split only tries routes up to 1.5x capacity (as HGS does).
      const allowed = withWindows ? (r: number[]) => r.length === 1 || load(r) <= 1.5 * data.capacity : () => true;
      const best = bruteForce(tour, (r) => referenceCost(problem, r, penalties), n, allowed);
      expect(referenceCost(problem, routes, penalties)).toBeCloseTo(best, 6);
    }
  });

  it('leaves optional clients out between routes when their penalty is cheaper (brute force)', () => {
    const random = new Random(17);
    let skipped = 0;
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + random.nextInt(6);
      const problem = withOptionalClients(random, randomProblem(random, n, trial % 2 === 1));
      const data = buildHgsData(problem);
      const tour = Array.from({ length: n }, (_, i) => i + 1);
      random.shuffle(tour);
      const routes = new Splitter(data).split(Int32Array.from(tour), penalties, n);
      const load = (r: number[]): number => r.reduce((sum, c) => sum + problem.jobs[c - 1].amount[0], 0);
      const total = (r: number[][]): number => referenceCost(problem, r, penalties) + skippedPenalty(problem, r);
      // Every cut of the tour into routes and left-out optional clients, routes up to 1.5x capacity.
      let best = Infinity;
      const search = (i: number, done: number[][], open: boolean): void => {
        if (i === n) {
          best = Math.min(best, total(done));
          return;
        }
        const c = tour[i];
        if (problem.jobs[c - 1].unassignedPenaltyFen !== undefined) search(i + 1, done, false);
        search(i + 1, [...done, [c]], true);
        if (open) {
          const last = [...done[done.length - 1], c];
          if (load(last) <= 1.5 * data.capacity) search(i + 1, [...done.slice(0, -1), last], true);
        }
      };
      search(0, [], false);
      expect(routes.flat().every((c, k, all) => k === 0 || tour.indexOf(all[k - 1]) < tour.indexOf(c))).toBe(true);
      expect(total(routes)).toBeCloseTo(best, 6);
      skipped += n - routes.flat().length;
    }
    expect(skipped).toBeGreaterThan(20);
  });

  it('respects a fleet limit (Bellman split over route counts)', () => {
    const random = new Random(5);
    for (let trial = 0; trial < 40; trial++) {
      const n = 3 + random.nextInt(6);
      const problem = randomProblem(random, n, false);
      const data = buildHgsData(problem);
      const tour = Array.from({ length: n }, (_, i) => i + 1);
      random.shuffle(tour);
      const limit = 1 + random.nextInt(2);
      const routes = new Splitter(data).split(Int32Array.from(tour), { capacity: 0.1, timeWarp: 1, distance: 1 }, limit);
      expect(routes.length).toBeLessThanOrEqual(limit);
      expect(routes.flat()).toEqual(tour);
      const best = bruteForce(
        tour,
        (r) => referenceCost(problem, r, { capacity: 0.1, timeWarp: 1, distance: 1 }),
        limit,
        (r) => r.length === 1 || r.reduce((s, c) => s + problem.jobs[c - 1].amount[0], 0) <= 1.5 * data.capacity,
      );
      // Never worse than the best split of bounded routes, never better than the best split at all.
      const cost = referenceCost(problem, routes, { capacity: 0.1, timeWarp: 1, distance: 1 });
      const unbounded = bruteForce(
        tour,
        (r) => referenceCost(problem, r, { capacity: 0.1, timeWarp: 1, distance: 1 }),
        limit,
        () => true,
      );
      if (Number.isFinite(best)) expect(cost).toBeLessThanOrEqual(best + 1e-6);
      expect(cost).toBeGreaterThanOrEqual(unbounded - 1e-6);
    }
  });
});
