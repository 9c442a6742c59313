import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { DomainError, notFound } from '../infra/errors/domain-error';
import { ShipmentEventsService } from '../shipments/shipment-events.service';
import { APP_CONFIG, AppConfig, WebhookDeliveryConfig } from '../infra/config/app-config';
import { DeliveryJobRef, DeliveryQueueService } from './delivery-queue.service';
import { retryDelayMs } from './retry-delay';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

const RELAY_BATCH = 500;
const RECONCILE_BATCH = 2_000;

export interface AttemptOutcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

const refOf = (delivery: WebhookDelivery): DeliveryJobRef => ({
  deliveryId: delivery.id,
  eventId: delivery.eventId,
  subscriptionId: delivery.subscriptionId,
  delayMs: delivery.nextAttemptAt.getTime() - Date.now(),
});

/**
 * Owns webhook_delivery and its attempts: the relay turns outbox rows into deliveries, attempts
 * update them, the reconciler rebuilds lost jobs from them. PostgreSQL is the truth; Redis a cache of work.
 */
@Injectable()
export class WebhookDeliveriesService {
  private readonly options: WebhookDeliveryConfig;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookDeliveryAttempt) private readonly attempts: Repository<WebhookDeliveryAttempt>,
    @InjectRepository(WebhookSubscription) private readonly subscriptions: Repository<WebhookSubscription>,
    private readonly events: ShipmentEventsService,
    private readonly queue: DeliveryQueueService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.options = config.webhookDelivery;
  }

  /** One relay pass; returns how many outbox rows it consumed. Safe to run in many workers at once. */
  async relayOnce(): Promise<number> {
    const { consumed, created } = await this.dataSource.transaction(async (manager) => {
      const claimed = await this.events.claimUnrelayed(manager, RELAY_BATCH);
      if (claimed.length === 0) return { consumed: 0, created: [] as DeliveryJobRef[] };
      const rows: Array<{ id: string; event_id: string; subscription_id: string }> = await manager.query(
        `INSERT INTO webhook_delivery (county_id, event_id, subscription_id)
         SELECT e.county_id, e.event_id, s.id
           FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::uuid[]) AS e(event_id, platform_id, type, county_id)
           JOIN webhook_subscription s ON s.platform_id = e.platform_id AND s.active AND e.type = ANY(s.event_types)
         ON CONFLICT (event_id, subscription_id) DO NOTHING
         RETURNING id, event_id, subscription_id`,
        [claimed.map((event) => event.eventId), claimed.map((event) => event.platformId), claimed.map((event) => event.type), claimed.map((event) => event.countyId)],
      );
      await this.events.markRelayed(
        manager,
        claimed.map((event) => event.eventId),
      );
      return { consumed: claimed.length, created: rows.map((row) => ({ deliveryId: row.id, eventId: row.event_id, subscriptionId: row.subscription_id, delayMs: 0 })) };
    });
    // After commit: if this enqueue is lost, the reconciler finds the pending rows without jobs.
    await this.queue.enqueue(created);
    return consumed;
  }

  /** Pending deliveries whose job is missing get it back; returns how many were re-created. */
  async reconcileOnce(): Promise<number> {
    const pending = await this.deliveries.find({ where: { status: 'pending' }, order: { nextAttemptAt: 'ASC' }, take: RECONCILE_BATCH });
    return this.queue.ensure(pending.map(refOf));
  }

  async loadForAttempt(deliveryId: string): Promise<{ delivery: WebhookDelivery; subscription: WebhookSubscription } | null> {
    const delivery = await this.deliveries.findOne({ where: { id: deliveryId }, relations: { subscription: true } });
    if (!delivery || !delivery.subscription) return null;
    return { delivery, subscription: delivery.subscription };
  }

  /**
   * Logs the attempt and moves the delivery on. Returns the delay before the next attempt, or null
   * when there is none (delivered, or the retry window is spent and the subscription is flagged).
   */
  async recordAttempt(delivery: WebhookDelivery, outcome: AttemptOutcome): Promise<number | null> {
    const attemptNumber = delivery.attemptCount + 1;
    const now = new Date();
    const firstAttemptAt = delivery.firstAttemptAt ?? now;
    const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const windowSpent = now.getTime() - firstAttemptAt.getTime() >= this.options.retryWindowS * 1000;
    const delayMs = succeeded || windowSpent ? null : retryDelayMs(this.options, attemptNumber);
    const status: DeliveryStatus = succeeded ? 'delivered' : delayMs === null ? 'failed' : 'pending';
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(WebhookDeliveryAttempt, {
        deliveryId: delivery.id,
        attemptNumber,
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        error: outcome.error?.slice(0, 500) ?? null,
      });
      await manager.update(
        WebhookDelivery,
        { id: delivery.id },
        {
          attemptCount: attemptNumber,
          firstAttemptAt,
          status,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error?.slice(0, 500) ?? null,
          deliveredAt: succeeded ? now : null,
          nextAttemptAt: new Date(now.getTime() + (delayMs ?? 0)),
        },
      );
      if (succeeded) await manager.update(WebhookSubscription, { id: delivery.subscriptionId }, { failingSince: null });
      if (status === 'failed') await manager.query('UPDATE webhook_subscription SET failing_since = COALESCE(failing_since, now()) WHERE id = $1', [delivery.subscriptionId]);
    });
    return delayMs;
  }

  /** Ends a pending delivery without an attempt (its subscription was deactivated). */
  async stop(deliveryId: string, reason: string): Promise<void> {
    await this.deliveries.update({ id: deliveryId, status: 'pending' }, { status: 'failed', lastError: reason, nextAttemptAt: new Date() });
  }

  list(countyId: string, status: DeliveryStatus | undefined, limit: number): Promise<WebhookDelivery[]> {
    return this.deliveries.find({ where: { countyId, ...(status ? { status } : {}) }, order: { createdAt: 'DESC' }, take: limit });
  }

  attemptsOf(countyId: string, deliveryIds: string[]): Promise<WebhookDeliveryAttempt[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.attempts.find({ where: { deliveryId: In(deliveryIds), delivery: { countyId } }, order: { deliveryId: 'ASC', attemptNumber: 'ASC' } });
  }

  /** Starts a fresh retry window for a failed (or delivered) delivery and queues it now. */
  async redeliver(countyId: string, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.deliveries.findOne({ where: { countyId, id: deliveryId } });
    if (!delivery) throw notFound('delivery', deliveryId);
    if (delivery.status === 'pending') throw new DomainError('conflict', 'this delivery is still being retried');
    await this.deliveries.update({ id: delivery.id }, { status: 'pending', firstAttemptAt: null, nextAttemptAt: new Date() });
    const updated = (await this.deliveries.findOne({ where: { id: delivery.id } }))!;
    await this.queue.requeue({ ...refOf(updated), delayMs: 0 });
    return updated;
  }

  subscription(id: string): Promise<WebhookSubscription | null> {
    return this.subscriptions.findOne({ where: { id } });
  }
}
