import { priceRoutes } from '../../src/evaluation/route-pricing';
import { Problem, Solution } from '../../src/model/problem';
import { Random } from '../../src/random';
import { whyNotHgsShaped } from '../../src/search/hgs/hgs-shape';
import { solve } from '../../src/solve';
import { randomRichProblem, withDepots, withDistanceLimits, withOpenRoutes, withOptionalClients, withReleaseTimes, withReloadDepots, withSomeReloads } from './hgs/fixtures';
import { givenRoutes } from '../support/given-routes';
import { setGivenRoutesApart } from '../../src/search/given-routes';

/** A planner-like day: mixed fleet on three profiles, three dimensions, pickups, shifts, duration limits, optional jobs; releases on every other seed. */
function plannerLikeProblem(seed: number): Problem {
  const random = new Random(seed);
  const p = withOptionalClients(random, randomRichProblem(random, 10));
  return seed % 2 === 0 ? withReleaseTimes(random, p) : p;
}

/**
 * "Pricing and checking a given set of routes" agrees with the engine: the routes HGS returns,
 * handed back to priceRoutes, break no rule and cost what HGS said, route by route and step by step
 * (plus the penalties of the optional jobs it left out).
 */
function expectPricedAlike(p: Problem, solution: Solution): void {
  const priced = priceRoutes(p, givenRoutes(solution));
  expect(priced.routes.map(({ route }) => route)).toEqual(solution.routes);
  const penalties = solution.unassigned.reduce((total, { id }) => total + p.jobs.find((job) => job.id === id)!.unassignedPenaltyFen!, 0);
  expect(priced.cost + penalties).toBe(solution.cost);
  expect(solution.feasible).toBe(true);
  expect(priced.routes.map(({ violations }) => violations)).toEqual(solution.routes.map(() => []));
}

describe('HGS and priceRoutes agree on planner-like problems', () => {
  // Seeds whose day has a feasible plan that 30 iterations find (on seed 4 they find none, priced alike all the same).
  for (const seed of [1, 2, 3, 6]) {
    it(`on its own routes, then with one of them locked and the others as the start (seed ${seed})`, () => {
      const p = plannerLikeProblem(seed);
      expect(whyNotHgsShaped(p)).toBeNull();
      const first = solve(p, { seed, maxIterations: 30 });
      expectPricedAlike(p, first);
      const [locked, ...rest] = givenRoutes(first);
      const again = solve(p, { seed: seed + 1, maxIterations: 30, lockedRoutes: [locked], initialRoutes: rest });
      expectPricedAlike(p, again);
      expect(again.routes).toContainEqual(first.routes[0]);
      expect(again.cost).toBeLessThanOrEqual(first.cost);
    });
  }
});

/**
 * A day with reloads: the planner-like mixed fleet with the van and the motorcycle reloading at the
 * depot (the tricycle makes one trip), 12 jobs, about a third released during the day; optional
 * jobs on even seeds.
 */
function reloadDay(seed: number): Problem {
  const random = new Random(seed);
  const p = withReleaseTimes(random, withSomeReloads(randomRichProblem(random, 12)));
  return seed % 2 === 0 ? withOptionalClients(random, p) : p;
}

/**
 * `reloadDay` with trips between depots: two more depots, vehicles starting at different ones,
 * and each reloading vehicle reloading at one or both depots other than its start and ending at
 * its start, another depot or its last visit (`withReloadDepots`).
 */
function reloadDepotsDay(seed: number): Problem {
  const random = new Random(1000 + seed);
  return withReloadDepots(random, withDepots(random, reloadDay(seed)));
}

// Seeds whose day with trips between depots has a feasible plan that 30 iterations find (on 1, 3, 4, 5 and 8 they find none, nor with every reload at the start).
const SEEDS_BETWEEN_DEPOTS = [2, 6];

const tripsOf = (solution: Solution) => solution.routes.reduce((total, route) => total + route.steps.filter((step) => step.type === 'reload').length, 0);

