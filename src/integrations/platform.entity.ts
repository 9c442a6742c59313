import { Column, CreateDateColumn, Entity, Unique } from 'typeorm';
import { CountyOwnedEntity } from '../counties/county-owned.base';

/**
 * An e-commerce platform or carrier pushing shipments into one county. Webhook secrets must be read
 * back (HMAC needs the key), so they are stored sealed by the SecretBox, never hashed and never in
 * the clear; during rotation the previous secret stays valid until it expires.
 */
@Entity()
@Unique(['countyId', 'name'])
export class Platform extends CountyOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The platform's own API key (role platform), used to read the pull feed. */
  @Column({ type: 'uuid', unique: true })
  apiKeyId!: string;

  /** SecretBox.seal of the `whsec_…` secret. */
  @Column({ type: 'varchar', length: 200 })
  sealedWebhookSecret!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  sealedPreviousWebhookSecret!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
