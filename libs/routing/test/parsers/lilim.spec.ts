import { solveWithAlns } from '../../src/search/alns';
import { liLimFormat, liLimSolutionText } from '../../src/formats/lilim-format';
import { parseLiLim } from '../../src/parsers/lilim';
import { errorOf } from '../support/invalid-problem';

// Two pickup-delivery pairs: 1 -> 2 (3 units) and 3 -> 4 (5 units), capacity 6.
const TINY = [
  '2\t6\t1',
  '0\t0\t0\t0\t0\t1000\t0\t0\t0',
  '1\t3\t4\t3\t0\t1000\t10\t0\t2',
  '2\t6\t8\t-3\t0\t1000\t10\t1\t0',
  '3\t0\t5\t5\t50\t200\t10\t0\t4',
  '4\t0\t10\t-5\t0\t1000\t10\t3\t0',
].join('\n');

describe('Li & Lim parser', () => {
  it('reads pairs as shipments with scaled distances, rounded-up durations and scaled windows', () => {
    const { problem, taskNumbers, speed } = parseLiLim(TINY, 'dir/tiny.txt');
    expect(problem.name).toBe('tiny');
    expect(problem.objective).toBe('vehicles-then-distance');
    expect(problem.vehicles).toHaveLength(2);
    expect(problem.vehicles[0].capacity).toEqual([6]);
    expect(problem.vehicles[0].shift).toEqual({ startS: 0, endS: 1_000_000 });
    expect(speed).toBe(1);
    expect(taskNumbers).toEqual([0, 1, 2, 3, 4]);
    expect(problem.shipments.map((s) => [s.id, s.pickup.location, s.delivery.location, s.amount[0]])).toEqual([
      ['1', 1, 2, 3],
      ['3', 3, 4, 5],
    ]);
    expect(problem.shipments[1].pickup.timeWindows).toEqual([{ startS: 50_000, endS: 200_000 }]);
    expect(problem.shipments[0].pickup.serviceS).toBe(10_000);
    const m = problem.profiles.euclidean;
    expect(m.distanceM[0 * 5 + 1]).toBe(5000); // (0,0) -> (3,4)
    expect(m.distanceM[1 * 5 + 4]).toBe(Math.round(Math.hypot(3, 6) * 1000));
    expect(m.durationS[1 * 5 + 4]).toBe(Math.ceil(Math.hypot(3, 6) * 1000));
  });

  it('is detected from its content and writes the file task numbers in verifier style', () => {
    expect(liLimFormat.detect(TINY, 'x.txt')).toBe(3);
    expect(liLimFormat.detect('C101\n\nVEHICLE\nNUMBER     CAPACITY\n  25         200\n', 'c101.txt')).toBe(0);
    const instance = parseLiLim(TINY);
    const solution = solveWithAlns(instance.problem, { seed: 1, maxIterations: 100 });
    expect(solution.feasible).toBe(true);
    const text = liLimSolutionText(instance, solution);
    const tasks = text
      .split('\n')
      .filter((l) => l.startsWith('Route'))
      .flatMap((l) => l.split(':')[1].trim().split(' ').map(Number));
    expect(tasks.sort()).toEqual([1, 2, 3, 4]);
    expect(text).toMatch(/^Cost \d+\.\d{3}$/m);
  });

  it.each([
    ['a bad header', TINY.replace('2\t6\t1', '2\t6'), 'line 1'],
    ['a short row', TINY.replace('0\t0\t2\n', '0\n'), 'line 3'],
    ['a non-numeric field', TINY.replace('3\t4\t3', '3\tx\t3'), 'line 3'],
    ['a window ending before it opens', TINY.replace('50\t200', '250\t200'), 'line 5'],
    ['a delivery naming another pickup', TINY.replace('-5\t0\t1000\t10\t3', '-5\t0\t1000\t10\t1'), 'line 6'],
    ['a pickup naming a missing delivery', TINY.replace('0\t0\t4', '0\t0\t9'), 'line 5'],
  ])('refuses %s, naming the line', (_label, text, where) => {
    expect(errorOf(() => parseLiLim(text)).where).toBe(where);
  });
});
