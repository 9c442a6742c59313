import { Problem, Solution, SolveOptions } from '../../model/problem';
import { HybridGeneticSearch } from './genetic';
import { buildHgsData } from './hgs-data';
import { startingRoutes } from './starting-solution';
import { SubproblemHelpers } from './subproblem-helpers';
import { toSolution } from './to-solution';

/** Time limit used when the caller gives neither a time nor an iteration limit. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Runs HGS on the calling thread, with `helpers` (if any) solving decomposition parts beside it.
 * The problem must be validated and HGS-shaped.
 */
export function solveWithHgs(problem: Problem, options: SolveOptions, helpers?: SubproblemHelpers): Solution {
  const data = buildHgsData(problem);
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? DEFAULT_TIME_LIMIT_MS : undefined);
  const search = new HybridGeneticSearch(data, {
    seed: options.seed ?? 1,
    timeLimitMs,
    maxIterations: options.maxIterations,
    hierarchical: problem.objective === 'vehicles-then-distance',
    onProgress: options.onProgress,
    helpers,
    startingSolution: options.initialRoutes && startingRoutes(problem, data, options.initialRoutes),
    now: options.clock === 'cpu' && (options.threads ?? 1) <= 1 ? processCpuMs : undefined,
  });
  const result = search.run();
  return toSolution(
    problem,
    result.best.routes,
    {
      iterations: result.iterations,
      runtimeMs: Math.round(result.runtimeMs),
      timeToBestMs: Math.round(result.timeToBestMs),
      trajectory: result.trajectory,
    },
    result.best.slots,
    data.vehicleFirstSlot,
  );
}

/** CPU time of this process in milliseconds (user + system). */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
