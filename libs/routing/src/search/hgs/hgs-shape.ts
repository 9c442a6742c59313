import { Problem } from '../../model/problem';

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
 * mandatory or optional at a penalty, with any number of time windows.
 * Release times are honoured (a trip leaves after its last release). Several trips per vehicle
 * are solved for the vehicles that reload, at any of their reload locations (between two trips,
 * the one of cheapest detour: trip-ends.ts), from their start to their end location or open, on
 * any fleet (mixed, or only some vehicles reloading); a reloading vehicle's distance cap bounds its
 * whole day. Every objective is served on all of these: vehicles first counts the vehicles used,
 * whatever their type and however many trips each makes.
 * Skills are served as capacity dimensions (`skillsAsCapacity`), so vehicles that differ in the
 * skills jobs ask for make a mixed fleet.
 */
export function whyNotHgsShaped(problem: Problem): string | null {
  if ((problem.shipments ?? []).length > 0) return 'shipments';
  if (problem.jobs.length === 0) return 'no jobs';
  return null;
}
