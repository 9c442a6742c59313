import { validateProblem } from '../../src/model/validate-problem';
import { job, problem, vehicle } from '../search/alns/tiny-problems';
import { errorOf } from '../support/invalid-problem';

const line: Array<[number, number]> = [
  [0, 0],
  [10, 0],
  [20, 0],
];

describe('problem validation of the rich model', () => {
  it('accepts release times within the shift, reload locations and the backhaul order', () => {
    const valid = problem(line, {
      vehicles: [vehicle({ reloadLocations: [0], shift: { startS: 0, endS: 500 } })],
      jobs: [job('a', 1, { releaseS: 500 }), job('b', 2, { kind: 'pickup' })],
      linehaulBeforeBackhaul: true,
    });
    expect(() => validateProblem(valid)).not.toThrow();
  });

  it('names a capacity vector of the wrong length, on a vehicle or on a job amount', () => {
    const vehicles = [vehicle(), vehicle({ id: 'v2', capacity: [10, 5] })];
    expect(errorOf(() => validateProblem(problem(line, { vehicles, jobs: [job('a', 1)] }))).where).toBe('vehicles[1].capacity');
    expect(errorOf(() => validateProblem(problem(line, { jobs: [job('a', 1, { amount: [1, 2] })] }))).where).toBe('jobs[0].amount');
  });

  it('names a negative prize (the penalty for leaving an optional job out)', () => {
    const error = errorOf(() => validateProblem(problem(line, { jobs: [job('a', 1, { unassignedPenaltyFen: -3 })] })));
    expect(error.where).toBe('jobs[0].unassignedPenaltyFen');
  });

  it('names a release time after the depot closes, and a reload location off the matrix', () => {
    const late = problem(line, { vehicles: [vehicle({ shift: { startS: 0, endS: 500 } })], jobs: [job('a', 1, { releaseS: 501 })] });
    const error = errorOf(() => validateProblem(late));
    expect(error.where).toBe('jobs[0].releaseS');
    expect(error.message).toMatch(/after the last shift ends at 500/);
    const reload = problem(line, { vehicles: [vehicle({ reloadLocations: [3] })], jobs: [job('a', 1)] });
    expect(errorOf(() => validateProblem(reload)).where).toBe('vehicles[0].reloadLocations[0]');
  });
});