describe('HGS and priceRoutes agree on days with several trips per vehicle', () => {
  // Seeds whose day has a feasible plan with reloads that 30 iterations find.
  const days = [
    { name: 'reloading at the start', day: reloadDay, seeds: [2] },
    { name: 'trips between depots', day: reloadDepotsDay, seeds: SEEDS_BETWEEN_DEPOTS },
  ];
  for (const { name, day, seeds } of days)
    for (const seed of seeds) {
      it(`on its own multi-trip routes, then with a multi-trip route locked (${name}, seed ${seed})`, () => {
        const p = day(seed);
        expect(whyNotHgsShaped(p)).toBeNull();
        const first = solve(p, { seed, maxIterations: 30 });
        expect(tripsOf(first)).toBeGreaterThan(0);
        expectPricedAlike(p, first);
        // Given back as the start, its trips land on their vehicles' trip slots as they were: iteration 0 has them at their cost.
        const started = solve(p, { seed: seed + 2, maxIterations: 0, initialRoutes: givenRoutes(first) });
        expect(started.cost).toBeLessThanOrEqual(first.cost);
        expectPricedAlike(p, started);
        // The locked route's vehicle drives on from its return: its later trips are a route of their
        // own, priced on the problem the search was left with.
        const lockedAt = givenRoutes(first).findIndex((route) => route.visits.some((visit) => 'reloadLocation' in visit));
        const locked = givenRoutes(first)[lockedAt];
        const rest = givenRoutes(first).filter((_, i) => i !== lockedAt);
        const again = solve(p, { seed: seed + 1, maxIterations: 30, lockedRoutes: [locked], initialRoutes: rest });
        expect(again.cost).toBeLessThanOrEqual(first.cost);
        const lockedRoute = priceRoutes(p, [locked]).routes[0].route;
        // Returned exactly as priced, first among its vehicle's routes.
        const index = again.routes.findIndex((route) => route.vehicleId === locked.vehicleId);
        expect(again.routes[index]).toEqual(lockedRoute);
        const open = setGivenRoutesApart(p, { lockedRoutes: [locked] }).problem;
        expectPricedAlike(open, { ...again, routes: again.routes.filter((_, i) => i !== index), cost: again.cost - lockedRoute.costFen });
      });
    }
});

/**
 * The same day with several depots (each vehicle its own start and end), open routes and route
 * distance limits, apart and together: HGS's routes priced back alike, and never a route priceRoutes
 * finds a violation on in a plan HGS calls feasible.
 */
describe('HGS and priceRoutes agree with several depots, open routes and distance limits', () => {
  const variants: Array<{ name: string; make: (random: Random, p: Problem) => Problem }> = [
    { name: 'several depots', make: (random, p) => withDepots(random, p) },
    { name: 'open routes', make: (_, p) => withOpenRoutes(p) },
    { name: 'distance limits', make: (random, p) => withDistanceLimits(random, p) },
    { name: 'all three', make: (random, p) => withDistanceLimits(random, withOpenRoutes(withDepots(random, p))) },
  ];
  for (const { name, make } of variants) {
    it(`${name}: priced alike step by step, and feasible only when priceRoutes finds no violation`, () => {
      let feasible = 0;
      for (const seed of [1, 2, 3]) {
        const random = new Random(100 + seed);
        const p = make(random, plannerLikeProblem(seed));
        expect(whyNotHgsShaped(p)).toBeNull();
        const solution = solve(p, { seed, maxIterations: 30 });
        const priced = priceRoutes(p, givenRoutes(solution));
        expect(priced.routes.map(({ route }) => route)).toEqual(solution.routes);
        if (!solution.feasible) continue;
        expectPricedAlike(p, solution);
        feasible++;
      }
      // Not vacuous: most days have a feasible plan.
      expect(feasible).toBeGreaterThanOrEqual(2);
    });
  }
});
