import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { Problem, Solution, SolveOptions } from '../../model/problem';
import { deriveSeed } from '../../random';
import { usesDecomposition } from './genetic';
import { solveWithHgs } from './solve-hgs';
import { SubproblemHelpers } from './subproblem-helpers';

/**
 * Uses `threads` threads for one solve, reproducibly under an iteration limit:
 * - instances large enough to be decomposed run one search whose decomposition parts are shared
 *   out to threads - 1 helper threads (parts are seeded before they are sent, so the result does
 *   not depend on the threads);
 * - smaller ones run `threads` independent searches with seeds derived from `options.seed`
 *   (search i uses deriveSeed(seed, i)); search 0 runs on the calling thread, the others on worker
 *   threads, and the best by (feasible, cost) wins, ties to the lower index. Progress events come
 *   from search 0 only.
 */
export async function solveWithHgsThreads(problem: Problem, options: SolveOptions, threads: number): Promise<Solution> {
  if (usesDecomposition(problem.jobs.length, problem.objective === 'vehicles-then-distance')) return solveWithHelpers(problem, options, threads - 1);
  const workerFile = join(__dirname, 'hgs-worker.js');
  if (!existsSync(workerFile)) return solveWithHgs(problem, options); // running from TypeScript sources
  const seed = options.seed ?? 1;
  const { onProgress, ...plain } = options;
  const workers = Array.from(
    { length: threads - 1 },
    (_, k) =>
      new Promise<Solution>((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: { problem, options: { ...plain, seed: deriveSeed(seed, k + 1) } } });
        worker.once('message', (solution: Solution) => resolve(solution));
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`HGS worker exited with ${code}`)));
      }),
  );
  // Let the workers start before this thread blocks on its own search.
  await new Promise((resolve) => setImmediate(resolve));
  const own = solveWithHgs(problem, { ...plain, onProgress, seed: deriveSeed(seed, 0) });
  const solutions = [own, ...(await Promise.all(workers))];
  let best = solutions[0];
  for (const s of solutions.slice(1)) {
    if ((s.feasible && !best.feasible) || (s.feasible === best.feasible && s.cost < best.cost)) best = s;
  }
  return best;
}

async function solveWithHelpers(problem: Problem, options: SolveOptions, count: number): Promise<Solution> {
  const helpers = SubproblemHelpers.start(count);
  // Let the helper threads start before this thread blocks on its search.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    return solveWithHgs(problem, options, helpers ?? undefined);
  } finally {
    await helpers?.stop();
  }
}
