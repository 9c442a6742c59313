import { routeCost, VEHICLE_WEIGHT } from '../../../src/evaluation/cost-evaluator';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { MovePlan } from '../../../src/search/hgs/operators/move-plan';
import { Relocate } from '../../../src/search/hgs/operators/relocate';
import { Swap } from '../../../src/search/hgs/operators/swap';
import { SwapStar } from '../../../src/search/hgs/operators/swap-star';
import { TwoOpt } from '../../../src/search/hgs/operators/two-opt';
import { TwoOptStar } from '../../../src/search/hgs/operators/two-opt-star';
import { RouteState } from '../../../src/search/hgs/route-state';
import { SegmentAccumulator } from '../../../src/search/hgs/segment';
import { planeProblem } from './fixtures';

/*
 * The square: depot (0,0); client 1 (3,0), client 2 (3,4), client 3 (0,4).
 * Arcs: d01 = 3, d02 = 5, d03 = 4, d12 = 4, d13 = 5, d23 = 3.
 * [1,2,3] = 3+4+3+4 = 14; [1,3] = 3+5+4 = 12; [2] = 10; [1,2] = 3+4+5 = 12; [3] = 8; [1,3,2] = 16.
 */
const square = planeProblem(
  [0, 0],
  [
    { x: 3, y: 0, demand: 1 },
    { x: 3, y: 4, demand: 1 },
    { x: 0, y: 4, demand: 1 },
  ],
  { capacity: 10, vehicles: 3 },
);
const noPenalty = { capacity: 1, timeWarp: 1, distance: 1 };

/** Routes as a set: export order follows polar angles, which these checks do not care about. */
function routeSet(state: RouteState): number[][] {
  return state.exportRoutes().sort((a, b) => a[0] - b[0]);
}

function stateWith(routes: number[][]): RouteState {
  const state = new RouteState(buildHgsData(square), 3);
  state.load(routes, noPenalty);
  return state;
}

describe('moves on the square', () => {
  const plan = new MovePlan(3);

  it('loads routes with hand-checked costs', () => {
    const state = stateWith([[1, 3], [2]]);
    expect(state.routeCost[0]).toBe(12);
    expect(state.routeCost[1]).toBe(10);
    expect(state.totalPenalisedCost()).toBe(22);
  });

  it('RELOCATE client 2 after client 1 merges the routes: 22 -> 14', () => {
    const state = stateWith([[1, 3], [2]]);
    expect(new Relocate(1, false).plan(state, 2, 1, plan)).toBe(true);
    expect(plan.delta(state)).toBe(-8);
    plan.apply(state);
    expect(routeSet(state)).toEqual([[1, 2, 3]]);
    expect(state.totalPenalisedCost()).toBe(14);
  });

  it('RELOCATE does not apply to a no-op (u already after v)', () => {
    const state = stateWith([[1, 3], [2]]);
    expect(new Relocate(1, false).plan(state, 3, 1, plan)).toBe(false);
  });

  it('SWAP exchanges clients 3 and 2: 22 -> 20', () => {
    const state = stateWith([[1, 3], [2]]);
    expect(new Swap(1, 1).plan(state, 3, 2, plan)).toBe(true);
    expect(plan.delta(state)).toBe(-2);
    plan.apply(state);
    expect(routeSet(state)).toEqual([[1, 2], [3]]);
  });

  it('2-OPT reverses 3..2 in [1,3,2]: 16 -> 14', () => {
    const state = stateWith([[1, 3, 2]]);
    expect(new TwoOpt().plan(state, 1, 2, plan)).toBe(true);
    expect(plan.delta(state)).toBe(-2);
    plan.apply(state);
    expect(routeSet(state)).toEqual([[1, 2, 3]]);
  });

  it('2-OPT* swaps tails: [1,3],[2] -> [1,2],[3] (22 -> 20)', () => {
    const state = stateWith([[1, 3], [2]]);
    const move = new TwoOptStar();
    expect(move.delta(state, 1, state.startDepot(1))).toBe(-2);
    expect(move.tryApply(state, 1, state.startDepot(1), plan)).toBe(true);
    expect(routeSet(state)).toEqual([[1, 2], [3]]);
  });

  it('SWAP* finds the exchange with free reinsertion positions', () => {
    // [1,2],[3] = 20 -> swapping 1 and 3 gives [3,2],[1] = (4+3+5) + 6 = 18.
    const state = stateWith([[1, 2], [3]]);
    expect(new SwapStar(3).tryApply(state, 0, 1, plan)).toBe(true);
    expect(state.totalPenalisedCost()).toBe(18);
    expect(routeSet(state)).toEqual([[1], [3, 2]]);
  });
});

describe('segment concatenation with time windows', () => {
  // Client 1 (3,0) window [10,20]; client 2 (3,4) window [0,12]. Route [1,2]: arrive 1 at 3, wait
  // until 10, arrive 2 at 14: 2 s of time warp. Distance 3 + 4 + 5 = 12.
  const problem = planeProblem(
    [0, 0],
    [
      { x: 3, y: 0, demand: 4, window: [10, 20] },
      { x: 3, y: 4, demand: 4, window: [0, 12] },
    ],
    { capacity: 5, horizon: 100 },
  );

  it('prices distance, time warp and excess load', () => {
    const acc = new SegmentAccumulator(buildHgsData(problem));
    acc.startAtDepot().appendClient(1).appendClient(2).appendClient(0);
    expect(acc.cost).toBe(12);
    expect(acc.timeWarpS).toBe(2);
    expect(acc.load).toBe(8);
    // 12 + 1.5 x 2 s warp + 10 x 3 excess load
    expect(acc.penalisedCost({ capacity: 10, timeWarp: 1.5, distance: 1 })).toBe(45);
  });

  it('the reverse order has no time warp', () => {
    const acc = new SegmentAccumulator(buildHgsData(problem));
    acc.startAtDepot().appendClient(2).appendClient(1).appendClient(0);
    expect(acc.timeWarpS).toBe(0);
    expect(acc.cost).toBe(12);
  });
});

describe('cost evaluator', () => {
  const vehicle = square.vehicles[0];
  it('prices the three objectives', () => {
    expect(routeCost('distance', vehicle, 5000, 1800)).toBe(5000);
    expect(routeCost('vehicles-then-distance', vehicle, 5000, 1800)).toBe(VEHICLE_WEIGHT + 5000);
    const priced = { ...vehicle, fixedCostFen: 1000, costPerKmFen: 200, costPerHourFen: 3600 };
    // 1000 fixed + 200 fen/km x 5 km + 3600 fen/h x 0.5 h
    expect(routeCost('cost', priced, 5000, 1800)).toBe(3800);
  });
});
