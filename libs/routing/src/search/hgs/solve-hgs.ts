import { GivenRoute, Problem, Solution, SolveOptions } from '../../model/problem';
import { nothingLeftToDrive } from '../given-routes';
import { HybridGeneticSearch } from './genetic';
import { buildHgsData, GRANULAR_NEIGHBOURS } from './hgs-data';
import { startingRoutes } from './starting-solution';
import { skillsAsCapacity, withOriginalDimensions } from './skills-as-capacity';
import { setUnservableJobsApart } from './unservable-jobs';
import { SubproblemHelpers } from './subproblem-helpers';
import { toSolution } from './to-solution';
import { jobsByWindow } from './window-groups';

/** Time limit used when the caller gives neither a time nor an iteration limit. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Runs HGS on the calling thread, with `helpers` (if any) solving decomposition parts beside it.
 * The problem must be validated and HGS-shaped. Jobs no vehicle can serve (skills, capacity, distance
 * limit) are left out (`setUnservableJobsApart`); the other skills ride as capacity dimensions (`skillsAsCapacity`) and
 * leave the returned loads. A job of several windows is one client per window (`jobsByWindow`).
 */
export function solveWithHgs(modelled: Problem, options: SolveOptions, helpers?: SubproblemHelpers): Solution {
  const apart = setUnservableJobsApart(modelled);
  if (apart.problem.jobs.length === 0) return apart.finish(nothingLeftToDrive(apart.problem));
  return apart.finish(solveServable(apart.problem, options, apart.givenRoutes, helpers));
}

function solveServable(original: Problem, options: SolveOptions, givenRoutes: (routes: GivenRoute[]) => GivenRoute[], helpers?: SubproblemHelpers): Solution {
  const problem = skillsAsCapacity(original);
  const { problem: byWindow, windowGroup } = jobsByWindow(problem);
  const data = buildHgsData(byWindow, GRANULAR_NEIGHBOURS, windowGroup);
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? DEFAULT_TIME_LIMIT_MS : undefined);
  const search = new HybridGeneticSearch(data, {
    seed: options.seed ?? 1,
    timeLimitMs,
    maxIterations: options.maxIterations,
    hierarchical: problem.objective === 'vehicles-then-distance',
    onProgress: options.onProgress,
    helpers,
    startingSolution: options.initialRoutes && startingRoutes(byWindow, data, givenRoutes(options.initialRoutes)),
    now: options.clock === 'cpu' && (options.threads ?? 1) <= 1 ? processCpuMs : undefined,
  });
  const result = search.run();
  // A job of several windows is timed against all of them, on the original problem.
  const jobRoutes = windowGroup ? result.best.routes.map((route) => route.map((c) => windowGroup[c])) : result.best.routes;
  const solution = toSolution(
    problem,
    jobRoutes,
    {
      iterations: result.iterations,
      runtimeMs: Math.round(result.runtimeMs),
      timeToBestMs: Math.round(result.timeToBestMs),
      trajectory: result.trajectory,
    },
    result.best.slots,
    data.vehicleFirstSlot,
    data.vehicleTripEnds,
  );
  return problem === original ? solution : withOriginalDimensions(original, solution);
}

/** CPU time of this process in milliseconds (user + system). */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
