import { InvalidProblemError, Problem, TimeWindow } from './problem';

/**
 * Checks a problem once, before any algorithm sees it; throws InvalidProblemError naming the field
 * (`jobs[3].timeWindows[0]`). After this the solver treats the problem as immutable and trusted.
 */
export function validateProblem(problem: Problem): void {
  const objectives = ['cost', 'distance', 'vehicles-then-distance'];
  if (!objectives.includes(problem.objective)) throw new InvalidProblemError(`must be one of ${objectives.join(', ')}`, 'objective');
  const profileNames = Object.keys(problem.profiles ?? {});
  if (profileNames.length === 0) throw new InvalidProblemError('at least one profile is required', 'profiles');
  for (const name of profileNames) {
    const m = problem.profiles[name];
    const field = `profiles.${name}`;
    if (!Number.isInteger(m.size) || m.size <= 0) throw new InvalidProblemError('must be a positive integer', `${field}.size`);
    if (m.distanceM.length !== m.size * m.size) throw new InvalidProblemError(`length must be size*size = ${m.size * m.size}`, `${field}.distanceM`);
    if (m.durationS.length !== m.size * m.size) throw new InvalidProblemError(`length must be size*size = ${m.size * m.size}`, `${field}.durationS`);
    for (let i = 0; i < m.distanceM.length; i++) {
      if (m.distanceM[i] < 0) throw new InvalidProblemError(`negative entry at ${i}`, `${field}.distanceM`);
      if (m.durationS[i] < 0) throw new InvalidProblemError(`negative entry at ${i}`, `${field}.durationS`);
    }
  }
  if (!problem.vehicles || problem.vehicles.length === 0) throw new InvalidProblemError('at least one vehicle is required', 'vehicles');
  const dimensions = problem.vehicles[0].capacity.length;
  const vehicleIds = new Set<string>();
  problem.vehicles.forEach((v, k) => {
    const field = `vehicles[${k}]`;
    if (vehicleIds.has(v.id)) throw new InvalidProblemError(`duplicate vehicle id "${v.id}"`, `${field}.id`);
    vehicleIds.add(v.id);
    const profile = problem.profiles[v.profile];
    if (!profile) throw new InvalidProblemError(`unknown profile "${v.profile}"`, `${field}.profile`);
    checkLocation(v.startLocation, profile.size, `${field}.startLocation`);
    if (v.endLocation !== null) checkLocation(v.endLocation, profile.size, `${field}.endLocation`);
    if (v.capacity.length !== dimensions) throw new InvalidProblemError(`must have ${dimensions} dimensions like vehicles[0]`, `${field}.capacity`);
    v.capacity.forEach((c, d) => checkNonNegativeInteger(c, `${field}.capacity[${d}]`));
    checkNonNegativeInteger(v.fixedCostFen, `${field}.fixedCostFen`);
    checkNonNegativeInteger(v.costPerKmFen, `${field}.costPerKmFen`);
    checkNonNegativeInteger(v.costPerHourFen, `${field}.costPerHourFen`);
    checkWindow(v.shift, `${field}.shift`);
    if (v.maxDurationS !== undefined) checkNonNegativeInteger(v.maxDurationS, `${field}.maxDurationS`);
    if (v.maxDistanceM !== undefined) checkNonNegativeInteger(v.maxDistanceM, `${field}.maxDistanceM`);
    (v.reloadLocations ?? []).forEach((location, r) => checkLocation(location, profile.size, `${field}.reloadLocations[${r}]`));
  });
  const depotClosesS = Math.max(...problem.vehicles.map((v) => v.shift.endS));
  const size = Math.min(...profileNames.map((n) => problem.profiles[n].size));
  const taskIds = new Set<string>();
  problem.jobs.forEach((job, k) => {
    const field = `jobs[${k}]`;
    if (taskIds.has(job.id)) throw new InvalidProblemError(`duplicate task id "${job.id}"`, `${field}.id`);
    taskIds.add(job.id);
    if (job.kind !== 'delivery' && job.kind !== 'pickup') throw new InvalidProblemError('must be "delivery" or "pickup"', `${field}.kind`);
    checkLocation(job.location, size, `${field}.location`);
    checkNonNegativeInteger(job.serviceS, `${field}.serviceS`);
    checkAmount(job.amount, dimensions, `${field}.amount`);
    checkWindows(job.timeWindows, `${field}.timeWindows`);
    if (job.unassignedPenaltyFen !== undefined) checkNonNegativeInteger(job.unassignedPenaltyFen, `${field}.unassignedPenaltyFen`);
    if (job.releaseS !== undefined) {
      checkNonNegativeInteger(job.releaseS, `${field}.releaseS`);
      // Released after every shift has ended, the job could never leave the depot.
      if (job.releaseS > depotClosesS) throw new InvalidProblemError(`release time ${job.releaseS} is after the last shift ends at ${depotClosesS}`, `${field}.releaseS`);
    }
  });
  (problem.shipments ?? []).forEach((s, k) => {
    const field = `shipments[${k}]`;
    if (taskIds.has(s.id)) throw new InvalidProblemError(`duplicate task id "${s.id}"`, `${field}.id`);
    taskIds.add(s.id);
    for (const end of ['pickup', 'delivery'] as const) {
      checkLocation(s[end].location, size, `${field}.${end}.location`);
      checkNonNegativeInteger(s[end].serviceS, `${field}.${end}.serviceS`);
      checkWindows(s[end].timeWindows, `${field}.${end}.timeWindows`);
    }
    checkAmount(s.amount, dimensions, `${field}.amount`);
  });
  if (problem.distanceScale !== undefined && !(problem.distanceScale > 0)) {
    throw new InvalidProblemError('must be positive', 'distanceScale');
  }
}

function checkLocation(location: number, size: number, field: string): void {
  if (!Number.isInteger(location) || location < 0 || location >= size) {
    throw new InvalidProblemError(`must be an index in [0, ${size})`, field);
  }
}

function checkNonNegativeInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw new InvalidProblemError(`must be a non-negative integer, got ${value}`, field);
}

function checkAmount(amount: number[], dimensions: number, field: string): void {
  if (!Array.isArray(amount) || amount.length !== dimensions) throw new InvalidProblemError(`must have ${dimensions} dimensions`, field);
  amount.forEach((a, d) => checkNonNegativeInteger(a, `${field}[${d}]`));
}

function checkWindow(window: TimeWindow, field: string): void {
  if (!window || !Number.isInteger(window.startS) || !Number.isInteger(window.endS) || window.endS < window.startS) {
    throw new InvalidProblemError('must be integer seconds with startS <= endS', field);
  }
}

function checkWindows(windows: TimeWindow[], field: string): void {
  if (!Array.isArray(windows)) throw new InvalidProblemError('must be an array', field);
  windows.forEach((w, i) => {
    checkWindow(w, `${field}[${i}]`);
    if (i > 0 && w.startS <= windows[i - 1].endS) throw new InvalidProblemError('must be sorted and non-overlapping', `${field}[${i}]`);
  });
}
