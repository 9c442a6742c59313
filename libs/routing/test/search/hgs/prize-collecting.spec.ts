import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { solve } from '../../../src/solve';
import { planeProblem } from './fixtures';

/** The square 0-(3,0)-(3,4)-(0,4) plus a far client at (100,0); clients 3 and 4 optional. */
function square() {
  const problem = planeProblem([0, 0], [{ x: 3, y: 0, demand: 1 }, { x: 3, y: 4, demand: 1 }, { x: 0, y: 4, demand: 1 }, { x: 100, y: 0, demand: 1 }], { capacity: 10, vehicles: 2 });
  problem.jobs[2].unassignedPenaltyFen = 50;
  problem.jobs[3].unassignedPenaltyFen = 50;
  return problem;
}

describe('HGS with optional clients (prize-collecting)', () => {
  it('is HGS-shaped, except under a vehicles-first objective', () => {
    expect(whyNotHgsShaped(square())).toBeNull();
    expect(whyNotHgsShaped({ ...square(), objective: 'vehicles-then-distance' })).toBe('optional jobs under a vehicles-first objective');
  });

  it('serves an optional client that costs less than its penalty and leaves out one that costs more', () => {
    const solution = solve(square(), { seed: 1, maxIterations: 30 });
    // 0-(3,0)-(3,4)-(0,4)-0 is 14; the far client would add at least 2 x 97 against a penalty of 50
    expect(solution.feasible).toBe(true);
    expect(solution.unassigned).toEqual([{ id: 'j4', reason: 'not_profitable' }]);
    expect(solution.distanceM).toBe(14);
    expect(solution.cost).toBe(14 + 50);
  });
});
