import { Problem } from '../../../src/model/problem';
import { buildHgsData } from '../../../src/search/hgs/hgs-data';
import { RouteState } from '../../../src/search/hgs/route-state';
import { Random } from '../../../src/random';
import {
  randomMixedFleetProblem,
  randomProblem,
  randomRoutes,
  referenceReload,
  referenceTripsCost,
  withDepots,
  withDistanceLimits,
  withReleaseTimes,
  withReloadDepots,
  withReloads,
  withSomeReloads,
} from './fixtures';

/** Random solutions per variant. */
const TRIALS = 8;

/**
 * Every trip of a reloading vehicle, replaced by another one (emptied, or some of its clients in
 * another order), is priced in its vehicle's chain from the chains before and after its slot
 * (trip-chain-aggregates.ts): the price must equal the recomputed difference, the slow way. The
 * cases that make those aggregates delicate are counted so that none is vacuous: a trip emptied
 * between two others (its neighbours then meet), a middle trip of three changed, and, between
 * depots with two reload locations, a reload choice that the change flips.
 */
describe.each([
  { withWindows: true, mixedFleet: false, reloadDepots: false, distanceLimits: false, seed: 151 },
  { withWindows: true, mixedFleet: false, reloadDepots: true, distanceLimits: false, seed: 157 },
  { withWindows: false, mixedFleet: false, reloadDepots: true, distanceLimits: true, seed: 163 },
  { withWindows: true, mixedFleet: true, reloadDepots: true, distanceLimits: true, seed: 167 },
])(
  'one changed trip priced in its chain (time windows: $withWindows, mixed fleet: $mixedFleet, reload depots: $reloadDepots, distance limits: $distanceLimits)',
  ({ withWindows, mixedFleet, reloadDepots, distanceLimits, seed }) => {
    it('equals the recomputed difference, neighbours meeting and reloads flipping included', () => {
      const random = new Random(seed);
      const penalties = { capacity: 3.5, timeWarp: 1.7, distance: 2.3 };
      let checked = 0;
      let emptiedBetween = 0;
      let middleChanged = 0;
      let reloadFlipped = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const n = 6 + random.nextInt(7);
        const problem: Problem = withReleaseTimes(random, (mixedFleet ? randomMixedFleetProblem : randomProblem)(random, n, withWindows));
        (mixedFleet ? withSomeReloads : withReloads)(problem);
        if (reloadDepots) withReloadDepots(random, withDepots(random, problem));
        if (distanceLimits) withDistanceLimits(random, problem);
        const data = buildHgsData(problem);
        const slots = data.maxRoutes;
        const onSlots = Array.from({ length: slots }, (_, i) => i);
        const state = new RouteState(data, slots);
        const seq = new Int32Array(n);
        const total = (routes: number[][]): number => referenceTripsCost(problem, routes, onSlots, data.vehicleFirstSlot, penalties);
        for (let sample = 0; sample < 20; sample++) {
          const routes = randomRoutes(random, n, slots);
          state.load(routes, penalties);
          const before = total(routes);
          for (let k = 0; k < slots; k++) {
            const vehicle = data.slotVehicle[k];
            const first = data.vehicleFirstSlot[vehicle];
            const end = data.vehicleFirstSlot[vehicle + 1];
            if (end - first < 2) continue;
            // Emptied, or a random part of its clients in random order.
            const trip = random.nextInt(3) === 0 ? [] : routes[k].filter(() => random.nextInt(4) > 0);
            random.shuffle(trip);
            seq.set(trip);
            const delta = state.replaceCost(state.startDepot(k), seq, trip.length, state.endDepot(k)) - state.routeCost[k];
            const changed = routes.map((route, i) => (i === k ? trip : route));
            expect(delta).toBeCloseTo(total(changed) - before, 6);
            checked++;
            let previous = k - 1;
            while (previous >= first && routes[previous].length === 0) previous--;
            let next = k + 1;
            while (next < end && routes[next].length === 0) next++;
            if (previous < first || next >= end) continue;
            if (trip.length === 0 && routes[k].length > 0) emptiedBetween++;
            if (trip.length > 0) middleChanged++;
            // The reloads around slot k, before and after the change (first and last client of each trip between them).
            const v = problem.vehicles[vehicle];
            if ((v.reloadLocations ?? []).length < 2) continue;
            const around = (trips: number[][]): number[] => {
              const kept = trips.slice(previous, next + 1).filter((t) => t.length > 0);
              return kept.slice(1).map((t, i) => referenceReload(problem, v, kept[i][kept[i].length - 1], t[0]));
            };
            const reloadsBefore = around(routes);
            const reloadsAfter = around(changed);
            if (reloadsBefore.length !== reloadsAfter.length ? reloadsAfter[0] !== reloadsBefore[0] : reloadsAfter.some((r, i) => r !== reloadsBefore[i])) reloadFlipped++;
          }
        }
      }
      // Not vacuous: many trips priced, and the delicate cases among them.
      expect(checked).toBeGreaterThan(100 * TRIALS);
      expect(emptiedBetween).toBeGreaterThan(5 * TRIALS);
      expect(middleChanged).toBeGreaterThan(6 * TRIALS);
      if (reloadDepots) expect(reloadFlipped).toBeGreaterThan(TRIALS);
    });
  },
);
