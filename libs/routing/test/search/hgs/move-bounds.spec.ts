import { Problem } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { RouteState } from '../../../src/search/hgs/route-state';
import { randomRichProblem, randomRoutes } from './fixtures';

const TRIALS = 30;
const NO_PENALTIES = { capacity: 0, timeWarp: 0, distance: 0 };
const PENALTIES = { capacity: 3.5, timeWarp: 1.7, distance: 2.3 };

/**
 * The planner's model (`randomRichProblem`: costs per km and per hour, three profiles) with a second
 * van, so that two routes share matrices and shift and 2-opt* bounds them; without windows when
 * `windows` is false, so that no vehicle ever waits.
 */
function hourlyProblem(random: Random, windows: boolean): Problem {
  const problem = randomRichProblem(random, 4 + random.nextInt(7));
  problem.vehicles = [...problem.vehicles, { ...problem.vehicles[0], id: 'van-2' }];
  if (!windows) for (const job of problem.jobs) job.timeWindows = [];
  return problem;
}

/** Every node of `route` from its start depot to its end depot. */
function nodesOf(state: RouteState, route: number): number[] {
  const nodes = [state.startDepot(route)];
  while (nodes[nodes.length - 1] !== state.endDepot(route)) nodes.push(state.next[nodes[nodes.length - 1]]);
  return nodes;
}

/**
 * The lower bounds that let a move skip its exact pricing (`replaceArcCost` for MovePlan.delta,
 * `prefixSuffixArcCost` for 2-opt*) count rate x arcs, the fixed cost and, for a vehicle paid by
 * the hour, the seconds it travels and serves: without penalties and without waiting they equal the
 * exact price; with both they never exceed it.
 */
describe('HGS move bounds on vehicles paid by the hour', () => {
  it.each([
    { windows: false, penalties: NO_PENALTIES, seed: 5, exact: true },
    { windows: true, penalties: PENALTIES, seed: 9, exact: false },
  ])('bound the exact price (windows: $windows, exact: $exact)', ({ windows, penalties, seed, exact }) => {
    const random = new Random(seed);
    let replacements = 0;
    let tails = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const problem = hourlyProblem(random, windows);
      const data = buildHgsData(problem);
      const n = problem.jobs.length;
      const slots = problem.vehicles.length;
      const state = new RouteState(data, slots);
      const seq = new Int32Array(n);
      for (let sample = 0; sample < 10; sample++) {
        state.load(randomRoutes(random, n, slots), penalties);
        // Replace what lies between two nodes of a route by a random sequence of clients.
        const nodes = nodesOf(state, random.nextInt(slots));
        const i = random.nextInt(nodes.length - 1);
        const j = i + 1 + random.nextInt(nodes.length - 1 - i);
        const length = random.nextInt(4);
        for (let k = 0; k < length; k++) seq[k] = 1 + random.nextInt(n);
        const bound = state.replaceArcCost(nodes[i], seq, length, nodes[j]);
        const price = state.replaceCost(nodes[i], seq, length, nodes[j]);
        if (exact) expect(bound).toBeCloseTo(price, 6);
        else expect(bound).toBeLessThanOrEqual(price + 1e-6);
        replacements++;
        // 2-opt* between the two vans: prefix of one, suffix of the other.
        const [a, b] = random.nextInt(2) === 0 ? [0, slots - 1] : [slots - 1, 0];
        const prefix = nodesOf(state, a);
        const suffix = nodesOf(state, b);
        const u = prefix[random.nextInt(prefix.length - 1)];
        const v = suffix[1 + random.nextInt(suffix.length - 1)];
        const tailBound = state.prefixSuffixArcCost(u, v);
        const tailPrice = state.appendSuffixAfterPrefix(u, v);
        if (exact) expect(tailBound).toBeCloseTo(tailPrice, 6);
        else expect(tailBound).toBeLessThanOrEqual(tailPrice + 1e-6);
        tails++;
      }
    }
    expect(replacements).toBe(10 * TRIALS);
    expect(tails).toBe(10 * TRIALS);
  });
});
