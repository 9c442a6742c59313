import { checkRoute } from '../../../src/search/alns/route-checker';
import { job, problem, shipment, vehicle } from './tiny-problems';

const line: Array<[number, number]> = [
  [0, 0],
  [10, 0],
  [20, 0],
  [30, 0],
];

describe('independent route checker', () => {
  it('computes the schedule, loads, distance, duration and cost of a feasible route', () => {
    const p = problem(line, {
      vehicles: [vehicle({ costPerKmFen: 1000, costPerHourFen: 3600, fixedCostFen: 7 })],
      objective: 'cost',
      jobs: [job('a', 1, { serviceS: 5, amount: [2] }), job('b', 2, { kind: 'pickup', amount: [3], timeWindows: [{ startS: 40, endS: 50 }] })],
    });
    const { route, violations } = checkRoute(p, 0, [
      { kind: 'job', index: 0 },
      { kind: 'job', index: 1 },
    ]);
    expect(violations).toEqual([]);
    // The wait for b's window moves to the depot: leave at 15, b reached at 40 as its window opens.
    expect(route.steps.map((s) => [s.type, s.arrivalS, s.serviceStartS, s.departureS, s.load[0]])).toEqual([
      ['start', 15, 15, 15, 2],
      ['job', 25, 25, 30, 0],
      ['job', 40, 40, 40, 3],
      ['end', 60, 60, 60, 3],
    ]);
    expect(route.distanceM).toBe(40);
    expect(route.durationS).toBe(45);
    expect(route.costFen).toBe(7 + 40 + 45); // fixed + 1 fen/m + 1 fen/s
  });

  it('flags a missed window, an overload, a delivery before its pickup, a missing skill and the limits', () => {
    const p = problem(line, {
      vehicles: [vehicle({ capacity: [2], maxDistanceM: 30, maxDurationS: 30, shift: { startS: 0, endS: 50 } })],
      jobs: [job('late', 3, { timeWindows: [{ startS: 0, endS: 5 }] }), job('heavy', 1, { amount: [3], skills: ['crane'] })],
      shipments: [shipment('s', 2, 1)],
    });
    const { violations } = checkRoute(p, 0, [
      { kind: 'delivery', index: 0 },
      { kind: 'job', index: 1 },
      { kind: 'job', index: 0 },
      { kind: 'pickup', index: 0 },
    ]);
    const text = violations.join('\n');
    expect(text).toMatch(/late: arrives at/);
    expect(text).toMatch(/load 4 over capacity 2/);
    expect(text).toMatch(/s: delivered before it was picked up/);
    expect(text).toMatch(/heavy: vehicle lacks skill crane/);
    expect(text).toMatch(/after the shift end/);
    expect(text).toMatch(/distance .* over the maximum/);
    expect(text).toMatch(/duration .* over the maximum/);
  });
});
