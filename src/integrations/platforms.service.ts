import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { SecretBox } from '../infra/crypto/secret-box';
import { conflict, notFound, validationFailed } from '../infra/errors/domain-error';
import { SHIPMENT_EVENT_TYPES } from '../shipments/shipment-event-types';
import { Platform } from './platform.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { newWebhookSecret } from './webhook-signature';
import { assertPublicWebhookTarget } from './webhook-target';

/** The lastError of a delivery stopped because its subscription was deactivated. */
export const SUBSCRIPTION_DEACTIVATED = 'subscription deactivated';

/** How long a rotated-out secret keeps verifying, so a platform can switch without a gap. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;
/** Secrets are read on every inbound request; a few seconds of staleness after rotation is fine. */
const SECRET_CACHE_TTL_MS = 5_000;

export interface PlatformCredentials {
  id: string;
  countyId: string;
  secrets: string[];
}

export interface RegisteredPlatform {
  platform: Platform;
  /** The current webhook secret (`whsec_…`), opened: for the response that shows it once, and the demo. */
  webhookSecret: string;
  /** The platform's feed key; present only when it was just created. */
  apiKeySecret: string | null;
}

export interface ResealReport {
  platforms: number;
  resealed: number;
}

@Injectable()
export class PlatformsService {
  private readonly credentialCache = new Map<string, { value: PlatformCredentials | null; expiresAt: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Platform) private readonly platforms: Repository<Platform>,
    @InjectRepository(WebhookSubscription) private readonly subscriptions: Repository<WebhookSubscription>,
    private readonly counties: CountiesService,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(countyId: string, name: string): Promise<RegisteredPlatform> {
    if (await this.platforms.findOne({ where: { countyId, name } })) throw conflict(`a platform named ${name} already exists in this county`);
    return this.create(countyId, name);
  }

  /** For the demo and seeding: the existing platform of that name, or a new one. */
  async ensure(countyId: string, name: string): Promise<RegisteredPlatform> {
    const existing = await this.platforms.findOne({ where: { countyId, name } });
    return existing ? { platform: existing, webhookSecret: this.secrets.open(existing.sealedWebhookSecret), apiKeySecret: null } : this.create(countyId, name);
  }

  private async create(countyId: string, name: string): Promise<RegisteredPlatform> {
    const { key, secret } = await this.counties.createApiKey(countyId, `platform ${name}`.slice(0, 100), 'platform');
    const webhookSecret = newWebhookSecret();
    const platform = await this.platforms.save(
      this.platforms.create({
        countyId,
        name,
        apiKeyId: key.id,
        sealedWebhookSecret: this.secrets.seal(webhookSecret),
        sealedPreviousWebhookSecret: null,
        previousSecretExpiresAt: null,
      }),
    );
    return { platform, webhookSecret, apiKeySecret: secret };
  }

  list(countyId: string): Promise<Platform[]> {
    return this.platforms.find({ where: { countyId }, order: { name: 'ASC' } });
  }

  async get(countyId: string, platformId: string): Promise<Platform> {
    const platform = await this.platforms.findOne({ where: { countyId, id: platformId } });
    if (!platform) throw notFound('platform', platformId);
    return platform;
  }

  findByApiKey(apiKeyId: string): Promise<Platform | null> {
    return this.platforms.findOne({ where: { apiKeyId } });
  }

