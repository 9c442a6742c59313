import { TwoEchelonProblem } from '../../../src/search/two-echelon/two-echelon-problem';
import { euclideanDistanceMatrix, TwoEchelonCoordinates } from '../../../src/search/two-echelon/two-echelon-validation';

/** Builds a small problem from coordinates; distances ×100 so hand sums stay readable. */
export function tinyProblem(
  coordinates: TwoEchelonCoordinates,
  demands: number[],
  overrides: Partial<Pick<TwoEchelonProblem, 'firstLevel' | 'secondLevel' | 'satellites'>> = {},
): TwoEchelonProblem {
  return {
    name: 'tiny',
    satellites: overrides.satellites ?? coordinates.satellites.map((_, k) => ({ id: `S${k + 1}` })),
    customers: demands.map((demand, k) => ({ id: `c${k + 1}`, demand })),
    firstLevel: overrides.firstLevel ?? { capacity: 100, maxVehicles: 1, costPerDistance: 1, fixedCost: 0 },
    secondLevel: overrides.secondLevel ?? { capacity: 2, maxVehicles: 2, costPerDistance: 1, fixedCost: 0 },
    distance: euclideanDistanceMatrix(coordinates, 100),
    distanceScale: 100,
  };
}

/**
 * Depot in the middle, one satellite east and one west, two customers beside each satellite.
 * By hand: truck depot→S1→S2→depot = 10 + 20 + 10 = 40; each satellite's freighter serves its two
 * customers, S→A→B→S = 2 + √8 + 2 ≈ 6.83, so the optimum is 40 + 2 × 6.83 ≈ 53.66 (5366 scaled).
 */
export const TWO_SATELLITES_FOUR_CUSTOMERS: TwoEchelonCoordinates = {
  depot: [0, 0],
  satellites: [
    [10, 0],
    [-10, 0],
  ],
  customers: [
    [12, 0],
    [10, 2],
    [-12, 0],
    [-10, -2],
  ],
};

/**
 * Exhaustive optimum for tiny problems whose single truck can carry everything: every customer
 * gets a route slot, every slot a satellite, every route its best order, the truck the best tour
 * over the used satellites. Independent of the solver; exponential, so keep instances tiny.
 */
export function bruteForceOptimum(problem: TwoEchelonProblem): number {
  const satellites = problem.satellites.length;
  const customers = problem.customers.length;
  const size = 1 + satellites + customers;
  const arc = (a: number, b: number): number => problem.distance[a * size + b];
  const slots = problem.secondLevel.maxVehicles;
  const bestPath = (start: number, nodes: number[]): number => {
    if (nodes.length === 0) return 0;
    let best = Infinity;
    for (const order of permutations(nodes)) {
      let total = 0;
      let previous = start;
      for (const node of order) {
        total += arc(previous, node);
        previous = node;
      }
      best = Math.min(best, total + arc(previous, start));
    }
    return best;
  };
  let best = Infinity;
  const slotOf = new Array<number>(customers).fill(0);
  const satelliteOf = new Array<number>(slots).fill(0);
  const totalAssignments = slots ** customers * satellites ** slots;
  for (let code = 0; code < totalAssignments; code++) {
    let rest = code;
    for (let c = 0; c < customers; c++) ((slotOf[c] = rest % slots), (rest = Math.floor(rest / slots)));
    for (let r = 0; r < slots; r++) ((satelliteOf[r] = rest % satellites), (rest = Math.floor(rest / satellites)));
    let cost = 0;
    const used = new Set<number>();
    const perSatellite = new Array<number>(satellites).fill(0);
    let feasible = true;
    for (let r = 0; r < slots && feasible; r++) {
      const members = slotOf.map((slot, c) => (slot === r ? c : -1)).filter((c) => c >= 0);
      if (members.length === 0) continue;
      const load = members.reduce((sum, c) => sum + problem.customers[c].demand, 0);
      if (load > problem.secondLevel.capacity) feasible = false;
      const s = satelliteOf[r];
      used.add(s);
      perSatellite[s]++;
      if (perSatellite[s] > (problem.satellites[s].maxVehicles ?? Infinity)) feasible = false;
      cost +=
        problem.secondLevel.fixedCost +
        bestPath(
          1 + s,
          members.map((c) => 1 + satellites + c),
        );
    }
    if (!feasible) continue;
    cost +=
      problem.firstLevel.fixedCost +
      bestPath(
        0,
        [...used].map((s) => 1 + s),
      );
    best = Math.min(best, cost);
  }
  return best;
}

function* permutations(values: number[]): Generator<number[]> {
  if (values.length <= 1) {
    yield values.slice();
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const rest = values.slice(0, i).concat(values.slice(i + 1));
    for (const tail of permutations(rest)) yield [values[i], ...tail];
  }
}
