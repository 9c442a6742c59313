import { VEHICLE_WEIGHT } from '../../../src/evaluation/cost-evaluator';
import { Objective, Problem, Solution, Vehicle } from '../../../src/model/problem';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { solve } from '../../../src/solve';
import { job, planeMatrices, vehicle } from '../alns/tiny-problems';

/**
 * Vehicles first (`vehicles-then-distance`) on what HGS serves beyond the plain VRPTW. Points in
 * the plane, 1 m per metre and 1 s per metre. Two depots 200 m apart, D0 (0,0) and D1 (200,0); A
 * (10,0) beside D0 and B (190,0) beside D1. Each depot's vehicle serving its neighbour drives
 * 10 + 10 m, 40 m in all with two vehicles; one vehicle serving both drives 10 + 180 + 190 = 380 m.
 */
const points: Array<[number, number]> = [
  [0, 0],
  [200, 0],
  [10, 0],
  [190, 0],
];
const D0 = 0;
const D1 = 1;

function twoDepots(objective: Objective, vehicles: Array<Partial<Vehicle>>, jobs = [job('A', 2), job('B', 3)]): Problem {
  return {
    name: 'vehicles-first',
    profiles: { plane: planeMatrices(points) },
    vehicles: vehicles.map((v, k) => vehicle({ id: `v${k}`, ...v })),
    jobs,
    shipments: [],
    objective,
  };
}

const atD0: Partial<Vehicle> = { startLocation: D0, endLocation: D0 };
const atD1: Partial<Vehicle> = { startLocation: D1, endLocation: D1 };

function solved(problem: Problem): Solution {
  expect(whyNotHgsShaped(problem)).toBeNull();
  const solution = solve(problem, { seed: 1, maxIterations: 60 });
  expect(solution.feasible).toBe(true);
  return solution;
}

const usedVehicles = (solution: Solution): number => solution.routes.filter((route) => route.steps.some((step) => step.type === 'job')).length;

