import { Problem } from '../../model/problem';

/** True when HGS can solve the problem exactly as modelled (see `whyNotHgsShaped`). */
export function isHgsShaped(problem: Problem): boolean {
  return whyNotHgsShaped(problem) === null;
}

/**
 * The first reason HGS cannot solve the problem as modelled, or null when it can. HGS-shaped means:
 * one profile, vehicles on a round trip from one depot with one shift and no duration/distance caps
 * (a mixed fleet may differ in capacity, fixed cost and cost per km, unless time is priced or the
 * objective counts vehicles first), no shipments, no skills, every job a delivery or, with linehaul before backhaul, a pickup (mandatory, or
 * optional at a penalty unless vehicles count first) with at most one time window, a single
 * capacity dimension. Release times are honoured (a route leaves after its last release).
 */
export function whyNotHgsShaped(problem: Problem): string | null {
  if (Object.keys(problem.profiles).length !== 1) return 'several profiles';
  if ((problem.shipments ?? []).length > 0) return 'shipments';
  if (problem.jobs.length === 0) return 'no jobs';
  const first = problem.vehicles[0];
  if (first.endLocation === null) return 'open routes';
  if (first.capacity.length !== 1) return 'multi-dimensional capacity';
  let mixed = false;
  for (const v of problem.vehicles) {
    if (v.skills && v.skills.length > 0) return 'vehicle skills';
    if (v.maxDurationS !== undefined || v.maxDistanceM !== undefined) return 'route duration or distance limits';
    if ((v.reloadLocations ?? []).length > 0) return 'several trips per vehicle';
    if (
      v.startLocation !== first.startLocation ||
      v.endLocation !== first.endLocation ||
      v.costPerHourFen !== first.costPerHourFen ||
      v.profile !== first.profile ||
      v.shift.startS !== first.shift.startS ||
      v.shift.endS !== first.shift.endS
    ) {
      return 'heterogeneous fleet';
    }
    // A mixed fleet of capacities, fixed costs and costs per km is priced per route slot.
    if (v.capacity[0] !== first.capacity[0] || v.fixedCostFen !== first.fixedCostFen || v.costPerKmFen !== first.costPerKmFen) mixed = true;
  }
  if (mixed && problem.objective === 'vehicles-then-distance') return 'mixed fleet under a vehicles-first objective';
  if (mixed && problem.objective === 'cost' && first.costPerHourFen !== 0) return 'mixed fleet priced per hour';
  for (const job of problem.jobs) {
    if (job.skills && job.skills.length > 0) return 'job skills';
    if (job.unassignedPenaltyFen !== undefined && problem.objective === 'vehicles-then-distance') return 'optional jobs under a vehicles-first objective';
    if (job.timeWindows.length > 1) return 'several time windows';
    // Pickups only as backhauls: with linehaul first the load peaks at either end of a route.
    if (job.kind !== 'delivery' && !problem.linehaulBeforeBackhaul) return 'pickup jobs without the linehaul-before-backhaul order';
  }
  return null;
}
