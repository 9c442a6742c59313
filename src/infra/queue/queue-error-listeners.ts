import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, QueueEvents, Worker } from 'bullmq';

/** One log line per queue or worker per window: a Redis outage reports an error for every reconnect attempt. */
const LOG_WINDOW_MS = 10_000;

type BullEmitter = Queue | Worker | QueueEvents;

/**
 * An 'error' event with no listener throws in the process (EventEmitter's rule), and BullMQ's queues,
 * workers and queue-event listeners emit one for every Redis blip: without this, a Redis restart
 * kills the API or the worker. Every queue (BullModule.registerQueue) and every worker (a WorkerHost
 * processor) of the process gets one listener here, which logs and lets BullMQ reconnect by itself.
 *
 * Queues exist once the providers are built (attached at module init); workers are created by
 * @nestjs/bullmq in its own onModuleInit, so they are attached again at application bootstrap.
 */
@Injectable()
export class QueueErrorListeners implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(QueueErrorListeners.name);
  private readonly attached = new WeakSet<BullEmitter>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.attachAll();
  }

  onApplicationBootstrap(): void {
    this.attachAll();
  }

  /** How many emitters carry the listener (for the tests). */
  count(): number {
    return this.emitters().filter((emitter) => this.attached.has(emitter)).length;
  }

  private attachAll(): void {
    for (const emitter of this.emitters()) this.attach(emitter);
  }

  private emitters(): BullEmitter[] {
    const found: BullEmitter[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.isDependencyTreeStatic() ? wrapper.instance : undefined;
      if (instance instanceof Queue || instance instanceof QueueEvents) found.push(instance);
      // A WorkerHost's worker exists only once @nestjs/bullmq registered it (reading it earlier throws).
      else if (instance instanceof WorkerHost) {
        const worker = workerOf(instance);
        if (worker) found.push(worker);
      }
    }
    return found;
  }

  private attach(emitter: BullEmitter): void {
    if (this.attached.has(emitter)) return;
    this.attached.add(emitter);
    const kind = emitter instanceof Worker ? 'worker' : emitter instanceof Queue ? 'queue' : 'queue-events';
    let windowStartMs = 0;
    let suppressed = 0;
    // The three classes type their listeners apart; each is a plain EventEmitter for 'error'.
    (emitter as unknown as NodeJS.EventEmitter).on('error', (error: Error) => {
      const now = Date.now();
      if (now - windowStartMs < LOG_WINDOW_MS) {
        suppressed += 1;
        return;
      }
      this.logger.warn({ queue: emitter.name, kind, err: error, suppressed }, 'BullMQ connection error; it reconnects by itself');
      windowStartMs = now;
      suppressed = 0;
    });
  }
}

function workerOf(host: WorkerHost): Worker | undefined {
  try {
    return host.worker;
  } catch {
    return undefined;
  }
}
