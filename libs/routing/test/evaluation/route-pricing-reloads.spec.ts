import { priceRoutes, GivenRoute } from '../../src/evaluation/route-pricing';
import { Problem } from '../../src/model/problem';
import { buildHgsData } from '../../src/search/hgs/hgs-data';
import { whyNotHgsShaped } from '../../src/search/hgs/hgs-shape';
import { RouteState } from '../../src/search/hgs/route-state';
import { job, problem, shipment, vehicle } from '../search/alns/tiny-problems';
import { errorOf } from '../support/invalid-problem';

/** A depot at 0 and stops 10 m apart along a line; 1 m a second. */
const line: Array<[number, number]> = [
  [0, 0],
  [10, 0],
  [20, 0],
  [30, 0],
];

/**
 * One van (capacity 5, 7 fen a day, 1 fen a metre, 1 fen a second) that may reload at the depot:
 * `a` (3 units, 5 s of service) is ready at once; `b` (4 units) reaches the depot at 100 and must be
 * served in [130, 200]. Together they overload the van: two trips.
 */
function twoTrips(parts: Partial<Problem> = {}): Problem {
  return problem(line, {
    objective: 'cost',
    vehicles: [vehicle({ capacity: [5], fixedCostFen: 7, costPerKmFen: 1000, costPerHourFen: 3600, shift: { startS: 0, endS: 1000 }, reloadLocations: [0] })],
    jobs: [job('a', 1, { amount: [3], serviceS: 5 }), job('b', 2, { amount: [4], releaseS: 100, timeWindows: [{ startS: 130, endS: 200 }] })],
    ...parts,
  });
}

const aThenB: GivenRoute = { vehicleId: 'v1', visits: [{ jobId: 'a' }, { reloadLocation: 0 }, { jobId: 'b' }] };

