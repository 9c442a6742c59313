import { Column, CreateDateColumn, Entity, Unique } from 'typeorm';
import { CountyOwnedEntity } from '../counties/county-owned.base';

/**
 * An e-commerce platform or carrier pushing shipments into one county. Webhook secrets must be kept
 * in the clear (HMAC needs the key); during rotation the previous secret stays valid until it expires.
 */
@Entity()
@Unique(['countyId', 'name'])
export class Platform extends CountyOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The platform's own API key (role platform), used to read the pull feed. */
  @Column({ type: 'uuid', unique: true })
  apiKeyId!: string;

  @Column({ type: 'varchar', length: 100 })
  webhookSecret!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  previousWebhookSecret!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
