import type { Problem, Solution, SolveOptions } from '@rural-dispatch/routing';

/** One solve posted to the solver thread: plain data (typed arrays survive the structured clone), no callbacks. */
export interface SolverThreadRequest {
  id: number;
  problem: Problem;
  options: Omit<SolveOptions, 'onProgress'>;
}

/** The solver thread's answer to request `id`: the solution, or what the thrown error said (classes do not cross threads). */
export type SolverThreadReply = { id: number; solution: Solution } | { id: number; error: { name: string; message: string; where?: string } };