  /** New current secret; the old one keeps verifying for the grace period. */
  async rotateSecret(countyId: string, platformId: string): Promise<RegisteredPlatform> {
    const platform = await this.get(countyId, platformId);
    const webhookSecret = newWebhookSecret();
    platform.sealedPreviousWebhookSecret = platform.sealedWebhookSecret;
    platform.previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS);
    platform.sealedWebhookSecret = this.secrets.seal(webhookSecret);
    this.credentialCache.delete(platformId);
    return { platform: await this.platforms.save(platform), webhookSecret, apiKeySecret: null };
  }

  /**
   * Seals every stored secret with the current key: the last step of a key rotation (then the old key
   * can leave WEBHOOK_SECRET_PREVIOUS_KEYS), and the first run after upgrading from plaintext storage.
   */
  async resealSecrets(): Promise<ResealReport> {
    return this.dataSource.transaction(async (manager) => {
      const platforms = await manager.find(Platform, { lock: { mode: 'pessimistic_write' } });
      let resealed = 0;
      for (const platform of platforms) {
        const reseal = (stored: string | null) => (stored === null || this.secrets.isCurrent(stored) ? stored : this.secrets.seal(this.secrets.open(stored)));
        const current = reseal(platform.sealedWebhookSecret)!;
        const previous = reseal(platform.sealedPreviousWebhookSecret);
        if (current === platform.sealedWebhookSecret && previous === platform.sealedPreviousWebhookSecret) continue;
        await manager.update(Platform, { id: platform.id }, { sealedWebhookSecret: current, sealedPreviousWebhookSecret: previous });
        resealed += 1;
      }
      this.credentialCache.clear();
      return { platforms: platforms.length, resealed };
    });
  }

  /** The active secrets of a platform, cached briefly: this runs on every inbound webhook. */
  async credentials(platformId: string): Promise<PlatformCredentials | null> {
    const cached = this.credentialCache.get(platformId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const platform = await this.platforms.findOne({ where: { id: platformId } });
    const now = Date.now();
    const value = platform
      ? {
          id: platform.id,
          countyId: platform.countyId,
          secrets: [
            this.secrets.open(platform.sealedWebhookSecret),
            ...(platform.sealedPreviousWebhookSecret && (platform.previousSecretExpiresAt?.getTime() ?? 0) > now ? [this.secrets.open(platform.sealedPreviousWebhookSecret)] : []),
          ],
        }
      : null;
    if (this.credentialCache.size > 10_000) this.credentialCache.clear();
    this.credentialCache.set(platformId, { value, expiresAt: now + SECRET_CACHE_TTL_MS });
    return value;
  }

  async subscribe(countyId: string, platformId: string, url: string, eventTypes: string[]): Promise<WebhookSubscription> {
    await this.get(countyId, platformId);
    const parsed = new URL(url);
    if (!['https:', 'http:'].includes(parsed.protocol)) throw validationFailed('url must be http or https', [{ field: 'url', message: 'unsupported scheme' }]);
    if (parsed.protocol === 'http:' && !this.config.allowPrivateWebhookTargets) {
      throw validationFailed('url must be https', [{ field: 'url', message: 'plain http is accepted only where private targets are allowed (labs, tests)' }]);
    }
    // Refused now rather than at every delivery; the delivery checks again, since DNS may change.
    if (!this.config.allowPrivateWebhookTargets) await assertPublicWebhookTarget(parsed);
    const unknown = eventTypes.filter((type) => !(SHIPMENT_EVENT_TYPES as readonly string[]).includes(type));
    if (unknown.length) throw validationFailed(`unknown event types: ${unknown.join(', ')}`, [{ field: 'eventTypes', message: `allowed: ${SHIPMENT_EVENT_TYPES.join(', ')}` }]);
    return this.subscriptions.save(this.subscriptions.create({ countyId, platformId, url, eventTypes, active: true, failingSince: null }));
  }

  listSubscriptions(countyId: string, platformId: string): Promise<WebhookSubscription[]> {
    return this.subscriptions.find({ where: { countyId, platformId }, order: { createdAt: 'ASC' } });
  }

  /** Deactivates a subscription and stops what it still owed: its pending deliveries fail now instead of retrying for a day. */
  async unsubscribe(countyId: string, platformId: string, subscriptionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(WebhookSubscription, { countyId, platformId, id: subscriptionId }, { active: false });
      if (!result.affected) throw notFound('subscription', subscriptionId);
      await manager.query(
        `UPDATE webhook_delivery SET status = 'failed', last_error = $2, next_attempt_at = now(), updated_at = now() WHERE subscription_id = $1 AND status = 'pending'`,
        [subscriptionId, SUBSCRIPTION_DEACTIVATED],
      );
    });
  }
}
