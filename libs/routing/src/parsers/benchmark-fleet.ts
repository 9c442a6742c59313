import { TimeWindow, Vehicle } from '../model/problem';

/**
 * The fleet of a classic benchmark: `count` identical vehicles at the depot (location 0), one
 * capacity dimension, no money costs (the objective is distance, or vehicles then distance), one
 * Euclidean profile.
 */
export function benchmarkFleet(count: number, capacity: number, shift: TimeWindow): Vehicle[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `vehicle-${k + 1}`,
    startLocation: 0,
    endLocation: 0,
    capacity: [capacity],
    fixedCostFen: 0,
    costPerKmFen: 0,
    costPerHourFen: 0,
    profile: 'euclidean',
    shift: { ...shift },
  }));
}
