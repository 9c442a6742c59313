import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { QueueName } from '../infra/queue/queue-names';
import { WORKER_DEFAULTS } from '../infra/queue/redis-connection';
import { DeliveryJobData } from './delivery-queue.service';
import { WebhookDispatcherService } from './webhook-dispatcher.service';

/** Thrown to make BullMQ retry after the delay the delivery row computed. */
export class RetryLaterError extends Error {
  constructor(readonly delayMs: number) {
    super(`retry in ${delayMs} ms`);
  }
}

@Processor(QueueName.webhookDelivery, {
  ...WORKER_DEFAULTS,
  settings: { backoffStrategy: (_attemptsMade: number, _type?: string, error?: Error) => (error instanceof RetryLaterError ? error.delayMs : 1_000) },
})
export class WebhookDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly dispatcher: WebhookDispatcherService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The decorator above is read at import time, before the configuration exists; the worker exists from here on. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.webhookDelivery.concurrency;
  }

  async process(job: Job<DeliveryJobData>): Promise<void> {
    if (job.data.version !== 1) throw new UnrecoverableError(`unknown payload version ${String(job.data.version)}`);
    const retryInMs = await this.dispatcher.attempt(job.data.deliveryId);
    if (retryInMs !== null) throw new RetryLaterError(retryInMs);
  }
}
