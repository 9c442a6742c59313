import { Problem, Solution } from '../../model/problem';

/**
 * HGS serves skills as extra capacity dimensions, so its load machinery (segments, penalties, the
 * final feasibility check) keeps jobs off vehicles that lack their skills without a rule of its own.
 * Skills held by the same vehicles share one dimension (each dimension slows every load check), and
 * a skill every vehicle has needs none. A job needing any skill of a dimension carries 1 in it, on
 * its own side (a pickup picks the unit up, so a route's load there never exceeds the number of such
 * jobs on it); a vehicle holding the dimension's skills holds every such job of the problem (never
 * binding), any other holds none (any such job on it is excess load). The skills fields stay, so
 * unassigned reasons can still name 'skills'. A problem needing no dimension is returned as is.
 */
export function skillsAsCapacity(problem: Problem): Problem {
  const holders = (skill: string): number[] => problem.vehicles.flatMap((vehicle, k) => ((vehicle.skills ?? []).includes(skill) ? [k] : []));
  // One dimension per set of holding vehicles (keyed by their indices): the vehicles, and the jobs needing one of its skills.
  const dimensions = new Map<string, { holding: Set<number>; jobs: Set<number> }>();
  problem.jobs.forEach((job, j) => {
    for (const skill of job.skills ?? []) {
      const holding = holders(skill);
      if (holding.length === problem.vehicles.length) continue;
      const key = holding.join(',');
      if (!dimensions.has(key)) dimensions.set(key, { holding: new Set(holding), jobs: new Set() });
      dimensions.get(key)!.jobs.add(j);
    }
  });
  if (dimensions.size === 0) return problem;
  const added = [...dimensions.keys()].sort().map((key) => dimensions.get(key)!);
  return {
    ...problem,
    vehicles: problem.vehicles.map((vehicle, k) => ({ ...vehicle, capacity: [...vehicle.capacity, ...added.map((d) => (d.holding.has(k) ? d.jobs.size : 0))] })),
    jobs: problem.jobs.map((job, j) => ({ ...job, amount: [...job.amount, ...added.map((d) => (d.jobs.has(j) ? 1 : 0))] })),
  };
}

/** `solution` (of `skillsAsCapacity(original)`) with its step loads cut back to the original dimensions. */
export function withOriginalDimensions(original: Problem, solution: Solution): Solution {
  const dims = original.vehicles[0]?.capacity.length ?? 0;
  return {
    ...solution,
    routes: solution.routes.map((route) => ({ ...route, steps: route.steps.map((step) => ({ ...step, load: step.load.slice(0, dims) })) })),
  };
}
