import { unassignedCost } from '../../evaluation/cost-evaluator';
import { GivenRoute, Job, Problem, Solution, UnassignedReason, Vehicle } from '../../model/problem';

/** A problem without the jobs no vehicle can serve, and how to put them back into its solution. */
export interface UnservableJobsApart {
  problem: Problem;
  /** `initialRoutes` without visits to the jobs set apart. */
  givenRoutes(routes: GivenRoute[]): GivenRoute[];
  /** Adds the jobs set apart as unassigned with their reason: an optional one costs its penalty, a mandatory one makes the plan infeasible. */
  finish(solution: Solution): Solution;
}

/**
 * Sets apart the jobs no vehicle can serve whatever the rest of the plan: none has every skill the
 * job asks for, none with those skills holds its amount, or none with both reaches it and gets back
 * within its distance limit. ALNS leaves such jobs out with that reason; HGS would otherwise keep a
 * mandatory one on some route as excess load or distance it can never repair, and return a plan
 * whose routes break their limits instead of routes that keep them and the job left out.
 */
export function setUnservableJobsApart(problem: Problem): UnservableJobsApart {
  const apart = problem.jobs.flatMap((job) => {
    const reason = whyUnservable(problem, job);
    return reason === null ? [] : [{ job, reason }];
  });
  if (apart.length === 0) return { problem, givenRoutes: (routes) => routes, finish: (solution) => solution };
  const ids = new Set(apart.map(({ job }) => job.id));
  return {
    problem: { ...problem, jobs: problem.jobs.filter((job) => !ids.has(job.id)) },
    givenRoutes: (routes) => routes.map((route) => ({ ...route, visits: route.visits.filter((visit) => !('jobId' in visit && ids.has(visit.jobId))) })),
    finish: (solution) => ({
      ...solution,
      unassigned: [...solution.unassigned, ...apart.map(({ job, reason }) => ({ id: job.id, reason }))],
      cost: apart.reduce((total, { job }) => total + unassignedCost(job.unassignedPenaltyFen), solution.cost),
      feasible: solution.feasible && apart.every(({ job }) => job.unassignedPenaltyFen !== undefined),
    }),
  };
}

/** The first test every vehicle fails for the job (skills, then capacity, then distance), or null when some vehicle passes all three. */
function whyUnservable(problem: Problem, job: Job): UnassignedReason | null {
  const skilled = problem.vehicles.filter((vehicle) => (job.skills ?? []).every((skill) => (vehicle.skills ?? []).includes(skill)));
  if (skilled.length === 0) return 'skills';
  const holding = skilled.filter((vehicle) => job.amount.every((amount, k) => amount <= vehicle.capacity[k]!));
  if (holding.length === 0) return 'capacity';
  return holding.some((vehicle) => withinReach(problem, vehicle, job.location)) ? null : 'max_distance';
}

/** The vehicle can drive from its start to the location and on to its end (an open route ends there) within its distance limit. */
function withinReach(problem: Problem, vehicle: Vehicle, location: number): boolean {
  if (vehicle.maxDistanceM === undefined) return true;
  const matrix = problem.profiles[vehicle.profile]!;
  const metres = (from: number, to: number) => matrix.distanceM[from * matrix.size + to]!;
  const back = vehicle.endLocation === null ? metres(location, location) : metres(location, vehicle.endLocation);
  return metres(vehicle.startLocation, location) + back <= vehicle.maxDistanceM;
}