describe('HGS under a vehicles-first objective', () => {
  it('two depots: one vehicle drives both clients (380 m) where the distance objective sends one from each depot (40 m)', () => {
    const byDistance = solved(twoDepots('distance', [atD0, atD1]));
    expect(usedVehicles(byDistance)).toBe(2);
    expect(byDistance.distanceM).toBe(40);
    const vehiclesFirst = solved(twoDepots('vehicles-then-distance', [atD0, atD1]));
    expect(usedVehicles(vehiclesFirst)).toBe(1);
    expect(vehiclesFirst.distanceM).toBe(380);
    // The cost evaluator's objective: one vehicle's weight plus its metres.
    expect(vehiclesFirst.cost).toBe(VEHICLE_WEIGHT + 380);
  });

  it('mixed fleet: the van alone on its slower roads (800 m) rather than the tricycle and the van (600 m)', () => {
    // One depot at (0,0), A at (100,0) and B at (-100,0). The tricycle carries one parcel on the
    // plane; the van carries two but drives roads twice as long. Both on the van: 2 x 400 = 800 m;
    // the tricycle to one (200 m) and the van to the other (400 m): 600 m.
    const line: Array<[number, number]> = [
      [0, 0],
      [100, 0],
      [-100, 0],
    ];
    const mixed = (objective: Objective): Problem => ({
      name: 'mixed fleet',
      profiles: { plane: planeMatrices(line), road: planeMatrices(line.map(([x, y]) => [2 * x, 2 * y])) },
      vehicles: [vehicle({ id: 'tricycle', capacity: [1] }), vehicle({ id: 'van', capacity: [2], profile: 'road' })],
      jobs: [job('A', 1), job('B', 2)],
      shipments: [],
      objective,
    });
    const byDistance = solved(mixed('distance'));
    expect(usedVehicles(byDistance)).toBe(2);
    expect(byDistance.distanceM).toBe(600);
    const vehiclesFirst = solved(mixed('vehicles-then-distance'));
    expect(vehiclesFirst.routes.filter((route) => route.distanceM > 0).map((route) => route.vehicleId)).toEqual(['van']);
    expect(vehiclesFirst.distanceM).toBe(800);
  });

  it('several trips: one vehicle reloads between both clients (20 + 380 m) rather than two vehicles (40 m); its trips count once', () => {
    // Capacity 1: serving both takes two trips. Counting trips, two vehicles of one trip each would tie with one of two.
    const reloading = (objective: Objective): Problem =>
      twoDepots(objective, [
        { ...atD0, capacity: [1], reloadLocations: [D0] },
        { ...atD1, capacity: [1], reloadLocations: [D1] },
      ]);
    const byDistance = solved(reloading('distance'));
    expect(usedVehicles(byDistance)).toBe(2);
    expect(byDistance.distanceM).toBe(40);
    const vehiclesFirst = solved(reloading('vehicles-then-distance'));
    expect(usedVehicles(vehiclesFirst)).toBe(1);
    expect(vehiclesFirst.routes.flatMap((route) => route.steps).filter((step) => step.type === 'reload')).toHaveLength(1);
    expect(vehiclesFirst.distanceM).toBe(400);
    expect(vehiclesFirst.cost).toBe(VEHICLE_WEIGHT + 400);
  });

  describe('optional clients, weighed as the cost evaluator does: a vehicle against the sum of the penalties', () => {
    const optionalB = (penaltyFen: number) => [job('A', 2), job('B', 3, { unassignedPenaltyFen: penaltyFen })];

    it('serves B by the one vehicle (380 m) when its penalty outweighs the detour (1,000 against 360 m)', () => {
      const byDistance = solved(twoDepots('distance', [atD0, atD1], optionalB(1000)));
      expect(usedVehicles(byDistance)).toBe(2);
      expect(byDistance.distanceM).toBe(40);
      const vehiclesFirst = solved(twoDepots('vehicles-then-distance', [atD0, atD1], optionalB(1000)));
      expect(usedVehicles(vehiclesFirst)).toBe(1);
      expect(vehiclesFirst.unassigned).toEqual([]);
      expect(vehiclesFirst.distanceM).toBe(380);
    });

    it('leaves B out (20 m + 100) rather than drive it (380 m) or use a second vehicle', () => {
      const vehiclesFirst = solved(twoDepots('vehicles-then-distance', [atD0, atD1], optionalB(100)));
      expect(usedVehicles(vehiclesFirst)).toBe(1);
      expect(vehiclesFirst.unassigned.map((task) => task.id)).toEqual(['B']);
      expect(vehiclesFirst.distanceM).toBe(20);
      expect(vehiclesFirst.cost).toBe(VEHICLE_WEIGHT + 20 + 100);
    });

    it('takes a second vehicle only for a client whose penalty is above a vehicle and its metres', () => {
      // Capacity 1: B needs a second vehicle (at D1, 20 m): VEHICLE_WEIGHT + 20 against B's penalty.
      const fleet = [
        { ...atD0, capacity: [1] },
        { ...atD1, capacity: [1] },
      ];
      const cheap = solved(twoDepots('vehicles-then-distance', fleet, optionalB(VEHICLE_WEIGHT + 19)));
      expect(usedVehicles(cheap)).toBe(1);
      expect(cheap.unassigned.map((task) => task.id)).toEqual(['B']);
      const dear = solved(twoDepots('vehicles-then-distance', fleet, optionalB(VEHICLE_WEIGHT + 21)));
      expect(usedVehicles(dear)).toBe(2);
      expect(dear.unassigned).toEqual([]);
      expect(dear.distanceM).toBe(40);
    });
  });

  it.each([
    [380, 1, 380],
    [379, 2, 40],
  ])('distance limits: under a %i m limit, %i vehicle(s) driving %i m (one while its 380 m fit the limit)', (maxDistanceM, vehicles, distanceM) => {
    const solution = solved(
      twoDepots('vehicles-then-distance', [
        { ...atD0, maxDistanceM },
        { ...atD1, maxDistanceM },
      ]),
    );
    expect(usedVehicles(solution)).toBe(vehicles);
    expect(solution.distanceM).toBe(distanceM);
  });

  it('distance limits on one depot: the limit, not the count, decides (120 m route within 120 m; 60 + 100 m within 110 m)', () => {
    // Depot (0,0), A (30,0), B (30,40): 0-A-B-0 is 30 + 40 + 50 = 120 m; apart, 60 + 100 m.
    const triangle = (maxDistanceM: number): Problem => ({
      name: 'triangle',
      profiles: {
        plane: planeMatrices([
          [0, 0],
          [30, 0],
          [30, 40],
        ]),
      },
      vehicles: [vehicle({ id: 'v0', maxDistanceM }), vehicle({ id: 'v1', maxDistanceM })],
      jobs: [job('A', 1), job('B', 2)],
      shipments: [],
      objective: 'vehicles-then-distance',
    });
    const within = solved(triangle(120));
    expect(usedVehicles(within)).toBe(1);
    expect(within.distanceM).toBe(120);
    const beyond = solved(triangle(110));
    expect(usedVehicles(beyond)).toBe(2);
    expect(beyond.distanceM).toBe(160);
  });
});
