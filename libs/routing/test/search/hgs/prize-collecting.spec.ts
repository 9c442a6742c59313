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
  it('is HGS-shaped, under any objective', () => {
    expect(whyNotHgsShaped(square())).toBeNull();
    expect(whyNotHgsShaped({ ...square(), objective: 'vehicles-then-distance' })).toBeNull();
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

  it('serves a left-out client in place of an optional one worth less when the vehicle holds only one of them', () => {
    // One vehicle of capacity 2: mandatory client 1 at (10,0), optional 2 at (10,1) (penalty 5),
    // left-out optional 3 at (11,0) (penalty 100). 0-(10,0)-(10,1)-0 is 21, 0-(10,0)-(11,0)-0 is 22:
    // client 2 pays its detour of 1 and client 3 does not fit beside it, so only the exchange gains.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 10, y: 0, demand: 1 },
        { x: 10, y: 1, demand: 1 },
        { x: 11, y: 0, demand: 1 },
      ],
      { capacity: 2, vehicles: 1 },
    );
    problem.jobs[1].unassignedPenaltyFen = 5;
    problem.jobs[2].unassignedPenaltyFen = 100;
    const search = new LocalSearch(buildHgsData(problem), 1, new Random(1));
    const routes = search.run([[1, 2]], { capacity: 1000, timeWarp: 1000, distance: 1 });
    expect(routes).toEqual([[1, 3]]);
    expect(search.state.totalPenalisedCost()).toBe(22 + 5);
  });

  it('opens a route through a cluster in the order its time windows allow, not in the order of nearest arcs', () => {
    // Mandatory client 1 fills its vehicle. Optional clients on a line, 8 each: 2 at (10,0) at time
    // 10, 3 at (12,0) at 12, 4 at (11,0) at 13, 5 at (13,0) at 15. Only the four together pay for
    // a route, 0-2-3-4-5-0 = 10 + 2 + 1 + 2 + 13 = 28 < 32, and only in that order are they on time;
    // nearest arcs from any of them (2 to 4, 3 to 4 or 5, ...) run late.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 0, y: 10, demand: 10 },
        { x: 10, y: 0, demand: 1, window: [10, 10] },
        { x: 12, y: 0, demand: 1, window: [12, 12] },
        { x: 11, y: 0, demand: 1, window: [13, 13] },
        { x: 13, y: 0, demand: 1, window: [15, 15] },
      ],
      { capacity: 10, vehicles: 2, horizon: 100 },
    );
    for (const job of problem.jobs.slice(1)) job.unassignedPenaltyFen = 8;
    const search = new LocalSearch(buildHgsData(problem), 2, new Random(1));
    const routes = search.run([[1]], { capacity: 100, timeWarp: 100, distance: 1 });
    expect(routes).toEqual(expect.arrayContaining([[1], [2, 3, 4, 5]]));
    expect(search.state.totalPenalisedCost()).toBe(20 + 28);
  });

  it('opens a route through the neighbour worth most when the one started soonest leads nowhere', () => {
    // Mandatory client 1 fills its vehicle. Optional 2 at (20,0) at time 20 and 3 at (22,0) at 22,
    // 30 each, pay for 0-2-3-0 = 44 together. Client 4 at (20,-1), worth nothing, is open from 21:
    // the soonest after 2, it makes 3 late; nothing else pays for a route.
    const problem = planeProblem(
      [0, 0],
      [
        { x: 0, y: 10, demand: 10 },
        { x: 20, y: 0, demand: 1, window: [20, 20] },
        { x: 22, y: 0, demand: 1, window: [22, 22] },
        { x: 20, y: -1, demand: 1, window: [21, 100] },
      ],
      { capacity: 10, vehicles: 2, horizon: 200 },
    );
    problem.jobs[1].unassignedPenaltyFen = 30;
    problem.jobs[2].unassignedPenaltyFen = 30;
    problem.jobs[3].unassignedPenaltyFen = 0;
    const search = new LocalSearch(buildHgsData(problem), 2, new Random(1));
    const routes = search.run([[1]], { capacity: 100, timeWarp: 100, distance: 1 });
    expect(routes).toEqual(expect.arrayContaining([[1], [2, 3]]));
    expect(search.state.totalPenalisedCost()).toBe(20 + 44);
  });
});
