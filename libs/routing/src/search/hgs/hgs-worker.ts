import { parentPort, workerData } from 'node:worker_threads';
import { Problem, SolveOptions } from '../../model/problem';
import { solveWithHgs } from './solve-hgs';

/** Worker-thread entry for parallel HGS: solves the problem it is given and posts the solution. */
const { problem, options } = workerData as { problem: Problem; options: SolveOptions };
parentPort?.postMessage(solveWithHgs(problem, options));
