import { InvalidProblemError, Problem, Solution, SolveOptions } from './model/problem';
import { validateProblem } from './validate-problem';
import { hgsShapeProblem } from './hgs/hgs-shape';
import { solveWithHgs } from './hgs/solve-hgs';
import { solveWithHgsThreads } from './hgs/parallel';

type AlnsSolver = (problem: Problem, options: SolveOptions) => Solution;

/**
 * The ALNS module is written in parallel with this facade; it is loaded lazily so this file builds
 * before it exists. Without it, a problem HGS cannot take is refused with a clear message.
 */
function loadAlns(): AlnsSolver | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const alns = require('./alns') as { solveWithAlns?: AlnsSolver };
    return alns.solveWithAlns;
  } catch {
    return undefined;
  }
}

/**
 * Solves on the calling thread: validates, then Hybrid Genetic Search when the problem is
 * "HGS-shaped" (one profile, identical vehicles, mandatory single-window jobs, no shipments or
 * skills), else ALNS. `options.threads` is ignored here; see `solveAsync`.
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  validateProblem(problem);
  const reason = hgsShapeProblem(problem);
  if (reason === null) return solveWithHgs(problem, options);
  const alns = loadAlns();
  if (!alns) throw new InvalidProblemError(`this problem needs the ALNS solver (${reason}), which is not available`);
  return alns(problem, options);
}

/** Like `solve`, but runs `options.threads` independent HGS searches on worker threads. */
export async function solveAsync(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  const threads = options.threads ?? 1;
  if (threads <= 1) return solve(problem, options);
  validateProblem(problem);
  if (hgsShapeProblem(problem) !== null) return solve(problem, options);
  return solveWithHgsThreads(problem, options, threads);
}
