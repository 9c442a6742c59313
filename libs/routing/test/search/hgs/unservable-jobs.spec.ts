import { priceRoutes } from '../../../src/evaluation/route-pricing';
import { Problem } from '../../../src/model/problem';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { solve } from '../../../src/solve';
import { givenRoutes } from '../../support/given-routes';
import { planeProblem } from './fixtures';

/**
 * Three clients on a line east of the depot at 10, 20 and 30, demand 1 each on two vehicles of
 * capacity 2: j3 is what no vehicle can serve (made too heavy, or out of reach of a 50 m limit:
 * 30 out and 30 back is 60).
 */
function line(change: (p: Problem) => Problem): Problem {
  return change(
    planeProblem(
      [0, 0],
      [
        { x: 10, y: 0, demand: 1 },
        { x: 20, y: 0, demand: 1 },
        { x: 30, y: 0, demand: 1 },
      ],
      { capacity: 2, vehicles: 2 },
    ),
  );
}
const tooHeavy = (p: Problem): Problem => ({ ...p, jobs: p.jobs.map((job) => (job.id === 'j3' ? { ...job, amount: [3] } : job)) });
const limited = (p: Problem): Problem => ({ ...p, vehicles: p.vehicles.map((vehicle) => ({ ...vehicle, maxDistanceM: 50 })) });
const optional = (p: Problem): Problem => ({ ...p, jobs: p.jobs.map((job) => (job.id === 'j3' ? { ...job, unassignedPenaltyFen: 1000 } : job)) });

describe('jobs no vehicle can serve, on HGS', () => {
  it.each([
    ['heavier than every vehicle holds', tooHeavy, 'capacity'],
    ['beyond every vehicle’s distance limit there and back', limited, 'max_distance'],
  ] as const)('a mandatory job %s is left out with its reason, the routes keep every limit, and the plan is infeasible', (_, change, reason) => {
    const p = line(change);
    expect(whyNotHgsShaped(p)).toBeNull();
    const solution = solve(p, { seed: 1, maxIterations: 50 });
    expect(solution.unassigned).toEqual([{ id: 'j3', reason }]);
    expect(solution.feasible).toBe(false);
    // j1 and j2 on one route, 20 out and 20 back.
    expect(solution.cost).toBe(40);
    expect(priceRoutes(p, givenRoutes(solution)).routes.flatMap(({ violations }) => violations)).toEqual([]);
  });

  it('an optional one costs its penalty, and the plan stays feasible', () => {
    const p = line((q) => optional(limited(q)));
    const solution = solve(p, { seed: 1, maxIterations: 50 });
    expect(solution.unassigned).toEqual([{ id: 'j3', reason: 'max_distance' }]);
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(40 + 1000);
  });
});
