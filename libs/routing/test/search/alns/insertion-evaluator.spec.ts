import { compileInstance, AlnsInstance, ROLE_SHIPMENT_DELIVERY, ROLE_SHIPMENT_PICKUP } from '../../../src/search/alns/alns-instance';
import { bestInsertion, noInsertion } from '../../../src/search/alns/insertion-evaluator';
import { RouteState } from '../../../src/search/alns/route-state';
import { TaskVisit, checkRoute } from '../../../src/search/alns/route-checker';
import { Random } from '../../../src/random';
import { job, problem, randomProblem, shipment, vehicle } from './tiny-problems';

function visitsOf(instance: AlnsInstance, stops: number[]): TaskVisit[] {
  const jobs = instance.problem.jobs.length;
  return stops.map((stop) => {
    const request = instance.stopRequest[stop];
    const role = instance.stopRole[stop];
    if (role === ROLE_SHIPMENT_PICKUP) return { kind: 'pickup', index: request - jobs };
    if (role === ROLE_SHIPMENT_DELIVERY) return { kind: 'delivery', index: request - jobs };
    return { kind: 'job', index: request };
  });
}

/** Random stop order over a random subset of requests, each shipment's pickup before its delivery. */
function randomRoute(instance: AlnsInstance, rng: Random): number[] {
  const stops: number[] = [];
  for (let r = 0; r < instance.requestCount; r++) {
    if (rng.nextFloat() >= 0.45) continue;
    stops.push(instance.requestFirstStop[r]);
    if (instance.requestIsShipment[r]) stops.push(instance.requestFirstStop[r] + 1);
  }
  rng.shuffle(stops);
  for (let i = 0; i < stops.length; i++) {
    if (instance.stopRole[stops[i]] !== ROLE_SHIPMENT_DELIVERY) continue;
    const j = stops.indexOf(stops[i] - 1);
    if (j > i) [stops[i], stops[j]] = [stops[j], stops[i]];
  }
  return stops;
}

/** Every way of inserting the request's stops into `stops`, with its distance increase, by the checker alone. */
function bruteForce(instance: AlnsInstance, v: number, stops: number[], request: number): { feasible: boolean; bestDeltaM: number } {
  const base = checkRoute(instance.problem, v, visitsOf(instance, stops)).route.distanceM;
  const first = instance.requestFirstStop[request];
  let best = Infinity;
  const tryStops = (candidate: number[]): void => {
    const checked = checkRoute(instance.problem, v, visitsOf(instance, candidate));
    if (checked.violations.length === 0) best = Math.min(best, checked.route.distanceM - (stops.length === 0 ? 0 : base));
  };
  for (let i = 0; i <= stops.length; i++) {
    if (!instance.requestIsShipment[request]) {
      tryStops([...stops.slice(0, i), first, ...stops.slice(i)]);
      continue;
    }
    for (let j = i; j <= stops.length; j++) {
      tryStops([...stops.slice(0, i), first, ...stops.slice(i, j), first + 1, ...stops.slice(j)]);
    }
  }
  return { feasible: best < Infinity, bestDeltaM: best };
}

describe('insertion evaluator (O(1) checks) against brute force with the independent checker', () => {
  it('agrees on feasibility and cost for random small routes', () => {
    let compared = 0;
    let feasibleInsertions = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const instance = compileInstance(randomProblem(seed));
      const rng = new Random(seed * 7919);
      for (let attempt = 0; attempt < 6; attempt++) {
        const v = rng.nextInt(instance.vehicleCount);
        const route = new RouteState(instance, v);
        route.stops = randomRoute(instance, rng);
        route.refresh();
        const checked = checkRoute(instance.problem, v, visitsOf(instance, route.stops));
        // The route's own feasibility flag must agree with the checker too.
        expect(route.feasible).toBe(checked.violations.length === 0);
        if (!route.feasible) continue;
        const inRoute = new Set(route.stops.map((stop) => instance.stopRequest[stop]));
        for (let request = 0; request < instance.requestCount; request++) {
          if (inRoute.has(request)) continue;
          const move = noInsertion();
          bestInsertion(route, request, move);
          const truth = bruteForce(instance, v, route.stops, request);
          expect(move.cost < Infinity).toBe(truth.feasible);
          if (truth.feasible) {
            expect(move.cost).toBe(truth.bestDeltaM);
            const copy = route.clone();
            copy.insertRequest(request, move.after, move.deliveryAfter);
            expect(checkRoute(instance.problem, v, visitsOf(instance, copy.stops)).violations).toEqual([]);
            feasibleInsertions++;
          }
          compared++;
        }
      }
    }
    // Guard against a generator that never produces anything worth comparing.
    expect(compared).toBeGreaterThan(200);
    expect(feasibleInsertions).toBeGreaterThan(50);
  });

  it('finds the cheapest slot for a job on a line and refuses a closed window', () => {
    // depot 0 at x=0, stops at x=10, 20, 30; route 0 -> 10 -> 30 -> 0.
    const p = problem(
      [
        [0, 0],
        [10, 0],
        [20, 0],
        [30, 0],
      ],
      {
        jobs: [job('a', 1), job('b', 3), job('c', 2), job('late', 2, { timeWindows: [{ startS: 0, endS: 5 }] })],
      },
    );
    const instance = compileInstance(p);
    const route = new RouteState(instance, 0);
    route.stops = [0, 1];
    route.refresh();
    const move = noInsertion();
    bestInsertion(route, 2, move);
    expect(move).toEqual({ cost: 0, after: 1, deliveryAfter: 1 });
    bestInsertion(route, 3, move);
    expect(move.cost).toBe(Infinity);
  });

  it('keeps a shipment within capacity between pickup and delivery', () => {
    // Capacity 2. A pickup job of 2 at x=10 fills the van to the end; the shipment (1 unit) fits only before it.
    const p = problem(
      [
        [0, 0],
        [10, 0],
        [5, 0],
        [8, 0],
      ],
      {
        vehicles: [vehicle({ capacity: [2] })],
        jobs: [job('full', 1, { kind: 'pickup', amount: [2] })],
        shipments: [shipment('s', 2, 3)],
      },
    );
    const instance = compileInstance(p);
    const route = new RouteState(instance, 0);
    route.stops = [0];
    route.refresh();
    const move = noInsertion();
    bestInsertion(route, 1, move);
    expect(move.after).toBe(0);
    expect(move.deliveryAfter).toBe(0);
    expect(move.cost).toBe(0);
  });
});
