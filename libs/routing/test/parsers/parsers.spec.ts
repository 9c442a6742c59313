import { parseCvrplib } from '../../src/parsers/cvrplib';
import { parseSolomon } from '../../src/parsers/solomon';
import { TINY_SOLOMON, TINY_VRP } from './tiny-instances';
import { errorOf } from '../support/invalid-problem';

describe('CVRPLIB parser', () => {
  it('reads coordinates, demands and rounds Euclidean arcs', () => {
    const { problem, name } = parseCvrplib(TINY_VRP);
    expect(name).toBe('tiny');
    expect(problem.jobs.map((j) => [j.id, j.amount[0]])).toEqual([
      ['1', 4],
      ['2', 4],
      ['3', 4],
    ]);
    const m = problem.profiles.euclidean;
    expect(m.distanceM[0 * 4 + 2]).toBe(5);
    expect(problem.vehicles[0].capacity).toEqual([10]);
    expect(problem.objective).toBe('distance');
  });

  it('names the line of a malformed coordinate row', () => {
    const error = errorOf(() => parseCvrplib(TINY_VRP.replace('3 3 4', '3 3 x')));
    expect(error.where).toBe('line 9');
    expect(error.message).toMatch(/field 3 is not a number/);
  });

  it('names the line of a bad CAPACITY', () => {
    expect(errorOf(() => parseCvrplib(TINY_VRP.replace('CAPACITY : 10', 'CAPACITY : -1'))).where).toBe('line 5');
  });

  it('rejects unsupported edge weight types and missing demands', () => {
    expect(errorOf(() => parseCvrplib(TINY_VRP.replace('EUC_2D', 'GEO'))).message).toMatch(/EDGE_WEIGHT_TYPE GEO/);
    expect(errorOf(() => parseCvrplib(TINY_VRP.replace('4 4\nDEPOT', 'DEPOT'))).message).toMatch(/node 4 has no demand/);
  });
});

describe('Solomon parser', () => {
  it('scales times and distances by 1000 and keeps customer numbers', () => {
    const { problem, customerNumbers } = parseSolomon(TINY_SOLOMON);
    expect(customerNumbers).toEqual([0, 1, 2, 3]);
    expect(problem.vehicles).toHaveLength(2);
    expect(problem.jobs[1].timeWindows).toEqual([{ startS: 10_000, endS: 60_000 }]);
    expect(problem.jobs[1].serviceS).toBe(1000);
    expect(problem.profiles.euclidean.distanceM[0 * 4 + 2]).toBe(5000);
    expect(problem.objective).toBe('vehicles-then-distance');
  });

  it('names the line and field of a bad row', () => {
    const error = errorOf(() => parseSolomon(TINY_SOLOMON.replace('3      0          4', '3      0          y')));
    expect(error.where).toBe('line 13');
    expect(error.message).toMatch(/YCOORD/);
  });

  it('rejects a due date before the ready time, naming the line', () => {
    const error = errorOf(() => parseSolomon(TINY_SOLOMON.replace('10         60', '70         60')));
    expect(error.where).toBe('line 12');
  });
});
