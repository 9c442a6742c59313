import { InvalidProblemError, Problem, Solution, SolveOptions } from './model/problem';
import { validateProblem } from './model/validate-problem';
import { nothingLeftToDrive, setGivenRoutesApart } from './search/given-routes';
import { isHgsShaped } from './search/hgs/hgs-shape';
import { solveWithHgs } from './search/hgs/solve-hgs';
import { solveWithHgsThreads } from './search/hgs/parallel';

/**
 * ALNS is loaded on first use: HGS-shaped problems (all benchmark CVRP/VRPTW runs and the worker
 * threads) never pay for loading it.
 */
function solveWithAlns(problem: Problem, options: SolveOptions): Solution {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const alns = require('./search/alns') as typeof import('./search/alns');
  return alns.solveWithAlns(problem, options);
}

/**
 * Solves on the calling thread: validates, sets locked routes apart (`setGivenRoutesApart`), then
 * runs Hybrid Genetic Search when what is left is "HGS-shaped" (`whyNotHgsShaped`) and
 * `options.engine` is not `alns`, else ALNS. `options.threads` is ignored here; see `solveAsync`.
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  validateProblem(problem);
  const open = setGivenRoutesApart(problem, options);
  return open.finish(solveOnThisThread(open.problem, open.options));
}

function solveOnThisThread(problem: Problem, options: SolveOptions): Solution {
  if (problem.vehicles.length === 0) return nothingLeftToDrive(problem);
  if (options.engine !== 'alns' && isHgsShaped(problem)) return solveWithHgs(problem, options);
  refuseWhatNoEngineSolves(problem);
  return solveWithAlns(problem, options);
}

/**
 * The model holds more than the engines solve yet (issue 14 brings them to HGS): rather than return
 * routes that silently ignore a constraint, refuse the problem and name the field.
 */
function refuseWhatNoEngineSolves(problem: Problem): void {
  const unsupported = 'is not solved by any engine yet';
  if (problem.linehaulBeforeBackhaul) throw new InvalidProblemError(unsupported, 'linehaulBeforeBackhaul');
  const reloading = problem.vehicles.findIndex((v) => (v.reloadLocations ?? []).length > 0);
  if (reloading >= 0) throw new InvalidProblemError(unsupported, `vehicles[${reloading}].reloadLocations`);
  const released = problem.jobs.findIndex((job) => (job.releaseS ?? 0) > 0);
  if (released >= 0) throw new InvalidProblemError(unsupported, `jobs[${released}].releaseS`);
}

/**
 * Like `solve`, but for HGS-shaped problems runs `options.threads` independent searches on worker
 * threads (ALNS problems run on the calling thread).
 */
export async function solveAsync(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  validateProblem(problem);
  const open = setGivenRoutesApart(problem, options);
  const threads = options.threads ?? 1;
  if (threads <= 1 || open.problem.vehicles.length === 0 || options.engine === 'alns' || !isHgsShaped(open.problem)) {
    return open.finish(solveOnThisThread(open.problem, open.options));
  }
  return open.finish(await solveWithHgsThreads(open.problem, open.options, threads));
}
