import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Subproblem, SubproblemOutcome } from './decomposition';
import { HgsParams } from './params';
import { Penalties } from './segment';

/** What a helper thread needs to solve one part. */
export interface SubproblemRequest {
  part: Subproblem;
  params: HgsParams;
  penalties: Penalties;
  maxIterations: number;
  /** Time left in the whole solve when the request was made. */
  remainingMs?: number;
  /**
   * When the request was made, in epoch milliseconds (a clock all threads share): a helper may
   * start a part late, after the parts queued before it, and must deduct the wait.
   */
  madeAtEpochMs?: number;
}

/** Milliseconds since the epoch, with sub-millisecond resolution, comparable across threads. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  /** Results posted and not yet taken, counted in shared memory so the solving thread can block on it. */
  ready: Int32Array;
}

/**
 * Worker threads that solve decomposition parts while the calling thread solves its own share.
 * The genetic loop is synchronous, so results are taken with `receiveMessageOnPort` after
 * blocking on a shared counter (Atomics.wait) rather than through events.
 */
export class SubproblemHelpers {
  private readonly helpers: Helper[] = [];

  /** Null when the compiled worker script is missing (running from TypeScript sources). */
  static start(count: number, file = join(__dirname, 'subproblem-worker.js')): SubproblemHelpers | null {
    if (count <= 0 || !existsSync(file)) return null;
    return new SubproblemHelpers(file, count);
  }

  private constructor(file: string, count: number) {
    for (let k = 0; k < count; k++) {
      const { port1, port2 } = new MessageChannel();
      const ready = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(file, { workerData: { port: port2, ready }, transferList: [port2] });
      worker.unref();
      this.helpers.push({ worker, port: port1, ready });
    }
  }

  get count(): number {
    return this.helpers.length;
  }

  send(helper: number, request: SubproblemRequest): void {
    this.helpers[helper].port.postMessage(request);
  }

  /** Blocks until helper `helper` has a result and returns it (results come back in send order). */
  receive(helper: number): SubproblemOutcome | null {
    const { port, ready } = this.helpers[helper];
    for (;;) {
      if (Atomics.load(ready, 0) > 0) {
        const message = receiveMessageOnPort(port);
        if (message !== undefined) {
          Atomics.sub(ready, 0, 1);
          return message.message as SubproblemOutcome | null;
        }
      }
      Atomics.wait(ready, 0, 0, 50);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.worker.terminate()));
  }
}
