import { Problem } from '../../model/problem';
import { skillsAsCapacity } from './skills-as-capacity';

/** True when HGS can solve the problem exactly as modelled (see `whyNotHgsShaped`). */
export function isHgsShaped(problem: Problem): boolean {
  return whyNotHgsShaped(problem) === null;
}

/**
 * The first reason HGS cannot solve the problem as modelled, or null when it can. HGS-shaped means:
 * every vehicle on a round trip from the same depot, with no distance cap (each may have its own
 * profile, capacity vector, fixed cost, costs per km and per hour, shift and maximum duration,
 * unless the objective counts vehicles first: then one vehicle type); no shipments; every job a
 * delivery or a pickup (in any order, or linehaul first when the problem asks),
 * mandatory or optional at a penalty (unless vehicles count first), with at most one time window.
 * Release times are honoured (a trip leaves after its last release). Several trips per vehicle
 * (reloading at the depot) are solved for the vehicles that reload, only at their depot, on any
 * such fleet (mixed, or only some vehicles reloading), with a cost or distance objective.
 * Skills are served as capacity dimensions (`skillsAsCapacity`), so vehicles that differ in the
 * skills jobs ask for make a mixed fleet.
 */
export function whyNotHgsShaped(modelled: Problem): string | null {
  const problem = skillsAsCapacity(modelled);
  if ((problem.shipments ?? []).length > 0) return 'shipments';
  if (problem.jobs.length === 0) return 'no jobs';
  const first = problem.vehicles[0];
  if (first.endLocation === null) return 'open routes';
  let mixed = false;
  for (const v of problem.vehicles) {
    if (v.maxDistanceM !== undefined) return 'route distance limits';
    if ((v.reloadLocations ?? []).some((location) => location !== v.startLocation)) return 'reloads away from the depot';
    if (v.startLocation !== first.startLocation || v.endLocation !== first.endLocation) return 'vehicles from different depots';
    if (
      v.capacity.some((c, k) => c !== first.capacity[k]) ||
      v.fixedCostFen !== first.fixedCostFen ||
      v.costPerKmFen !== first.costPerKmFen ||
      v.costPerHourFen !== first.costPerHourFen ||
      v.profile !== first.profile ||
      v.shift.startS !== first.shift.startS ||
      v.shift.endS !== first.shift.endS ||
      v.maxDurationS !== first.maxDurationS
    ) {
      mixed = true;
    }
  }
  if (mixed && problem.objective === 'vehicles-then-distance') return 'mixed fleet under a vehicles-first objective';
  const multiTrip = problem.vehicles.some((v) => (v.reloadLocations ?? []).length > 0);
  if (multiTrip && first.endLocation !== first.startLocation) return 'several trips per vehicle ending away from the depot';
  if (multiTrip && problem.objective === 'vehicles-then-distance') return 'several trips per vehicle under a vehicles-first objective';
  for (const job of problem.jobs) {
    if (job.unassignedPenaltyFen !== undefined && problem.objective === 'vehicles-then-distance') return 'optional jobs under a vehicles-first objective';
    if (job.timeWindows.length > 1) return 'several time windows';
  }
  return null;
}
