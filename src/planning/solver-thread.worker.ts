import { parentPort } from 'node:worker_threads';
import { solve } from '@rural-dispatch/routing';
import { SolverThreadReply, SolverThreadRequest } from './solver-thread-messages';

/**
 * The solver thread's entry: solves each posted problem with the library's synchronous `solve` and
 * posts the solution (or the error's name and message) back. It blocks only this thread, so the
 * worker's event loop keeps renewing job locks, delivering webhooks and relaying the outbox.
 */
parentPort!.on('message', ({ id, problem, options }: SolverThreadRequest) => {
  let reply: SolverThreadReply;
  try {
    reply = { id, solution: solve(problem, options) };
  } catch (error) {
    const { name, message, where } = error instanceof Error ? (error as Error & { where?: string }) : { name: 'Error', message: String(error), where: undefined };
    reply = { id, error: { name, message, ...(where !== undefined ? { where } : {}) } };
  }
  parentPort!.postMessage(reply);
});
