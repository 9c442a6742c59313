import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { ShipmentEventsService } from '../shipments/shipment-events.service';
import { PlatformsService, SUBSCRIPTION_DEACTIVATED } from './platforms.service';
import { describeDeliveryError, safePost } from './safe-http';
import { AttemptOutcome, WebhookDeliveriesService } from './webhook-deliveries.service';
import { signedHeaders } from './webhook-signature';

/** One delivery attempt: re-read the state, sign, POST, log. The queue handler is a thin wrapper. */
@Injectable()
export class WebhookDispatcherService {
  private readonly logger = new Logger(WebhookDispatcherService.name);

  constructor(
    private readonly deliveries: WebhookDeliveriesService,
    private readonly events: ShipmentEventsService,
    private readonly platforms: PlatformsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the delay before the next attempt, or null when nothing more is owed. */
  async attempt(deliveryId: string): Promise<number | null> {
    const loaded = await this.deliveries.loadForAttempt(deliveryId);
    // Stale job: delivered, failed, or gone since it was queued.
    if (!loaded || loaded.delivery.status !== 'pending') return null;
    const { delivery, subscription } = loaded;
    // Deactivated since the job was queued: nothing more is owed, so no attempt and no retry.
    if (!subscription.active) {
      await this.deliveries.stop(delivery.id, SUBSCRIPTION_DEACTIVATED);
      return null;
    }
    const [envelope, credentials] = await Promise.all([this.events.envelope(delivery.eventId), this.platforms.credentials(subscription.platformId)]);
    let outcome: AttemptOutcome;
    if (!envelope || !credentials) {
      outcome = { statusCode: null, durationMs: 0, error: 'event or platform no longer exists' };
    } else {
      const { platformId: _platformId, ...publicEnvelope } = envelope;
      const body = JSON.stringify(publicEnvelope);
      const started = Date.now();
      try {
        const result = await safePost(subscription.url, signedHeaders(credentials.secrets[0]!, envelope.id, body), body, {
          timeoutMs: this.config.webhookDelivery.requestTimeoutMs,
          allowPrivate: this.config.allowPrivateWebhookTargets,
        });
        outcome = { statusCode: result.statusCode, durationMs: result.durationMs, error: result.statusCode >= 300 ? `HTTP ${result.statusCode}` : null };
      } catch (error) {
        outcome = { statusCode: null, durationMs: Date.now() - started, error: describeDeliveryError(error) };
      }
    }
    const retryInMs = await this.deliveries.recordAttempt(delivery, outcome);
    if (outcome.error) this.logger.warn({ deliveryId, eventId: delivery.eventId, subscriptionId: subscription.id, error: outcome.error, retryInMs }, 'webhook attempt failed');
    return retryInMs;
  }
}
