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
 * vector, fixed cost, costs per km and per hour, shift, maximum duration and distance); no
 * shipments; every job a delivery or a pickup (in any order, or linehaul first when the problem asks),
 * mandatory or optional at a penalty, with at most one time window.
 * Release times are honoured (a trip leaves after its last release). Several trips per vehicle
 * (reloading at the depot) are solved for the vehicles that reload, only at their start and when
 * they end there, on any such fleet (mixed, or only some vehicles reloading); a reloading vehicle's
 * distance cap bounds its whole day. Every objective is served on all of these: vehicles first
 * counts the vehicles used, whatever their type and however many trips each makes.
 * Skills are served as capacity dimensions (`skillsAsCapacity`), so vehicles that differ in the
 * skills jobs ask for make a mixed fleet.
 */
export function whyNotHgsShaped(modelled: Problem): string | null {
  const problem = skillsAsCapacity(modelled);
  if ((problem.shipments ?? []).length > 0) return 'shipments';
  if (problem.jobs.length === 0) return 'no jobs';
  for (const v of problem.vehicles) {
    const reloads = v.reloadLocations ?? [];
    if (reloads.some((location) => location !== v.startLocation)) return 'reloads away from the depot';
    if (reloads.length > 0 && v.endLocation !== v.startLocation) return 'several trips per vehicle ending away from the depot';
  }
  for (const job of problem.jobs) {
    if (job.timeWindows.length > 1) return 'several time windows';
  }
  return null;
}
