import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The primary key's name, so that a replay is told apart from any other unique violation. */
export const PLATFORM_MESSAGE_KEY = 'PK_platform_message';

/**
 * A platform message (its `webhook-id`) that was applied to shipments, remembered for the signature's
 * tolerance window so that a replay of it is refused. Written by the same statement or transaction as
 * the shipments it changed: a statement that fails leaves no row, so the platform's retry goes through.
 */
@Entity()
@Index('IDX_platform_message_received_at', ['receivedAt'])
export class PlatformMessage {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: PLATFORM_MESSAGE_KEY })
  platformId!: string;

  /** 1-100 printable ASCII characters, as the webhook guard checked. */
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: PLATFORM_MESSAGE_KEY })
  webhookId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}
