import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { Clock } from '../infra/clock/clock';
import { DomainError } from '../infra/errors/domain-error';
import { RequestRedis } from '../infra/redis/redis.module';
import { parseWebhookBody } from '../shipments/dto/webhook-body.dto';
import { ShipmentIntakeService } from '../shipments/shipment-intake.service';
import { ShipmentLifecycleService } from '../shipments/shipment-lifecycle.service';
import { PlatformCredentials } from './platforms.service';
import { SIGNATURE_TOLERANCE_S } from './webhook-signature';

/**
 * How long a webhook-id is remembered: the timestamp may be up to the tolerance ahead of or behind our
 * clock, so a signed request stays acceptable for twice the tolerance from its first arrival.
 */
const REMEMBER_WEBHOOK_ID_MS = 2 * SIGNATURE_TOLERANCE_S * 1000 + 60_000;

/**
 * A verified platform request: validated, claimed by its webhook-id, then applied. A webhook-id is
 * applied once: a replay of a signed request (an old `update` would roll a shipment back) is refused
 * while its signature is still fresh, and afterwards the timestamp check refuses it. A request that
 * fails releases its id, so the platform's retry of it is processed.
 */
@Injectable()
export class InboundWebhookService {
  constructor(
    private readonly redis: RequestRedis,
    private readonly intake: ShipmentIntakeService,
    private readonly lifecycle: ShipmentLifecycleService,
    private readonly clock: Clock,
  ) {}

  async receive(platform: PlatformCredentials, webhookId: string, body: unknown): Promise<unknown> {
    const command = parseWebhookBody(body, this.clock.now());
    const key = `${this.redis.keyPrefix}webhook-id:${platform.id}:${createHash('sha256').update(webhookId).digest('base64url')}`;
    await this.claim(key, webhookId);
    try {
      const source = { countyId: platform.countyId, platformId: platform.id };
      if (command.type === 'create') return await this.intake.create(source, command.shipments);
      if (command.type === 'update') return await this.lifecycle.updateByPlatform(source.countyId, source.platformId, command.shipment);
      return await this.lifecycle.cancelByPlatform(source.countyId, source.platformId, command.cancel.id, command.cancel.reason ?? null);
    } catch (error) {
      await this.redis.client.del(key).catch(() => undefined);
      throw error;
    }
  }

  private async claim(key: string, webhookId: string): Promise<void> {
    let claimed: string | null;
    try {
      claimed = await this.redis.client.set(key, String(Date.now()), 'PX', REMEMBER_WEBHOOK_ID_MS, 'NX');
    } catch {
      // Without the memory of ids a replay would go through: refuse, and let the platform retry.
      throw new DomainError('unavailable', 'the webhook-id cannot be checked against replays right now; retry later');
    }
    if (claimed !== 'OK') {
      throw new DomainError('conflict', `webhook-id ${webhookId} was already received; a new message needs a new webhook-id`, [], { reason: 'replayed_webhook_id' });
    }
  }
}
