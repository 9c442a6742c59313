import { Problem, UnassignedReason, Vehicle } from '../../model/problem';
import { bindingReason } from '../binding-reason';

/**
 * Why job `index` is left out, as ALNS reports it: 'skills' when no vehicle has all its skills;
 * tried alone on every vehicle that has them, 'not_profitable' (optional) or 'no_vehicle'
 * (mandatory) when one could serve it alone, else the constraint that fails for most of them.
 */
export function unassignedReason(problem: Problem, index: number): UnassignedReason {
  const needs = problem.jobs[index].skills ?? [];
  const able = problem.vehicles.filter((vehicle) => needs.every((skill) => (vehicle.skills ?? []).includes(skill)));
  if (able.length === 0) return 'skills';
  const counts = new Map<UnassignedReason, number>();
  for (const vehicle of able) {
    const reason = aloneViolation(problem, vehicle, index);
    if (reason === null) return problem.jobs[index].unassignedPenaltyFen === undefined ? 'no_vehicle' : 'not_profitable';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return bindingReason(counts);
}

/** The first constraint a route of `vehicle` serving only the job breaks, or null; in the window that breaks least (none when one fits). */
function aloneViolation(problem: Problem, vehicle: Vehicle, index: number): UnassignedReason | null {
  const job = problem.jobs[index];
  if (job.amount.some((amount, k) => amount > vehicle.capacity[k])) return 'capacity';
  const m = problem.profiles[vehicle.profile];
  const out = m.durationS[vehicle.startLocation * m.size + job.location];
  const back = m.durationS[job.location * m.size + (vehicle.endLocation ?? job.location)];
  const windows = job.timeWindows.length > 0 ? job.timeWindows : [{ startS: -Infinity, endS: Infinity }];
  let reason: UnassignedReason | null = 'time_window';
  for (const window of windows) {
    // Leave as late as the window allows, never before the shift or the parcel's release.
    const departureS = Math.max(vehicle.shift.startS, job.releaseS ?? 0, window.startS - out);
    const startS = Math.max(departureS + out, window.startS);
    if (departureS > vehicle.shift.endS || startS > window.endS) continue;
    const endS = startS + job.serviceS + back;
    if (endS > vehicle.shift.endS) continue;
    if (vehicle.maxDurationS === undefined || endS - departureS <= vehicle.maxDurationS) return null;
    reason = 'max_duration';
  }
  return reason;
}
