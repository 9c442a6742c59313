import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, WebhookDeliveryConfig } from '../infra/config/app-config';
import { PlatformMessagesService } from '../shipments/platform-messages.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { REMEMBER_WEBHOOK_ID_S } from './webhook-signature';

export type SchedulerPass = 'relay' | 'reconcile' | 'forget-webhook-ids';

/** Inbound webhook-ids past REMEMBER_WEBHOOK_ID_S are deleted this often: one indexed DELETE a minute per worker. */
const FORGET_WEBHOOK_IDS_INTERVAL_MS = 60_000;

/** Tick times kept per pass: a minute of relay ticks at the default 500 ms. */
const RECENT_TICKS = 120;

/**
 * Worker-only timers: the outbox relay (frequent), the reconciler that rebuilds jobs Redis lost
 * (less frequent, and once at start), and the purge of inbound webhook-ids whose signatures have
 * expired (once a minute). Each pass is safe to run in several workers at once.
 *
 * Plain timers rather than a BullMQ job scheduler, on purpose: the relay ticks every 500 ms, and a
 * repeatable job would add a Redis round trip and a queue hop to every tick (latency for each
 * webhook, load on Redis) to buy exclusivity that is not needed, since the relay claims rows with
 * SKIP LOCKED and every pass is idempotent. The reconciler exists to repair Redis after it lost
 * keys; a schedule stored in that same Redis would be lost with them.
 */
@Injectable()
export class DeliverySchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySchedulerService.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();
  private readonly recentTicks = new Map<SchedulerPass, number[]>();

  private readonly options: WebhookDeliveryConfig;

  constructor(
    private readonly deliveries: WebhookDeliveriesService,
    private readonly messages: PlatformMessagesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.options = config.webhookDelivery;
  }

  onApplicationBootstrap(): void {
    this.every('relay', this.options.relayIntervalMs, async () => {
      // Drain: keep relaying while full batches come back.
      while ((await this.deliveries.relayOnce()) > 0);
    });
    this.every('reconcile', this.options.reconcileIntervalMs, async () => {
      const recreated = await this.deliveries.reconcileOnce();
      if (recreated > 0) this.logger.warn({ recreated }, 're-created webhook jobs missing from Redis');
    });
    this.every('forget-webhook-ids', FORGET_WEBHOOK_IDS_INTERVAL_MS, async () => {
      await this.messages.forgetOlderThan(REMEMBER_WEBHOOK_ID_S);
    });
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /**
   * When the timer of `pass` last fired (epoch ms, oldest first, the last RECENT_TICKS): a late tick
   * means the event loop was held, so this is how a test sees that a solve runs off the loop.
   */
  ticks(pass: SchedulerPass): readonly number[] {
    return this.recentTicks.get(pass) ?? [];
  }

  private every(name: SchedulerPass, intervalMs: number, pass: () => Promise<void>): void {
    const ticks: number[] = [];
    this.recentTicks.set(name, ticks);
    const run = () => {
      ticks.push(Date.now());
      if (ticks.length > RECENT_TICKS) ticks.shift();
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
