import { Worker } from 'node:worker_threads';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { startLibraryThread } from '../infra/threads/library-thread';
import { InvalidProblemError, Problem, Solution, SolveOptions, SolverInternalError } from '@rural-dispatch/routing';
import { SolverThreadReply, SolverThreadRequest } from './solver-thread-messages';

interface PendingSolve {
  resolve(solution: Solution): void;
  reject(error: Error): void;
}

/**
 * Runs planning solves on one worker thread per process, so a solve (up to the plan's time limit,
 * 600 s at most) never blocks the worker's event loop: BullMQ keeps renewing the planning job's
 * lock, and webhook deliveries and the outbox relay keep their timing. A worker thread rather than a
 * BullMQ sandboxed processor because only the solve is CPU-bound: the rest of a plan run (loading,
 * matrices, the write transaction) needs the process's database pool and services, which a sandboxed
 * child process would have to boot again for every job.
 *
 * One thread is enough: the planning processor runs one plan at a time and a plan's solves are
 * sequential; should more arrive, the thread takes them in order. The thread starts on first use
 * (API processes never start one), holds the process open only while a solve is pending, and is
 * replaced after a crash.
 */
@Injectable()
export class SolverThread implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, PendingSolve>();
  private nextId = 1;

  /** The planner's `SolveFunction`: the library's `solve`, on the thread. */
  readonly solve = (problem: Problem, options: SolveOptions): Promise<Solution> => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a callback cannot cross to the thread
    const { onProgress, ...plain } = options;
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Solution>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, problem, options: plain } satisfies SolverThreadRequest);
    });
  };

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failPending(new Error('the solver thread was stopped with the application'));
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startLibraryThread(__dirname, 'solver-thread.worker');
    worker.on('message', (reply: SolverThreadReply) => this.settle(reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the solver thread exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: SolverThreadReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('solution' in reply) pending.resolve(reply.solution);
    else pending.reject(rebuildError(reply.error));
  }

  /** A crashed thread (out of memory, a bug in the entry) fails what it held; the next solve starts a new one. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failPending(error);
  }

  private failPending(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** The solver's own error classes again, so callers tell bad input from a transient failure as with the in-thread `solve`. */
function rebuildError({ name, message, where }: { name: string; message: string; where?: string }): Error {
  if (name === 'InvalidProblemError') return Object.assign(new InvalidProblemError(message), where !== undefined ? { where } : {});
  if (name === 'SolverInternalError') return new SolverInternalError(message);
  if (name === 'RangeError') return new RangeError(message);
  return Object.assign(new Error(message), { name });
}
