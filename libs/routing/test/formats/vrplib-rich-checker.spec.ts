import { checkRichSolution, readRouteList } from '../../src/formats/vrplib-rich-checker';
import { richFixture, TINY_HFVRP, TINY_MTVRPTWR, TINY_PCVRPTW, TINY_VRPB } from './tiny-rich-instances';

const check = (instance: string, routes: string) => checkRichSolution(instance, readRouteList(routes));

describe('independent checker for the rich VRPLIB variants', () => {
  // The published best-known solutions, priced from the instance and the routes alone, must come
  // out at their cost lines (also the `bks.csv` values of the rich_* sets).
  it.each([
    ['X115-HVRP', 19412.56],
    ['X-n548-50-k25', 52902],
    ['C201R0.5', 15006],
    ['C1_10_1', 245391],
  ])('reproduces the published cost of %s', (name, bks) => {
    const solution = readRouteList(richFixture(`${name}.sol`));
    expect(solution.printedCost).toBe(bks);
    const result = checkRichSolution(richFixture(`${name}.vrp`), solution);
    expect(result.violations).toEqual([]);
    expect(Math.round(result.cost * 100) / 100).toBe(bks);
  });

  it('prices a mixed fleet per vehicle: route k on vehicle k, fixed plus unit cost per distance, /100', () => {
    // vehicle 1: 100 + 100 x (3 + 3); vehicle 2: 300 + 150 x (5 + 3 + 4)
    expect(check(TINY_HFVRP, 'Route #1: 1\nRoute #2: 2 3\nCost: 28')).toEqual({ feasible: true, cost: 28, violations: [] });
    // the same routes on the other vehicles: the small one is overloaded
    expect(check(TINY_HFVRP, 'Route #1: 2 3\nRoute #2: 1\n').violations).toEqual(['route #1: load 8 over capacity 5']);
    expect(check(TINY_HFVRP, 'Route #1: 1\nRoute #2: 2 3\nRoute #3: \n').violations).toContain('3 routes for 2 vehicles');
  });

  it('keeps linehaul before backhaul and never opens a trip with a backhaul', () => {
    expect(check(TINY_VRPB, 'Route #1: 1 2 3\nCost: 14')).toEqual({ feasible: true, cost: 14, violations: [] });
    expect(check(TINY_VRPB, 'Route #1: 1 3 2').violations).toEqual(['route #1: a linehaul client after a backhaul client']);
    expect(check(TINY_VRPB, 'Route #1: 1 2\nRoute #2: 3').violations).toEqual(['route #2: a trip opens with backhaul client 3']);
  });

  it('runs several trips per vehicle, each leaving once its clients are released (DIMACS units)', () => {
    // trip 1 out at 0, clients at 30 and 80, back at 140; trip 2 waits for the release at 200,
    // client 3 at 240, back at 290. Distance 120 + 80.
    expect(check(TINY_MTVRPTWR, 'Route #1: 1 2 0 3\nCost: 200')).toEqual({ feasible: true, cost: 200, violations: [] });
    expect(check(TINY_MTVRPTWR, 'Route #1: 1 2 3').violations).toEqual(['route #1: load 12 over capacity 8']);
    const late = check(TINY_MTVRPTWR.replace('4 20\n', '4 99\n'), 'Route #1: 1 2 0 3');
    expect(late.violations).toEqual(['route #1: arrives at client 3 at 1030, after its window closes at 1000', 'route #1: back at the depot at 1080, after it closes at 1000']);
    const noReload = check(TINY_MTVRPTWR.replace('1 1\nDEPOT', '1 0\nDEPOT'), 'Route #1: 1 2 0 3');
    expect(noReload.violations).toEqual(['route #1: vehicle 1 may not reload at the depot']);
  });

  it('charges the prize of a skipped optional client and refuses a skipped mandatory one', () => {
    // 30 + 40 + 50 driven, client 3 skipped at 10 x 7
    expect(check(TINY_PCVRPTW, 'Route #1: 1 2\nCost: 190')).toEqual({ feasible: true, cost: 190, violations: [] });
    // 40 + 50 + 40 + 50, every window met: client 3 at 40, client 1 at 100, client 2 at 150
    expect(check(TINY_PCVRPTW, 'Route #1: 3 1 2').cost).toBe(180);
    expect(check(TINY_PCVRPTW, 'Route #1: 1 2 3').violations).toEqual(['route #1: arrives at client 3 at 120, after its window closes at 50']);
    expect(check(TINY_PCVRPTW, 'Route #1: 3 1').violations).toEqual(['client 2 is not visited']);
    expect(check(TINY_PCVRPTW, 'Route #1: 1 2\nCost: 191').violations).toEqual(['printed cost 191 but the routes cost 190']);
  });
});
