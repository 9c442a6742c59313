import { Worker } from 'node:worker_threads';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { LonLat, RoadGraph, RoadMatrix, VehicleClass } from '@rural-dispatch/routing';
import { DomainError } from '../../infra/errors/domain-error';
import { startLibraryThread } from '../../infra/threads/library-thread';
import { GRAPHS_KEPT_IN_THREAD, MatrixThreadReply, MatrixThreadRequest } from './matrix-thread-messages';

/** Matrices waiting for the thread, per process; past this the caller is told to retry, so a burst of large requests cannot pile up memory. */
const MAX_WAITING = 4;

/**
 * Large road-network matrices on one worker thread per process: a 2,000-node matrix once held the
 * API's event loop (and /health) for 3.7 s. One thread computes one matrix at a time, which also
 * bounds the memory of concurrent large requests. It starts on first use and is replaced after a crash.
 */
@Injectable()
export class MatrixThread implements OnModuleDestroy {
  private worker: Worker | null = null;
  /** The graphs the thread holds, in its own first-in-first-out order. */
  private graphsInThread: string[] = [];
  private readonly pending = new Map<number, { resolve(matrix: RoadMatrix): void; reject(error: Error): void }>();
  private nextId = 1;

  compute(graphKey: string, graph: RoadGraph, points: LonLat[], vehicleClass: VehicleClass, anchorPointIndex: number | undefined): Promise<RoadMatrix> {
    if (this.pending.size >= MAX_WAITING) {
      return Promise.reject(new DomainError('unavailable', `${MAX_WAITING} large travel matrices are being computed by this process; retry shortly`));
    }
    const worker = this.started();
    const request: MatrixThreadRequest = { id: this.nextId++, graphKey, points, vehicleClass, anchorPointIndex };
    if (!this.graphsInThread.includes(graphKey)) {
      request.graph = graph;
      this.graphsInThread.push(graphKey);
      if (this.graphsInThread.length > GRAPHS_KEPT_IN_THREAD) this.graphsInThread.shift();
    }
    return new Promise<RoadMatrix>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.ref();
      worker.postMessage(request);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.reset(new Error('the matrix thread was stopped with the application'));
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startLibraryThread(__dirname, 'matrix-thread.worker');
    worker.on('message', (reply: MatrixThreadReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('matrix' in reply) waiting.resolve(reply.matrix);
      else waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    const lost = (error: Error) => this.worker === worker && this.reset(error);
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the matrix thread exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** A crashed or stopped thread fails what it held; the next request starts a new one, which holds no graph. */
  private reset(error: Error): void {
    this.worker = null;
    this.graphsInThread = [];
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
