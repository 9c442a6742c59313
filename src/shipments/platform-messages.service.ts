import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { uniqueViolation } from '../infra/database/unique-violation';
import { DomainError } from '../infra/errors/domain-error';
import { PLATFORM_MESSAGE_KEY } from './platform-message.entity';

/** Who writes shipments from outside: a platform of a county, and the message (webhook-id) it sent, when it came by webhook. */
export interface IntakeSource {
  countyId: string;
  platformId: string;
  /** Applied once: the same id again while it is remembered is refused (replayedMessage), and nothing is written. */
  webhookId?: string;
}

/** Remembers a webhook-id, given the placeholders of the platform and of the id (null: nothing to remember). Also a CTE of the intake's statement. */
export const claimMessageSql = (platform: string, webhookId: string) =>
  `INSERT INTO platform_message (platform_id, webhook_id) SELECT ${platform}::uuid, ${webhookId}::text WHERE ${webhookId}::text IS NOT NULL`;

/** Releases a claimed webhook-id (`$1` platform, `$2` id) whose message was refused after its statement had committed. */
export const FORGET_MESSAGE_SQL = `DELETE FROM platform_message WHERE platform_id = $1 AND webhook_id = $2`;

/** The refusal of a replayed webhook-id, when `error` is the unique violation of platform_message; null otherwise. */
export function replayedMessage(error: unknown, source: IntakeSource): DomainError | null {
  if (uniqueViolation(error)?.constraint !== PLATFORM_MESSAGE_KEY) return null;
  return new DomainError('conflict', `webhook-id ${source.webhookId} was already received; a new message needs a new webhook-id`, [], { reason: 'replayed_webhook_id' });
}

/**
 * Owns platform_message. A webhook-id is claimed by the statement or transaction that applies its
 * message, so a failure releases it with everything else, and every API process sees the claim at
 * once (two concurrent deliveries of one message: the second waits on the key, then is refused).
 */
@Injectable()
export class PlatformMessagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the source's webhook-id in the caller's transaction (which must then write the message's changes). */
  async claimIn(manager: EntityManager, source: IntakeSource): Promise<void> {
    try {
      await manager.query(claimMessageSql('$1', '$2'), [source.platformId, source.webhookId ?? null]);
    } catch (error) {
      throw replayedMessage(error, source) ?? error;
    }
  }

  /** Forgets the webhook-ids received more than `ageS` seconds ago (their signatures have expired); returns how many. */
  async forgetOlderThan(ageS: number): Promise<number> {
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      `WITH gone AS (DELETE FROM platform_message WHERE received_at < now() - make_interval(secs => $1) RETURNING 1) SELECT count(*)::int AS count FROM gone`,
      [ageS],
    );
    return count;
  }
}
