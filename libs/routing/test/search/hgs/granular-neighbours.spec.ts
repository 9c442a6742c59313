import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { planeProblem } from './fixtures';

/** Client 1 at (10,0); client 2 at (12,0) and client 3 at (10,5), both optional. */
function line() {
  return planeProblem(
    [0, 0],
    [
      { x: 10, y: 0, demand: 1 },
      { x: 12, y: 0, demand: 1 },
      { x: 10, y: 5, demand: 1 },
    ],
    { capacity: 10 },
  );
}

describe('granular neighbourhood', () => {
  it('ranks an optional client nearer by its penalty: 5 - 4 beats 2 - 0', () => {
    const problem = line();
    problem.jobs[1].unassignedPenaltyFen = 0;
    problem.jobs[2].unassignedPenaltyFen = 4;
    expect([...buildHgsData(problem, 1).neighbours[1]]).toEqual([3]);
    // penalties at the cap of the longest arc (13) and above count alike: distance decides again
    problem.jobs[1].unassignedPenaltyFen = 1000;
    problem.jobs[2].unassignedPenaltyFen = 2000;
    expect([...buildHgsData(problem, 1).neighbours[1]]).toEqual([2]);
  });

  it('counts a mandatory client as worth the cap beside optional ones', () => {
    const problem = line();
    problem.jobs[2].unassignedPenaltyFen = 4;
    // 2 - 13 for the mandatory client 2 against 5 - 4 for the optional client 3
    expect([...buildHgsData(problem, 1).neighbours[1]]).toEqual([2]);
  });

  it('keeps a backhaul next to the linehaul it may follow', () => {
    const problem = line();
    problem.jobs[0].kind = 'pickup';
    problem.jobs[2].kind = 'pickup';
    problem.linehaulBeforeBackhaul = true;
    // backhaul 1 may not precede linehaul 2, but may follow it: 2 at 2 is still nearer than backhaul 3 at 5
    expect([...buildHgsData(problem, 1).neighbours[1]]).toEqual([2]);
  });
});