describe('priceRoutes: routes with reloads (several trips of one vehicle)', () => {
  it('prices a two-trip day as HGS chains trips: each trip after its releases, the first as late as the day allows (hand-checked)', () => {
    const priced = priceRoutes(twoTrips(), [aThenB]);
    expect(priced.routes[0]!.violations).toEqual([]);
    const { route } = priced.routes[0]!;
    // Leaving at 0, the van is back from a at 25 and waits for b's goods until 100, then waits at b
    // from 120 to 130: 85 s of waiting, none of which delays a window's end (b's slack: 85 + 200 - 130).
    // So trip 1 leaves at 85: a at 95 (service to 100), back at 110 (b was released at 100), b at
    // 130 on the dot, back at 150. Distance 10 + 10 + 20 + 20 = 60 m, duration 150 - 85 = 65 s.
    expect(route.steps.map((step) => [step.type, step.id ?? null, step.location, step.arrivalS, step.serviceStartS, step.departureS, step.load])).toEqual([
      ['start', null, 0, 85, 85, 85, [3]],
      ['job', 'a', 1, 95, 95, 100, [0]],
      ['reload', null, 0, 110, 110, 110, [4]],
      ['job', 'b', 2, 130, 130, 130, [0]],
      ['end', null, 0, 150, 150, 150, [0]],
    ]);
    // The fixed cost once for the day: 7 + 60 x 1 + 65 x 1.
    expect([route.distanceM, route.durationS, route.costFen]).toEqual([60, 65, 132]);
    expect([priced.cost, priced.feasible]).toEqual([132, true]);
  });

  it('costs what the search itself prices for the two trips (its chain of trips)', () => {
    const p = twoTrips();
    expect(whyNotHgsShaped(p)).toBeNull();
    const data = buildHgsData(p);
    const state = new RouteState(data, data.maxRoutes);
    state.load([[1], [2]], { capacity: 1, timeWarp: 1, distance: 1 }, [0, 1]);
    expect(state.totalPenalisedCost()).toBe(132);
  });

  it('b first, then a: the second trip leaves when the van is back, and the first one waits at the depot for b', () => {
    const { route, violations } = priceRoutes(twoTrips(), [{ vehicleId: 'v1', visits: [{ jobId: 'b' }, { reloadLocation: 0 }, { jobId: 'a' }] }]).routes[0]!;
    expect(violations).toEqual([]);
    // b's trip leaves at 110 (reaching b at 130 when its window opens), back at 150; a's trip at 150, back at 175.
    expect(route.steps.map((step) => [step.type, step.arrivalS, step.departureS])).toEqual([
      ['start', 110, 110],
      ['job', 130, 130],
      ['reload', 150, 150],
      ['job', 160, 165],
      ['end', 175, 175],
    ]);
    expect([route.durationS, route.costFen]).toEqual([65, 132]);
  });

  it('applies capacity per trip, naming the trip, and the shift and duration limits to the whole day', () => {
    const p = twoTrips();
    p.vehicles[0] = { ...p.vehicles[0], shift: { startS: 0, endS: 140 }, maxDurationS: 60 };
    p.jobs[1].amount = [6];
    const { violations } = priceRoutes(p, [aThenB]).routes[0]!;
    expect(violations).toEqual([
      { rule: 'capacity', dimension: 0, at: null, load: 6, capacity: 5, trip: 1 },
      { rule: 'shift', endS: 150, shiftEndS: 140 },
      { rule: 'max_duration', durationS: 65, maxDurationS: 60 },
    ]);
    // On one trip, a and b overload the van from the start: reported without a trip, as on any single trip.
    const oneTrip = priceRoutes(p, [{ vehicleId: 'v1', visits: [{ jobId: 'a' }, { jobId: 'b' }] }]).routes[0]!;
    expect(oneTrip.violations[0]).toEqual({ rule: 'capacity', dimension: 0, at: null, load: 9, capacity: 5 });
  });

  it('a release after a window closes shows at that window, and a trip released too late for the shift at the shift', () => {
    const p = twoTrips();
    p.jobs[1].releaseS = 190;
    p.jobs[0].releaseS = 990;
    const { violations } = priceRoutes(p, [{ vehicleId: 'v1', visits: [{ jobId: 'b' }, { reloadLocation: 0 }, { jobId: 'a' }] }]).routes[0]!;
    // b's trip leaves at 190 and reaches b at 210 (due by 200); a's trip waits for 990, back at 990 + 10 + 5 + 10.
    expect(violations).toEqual([
      { rule: 'time_window', at: 'b', arrivalS: 210, latestStartS: 200 },
      { rule: 'shift', endS: 1015, shiftEndS: 1000 },
    ]);
  });

  it('a reload unloads everything: a shipment picked up must be delivered on the same trip, and each trip is linehaul first', () => {
    const p = twoTrips({ shipments: [shipment('s', 1, 3)], linehaulBeforeBackhaul: true });
    p.jobs[0].kind = 'pickup';
    const split = priceRoutes(p, [
      { vehicleId: 'v1', visits: [{ shipmentId: 's', end: 'pickup' }, { jobId: 'b' }, { reloadLocation: 0 }, { shipmentId: 's', end: 'delivery' }, { jobId: 'a' }] },
    ]).routes[0]!;
    expect(split.violations.filter((violation) => violation.rule !== 'time_window')).toEqual([
      { rule: 'pickup_before_delivery', at: 's' },
      { rule: 'pickup_before_delivery', at: 's' },
    ]);
    // The pickup a opens trip 2: a backhaul first on its trip, though trip 1 had a delivery.
    const backhaulFirst = priceRoutes(p, [{ vehicleId: 'v1', visits: [{ jobId: 'b' }, { reloadLocation: 0 }, { jobId: 'a' }] }]).routes[0]!;
    expect(backhaulFirst.violations).toEqual([{ rule: 'linehaul_before_backhaul', at: 'a' }]);
  });

  it('refuses a reload the vehicle cannot make, naming the visit', () => {
    const p = twoTrips({ jobs: [job('a', 1), job('b', 2), job('c', 3)] });
    p.vehicles.push(vehicle({ id: 'single' }));
    const where = (visits: GivenRoute['visits'], vehicleId = 'v1') => errorOf(() => priceRoutes(p, [{ vehicleId, visits }]));
    const notReloading = where([{ jobId: 'a' }, { reloadLocation: 0 }, { jobId: 'b' }], 'single');
    expect([notReloading.where, notReloading.message]).toEqual(['routes[0].visits[1]', 'routes[0].visits[1]: vehicle "single" may not reload (it has no reloadLocations)']);
    expect(where([{ jobId: 'a' }, { reloadLocation: 3 }, { jobId: 'b' }]).where).toBe('routes[0].visits[1]');
    expect(where([{ reloadLocation: 0 }, { jobId: 'a' }]).where).toBe('routes[0].visits[0]');
    expect(where([{ jobId: 'a' }, { reloadLocation: 0 }]).where).toBe('routes[0].visits[1]');
    expect(where([{ jobId: 'a' }, { reloadLocation: 0 }, { reloadLocation: 0 }, { jobId: 'b' }]).where).toBe('routes[0].visits[2]');
    expect(where([{ jobId: 'a' }, { reloadLocation: 0 }, { jobId: 'a' }]).where).toBe('routes[0].visits[2]');
  });
});
