import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '../infra/queue/queue-names';

export interface DeliveryJobData {
  deliveryId: string;
  /** Payload schema version; a handler refuses versions it does not know. */
  version: 1;
}

export interface DeliveryJobRef {
  deliveryId: string;
  eventId: string;
  subscriptionId: string;
  delayMs: number;
}

/** Deterministic: a second enqueue of the same delivery is a no-op in BullMQ. */
export const deliveryJobId = (eventId: string, subscriptionId: string) => `webhook:${eventId}:${subscriptionId}`;

/** A huge attempt budget: the delivery row, not BullMQ, decides when to give up (after the retry window). */
export const UNBOUNDED_ATTEMPTS = 1_000_000;

/** The one producer of queue webhook-delivery. */
@Injectable()
export class DeliveryQueueService {
  constructor(@InjectQueue(QueueName.webhookDelivery) private readonly queue: Queue<DeliveryJobData>) {}

  async enqueue(refs: DeliveryJobRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.queue.addBulk(
      refs.map((ref) => ({
        name: 'deliver',
        data: { deliveryId: ref.deliveryId, version: 1 as const },
        opts: {
          jobId: deliveryJobId(ref.eventId, ref.subscriptionId),
          delay: Math.max(0, ref.delayMs),
          attempts: UNBOUNDED_ATTEMPTS,
          backoff: { type: 'delivery' },
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 24 * 3600 },
        },
      })),
    );
  }

  /** Re-creates jobs that Redis lost (or that finished while the row still says pending). */
  async ensure(refs: DeliveryJobRef[]): Promise<number> {
    const missing: DeliveryJobRef[] = [];
    for (const ref of refs) {
      const job = await this.queue.getJob(deliveryJobId(ref.eventId, ref.subscriptionId));
      if (!job) {
        missing.push(ref);
        continue;
      }
      const state = await job.getState();
      if (state === 'completed' || state === 'failed' || state === 'unknown') {
        await job.remove().catch(() => undefined);
        missing.push(ref);
      }
    }
    await this.enqueue(missing);
    return missing.length;
  }

  /** Removes a finished job so the same deterministic id can be queued again (redeliver). */
  async requeue(ref: DeliveryJobRef): Promise<void> {
    const job = await this.queue.getJob(deliveryJobId(ref.eventId, ref.subscriptionId));
    if (job && !(await job.isActive())) await job.remove().catch(() => undefined);
    await this.enqueue([ref]);
  }
}
