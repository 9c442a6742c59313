import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { conflict, notFound, validationFailed } from '../infra/errors/domain-error';
import { SHIPMENT_EVENT_TYPES } from '../shipments/shipment-event.entity';
import { Platform } from './platform.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { newWebhookSecret } from './webhook-signature';

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
  /** The platform's feed key; present only when it was just created. */
  apiKeySecret: string | null;
}

@Injectable()
export class PlatformsService {
  private readonly credentialCache = new Map<string, { value: PlatformCredentials | null; expiresAt: number }>();

  constructor(
    @InjectRepository(Platform) private readonly platforms: Repository<Platform>,
    @InjectRepository(WebhookSubscription) private readonly subscriptions: Repository<WebhookSubscription>,
    private readonly counties: CountiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(countyId: string, name: string): Promise<RegisteredPlatform> {
    if (await this.platforms.findOne({ where: { countyId, name } })) throw conflict(`a platform named ${name} already exists in this county`);
    return this.create(countyId, name);
  }

  /** For the demo and seeding: the existing platform of that name, or a new one. */
  async ensure(countyId: string, name: string): Promise<RegisteredPlatform> {
    const existing = await this.platforms.findOne({ where: { countyId, name } });
    return existing ? { platform: existing, apiKeySecret: null } : this.create(countyId, name);
  }

  private async create(countyId: string, name: string): Promise<RegisteredPlatform> {
    const { key, secret } = await this.counties.createApiKey(countyId, `platform ${name}`.slice(0, 100), 'platform');
    const platform = await this.platforms.save(
      this.platforms.create({ countyId, name, apiKeyId: key.id, webhookSecret: newWebhookSecret(), previousWebhookSecret: null, previousSecretExpiresAt: null }),
    );
    return { platform, apiKeySecret: secret };
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
  async rotateSecret(countyId: string, platformId: string): Promise<Platform> {
    const platform = await this.get(countyId, platformId);
    platform.previousWebhookSecret = platform.webhookSecret;
    platform.previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS);
    platform.webhookSecret = newWebhookSecret();
    this.credentialCache.delete(platformId);
    return this.platforms.save(platform);
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
            platform.webhookSecret,
            ...(platform.previousWebhookSecret && (platform.previousSecretExpiresAt?.getTime() ?? 0) > now ? [platform.previousWebhookSecret] : []),
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
    const unknown = eventTypes.filter((type) => !(SHIPMENT_EVENT_TYPES as readonly string[]).includes(type));
    if (unknown.length) throw validationFailed(`unknown event types: ${unknown.join(', ')}`, [{ field: 'eventTypes', message: `allowed: ${SHIPMENT_EVENT_TYPES.join(', ')}` }]);
    return this.subscriptions.save(this.subscriptions.create({ countyId, platformId, url, eventTypes, active: true, failingSince: null }));
  }

  listSubscriptions(countyId: string, platformId: string): Promise<WebhookSubscription[]> {
    return this.subscriptions.find({ where: { countyId, platformId }, order: { createdAt: 'ASC' } });
  }

  async unsubscribe(countyId: string, platformId: string, subscriptionId: string): Promise<void> {
    const result = await this.subscriptions.update({ countyId, platformId, id: subscriptionId }, { active: false });
    if (!result.affected) throw notFound('subscription', subscriptionId);
  }
}
