import { Problem } from '../../model/problem';
import { skillsAsCapacity } from './skills-as-capacity';

/** True when HGS can solve the problem exactly as modelled (see `whyNotHgsShaped`). */
export function isHgsShaped(problem: Problem): boolean {
  return whyNotHgsShaped(problem) === null;
}

/**
 * The first reason HGS cannot solve the problem as modelled, or null when it can. HGS-shaped means:
 * each vehicle from its own start to its own end location (several depots), or ending at its last
 * visit (an open route), with or without a distance cap (each may have its own profile, capacity
 * vector, fixed cost, costs per km and per hour, shift, maximum duration and distance, unless the
 * objective counts vehicles first: then one vehicle type from one depot, and no distance cap); no
 * shipments; every job a delivery or a pickup (in any order, or linehaul first when the problem asks),
 * mandatory or optional at a penalty (unless vehicles count first), with any number of time windows
 * (several only unless vehicles count first: the route minimiser routes every client).
 * Release times are honoured (a trip leaves after its last release). Several trips per vehicle
 * are solved for the vehicles that reload, at any of their reload locations (between two trips,
 * the one of cheapest detour: trip-ends.ts), from their start to their end location or open, on
 * any fleet (mixed, or only some vehicles reloading), with a cost or distance objective; a
 * reloading vehicle's distance cap bounds its whole day.
 * Skills are served as capacity dimensions (`skillsAsCapacity`), so vehicles that differ in the
 * skills jobs ask for make a mixed fleet.
 */
export function whyNotHgsShaped(modelled: Problem): string | null {
  const problem = skillsAsCapacity(modelled);
  if ((problem.shipments ?? []).length > 0) return 'shipments';
  if (problem.jobs.length === 0) return 'no jobs';
  const first = problem.vehicles[0];
  const vehiclesFirst = problem.objective === 'vehicles-then-distance';
  let mixed = false;
  let multiTrip = false;
  for (const v of problem.vehicles) {
    const reloads = v.reloadLocations ?? [];
    if (v.maxDistanceM !== undefined && vehiclesFirst) return 'route distance limits under a vehicles-first objective';
    multiTrip ||= reloads.length > 0;
    if (
      v.capacity.some((c, k) => c !== first.capacity[k]) ||
      v.fixedCostFen !== first.fixedCostFen ||
      v.costPerKmFen !== first.costPerKmFen ||
      v.costPerHourFen !== first.costPerHourFen ||
      v.profile !== first.profile ||
      v.shift.startS !== first.shift.startS ||
      v.shift.endS !== first.shift.endS ||
      v.maxDurationS !== first.maxDurationS ||
      v.startLocation !== first.startLocation ||
      v.endLocation !== first.endLocation
    ) {
      mixed = true;
    }
  }
  if (mixed && vehiclesFirst) return 'mixed fleet under a vehicles-first objective';
  if (multiTrip && vehiclesFirst) return 'several trips per vehicle under a vehicles-first objective';
  for (const job of problem.jobs) {
    if (job.unassignedPenaltyFen !== undefined && vehiclesFirst) return 'optional jobs under a vehicles-first objective';
    if (job.timeWindows.length > 1 && vehiclesFirst) return 'several time windows under a vehicles-first objective';
  }
  return null;
}
