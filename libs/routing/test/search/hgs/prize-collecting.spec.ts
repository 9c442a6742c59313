import { Random } from '../../../src/random';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { LocalSearch } from '../../../src/search/hgs/local-search';
import { solve } from '../../../src/solve';
import { planeProblem } from './fixtures';

/** The square 0-(3,0)-(3,4)-(0,4) plus a far client at (100,0); clients 3 and 4 optional. */
function square() {
  const problem = planeProblem(
    [0, 0],
    [
      { x: 3, y: 0, demand: 1 },
      { x: 3, y: 4, demand: 1 },
      { x: 0, y: 4, demand: 1 },
      { x: 100, y: 0, demand: 1 },
    ],
    { capacity: 10, vehicles: 2 },
  );
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

describe('local search with optional clients', () => {
  it('opens a route through a cluster that pays for it together though no client does alone', () => {
    // Mandatory client 1 at (0,10) fills its vehicle; optional clients 2..5 at (10,0), (10,1), (11,1),
    // (11,0), 7 each. Alone each would cost at least 20 against 7; together
    // 0-(10,0)-(11,0)-(11,1)-(10,1)-0 is 10 + 1 + 1 + 1 + 10 = 23 < 28 (rounded arcs).
    const problem = planeProblem(
      [0, 0],
      [
        { x: 0, y: 10, demand: 10 },
        { x: 10, y: 0, demand: 1 },
        { x: 10, y: 1, demand: 1 },
        { x: 11, y: 1, demand: 1 },
        { x: 11, y: 0, demand: 1 },
      ],
      { capacity: 10, vehicles: 3 },
    );
    for (const job of problem.jobs.slice(1)) job.unassignedPenaltyFen = 7;
    const search = new LocalSearch(buildHgsData(problem), 3, new Random(1));
    const routes = search.run([[1]], { capacity: 10, timeWarp: 10, distance: 1 });
    expect(routes.map((route) => [...route].sort())).toEqual(expect.arrayContaining([[1], [2, 3, 4, 5]]));
    expect(search.state.totalPenalisedCost()).toBe(20 + 23);
  });
});
