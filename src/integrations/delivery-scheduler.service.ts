import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DELIVERY_OPTIONS, DeliveryOptions } from './delivery-options';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

/**
 * Worker-only timers: the outbox relay (frequent) and the reconciler that rebuilds jobs Redis lost
 * (less frequent, and once at start). Each pass is safe to run in several workers at once.
 */
@Injectable()
export class DeliverySchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySchedulerService.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly deliveries: WebhookDeliveriesService,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.every('relay', this.options.relayIntervalMs, async () => {
      // Drain: keep relaying while full batches come back.
      while ((await this.deliveries.relayOnce()) > 0);
    });
    this.every('reconcile', this.options.reconcileIntervalMs, async () => {
      const recreated = await this.deliveries.reconcileOnce();
      if (recreated > 0) this.logger.warn({ recreated }, 're-created webhook jobs missing from Redis');
    });
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  private every(name: string, intervalMs: number, pass: () => Promise<void>): void {
    const run = () => {
      if (this.running.has(name)) return;
      this.running.add(name);
      pass()
        .catch((error: unknown) => this.logger.error({ err: error, pass: name }, 'delivery scheduler pass failed'))
        .finally(() => this.running.delete(name));
    };
    this.timers.push(setInterval(run, intervalMs));
    setImmediate(run);
  }
}
