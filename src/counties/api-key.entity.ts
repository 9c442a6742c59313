import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { CountyOwnedEntity } from './county-owned.base';

/**
 * Operators are admin, dispatcher or viewer. A `platform` key belongs to one e-commerce platform and
 * may call only routes that name the role (the pull feed): it never reads the county's other data.
 */
export const API_KEY_ROLES = ['admin', 'dispatcher', 'viewer', 'platform'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An operator's key. Only its SHA-256 is stored: the secret is shown once, at creation. */
@Entity()
export class ApiKey extends CountyOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'enum', enum: API_KEY_ROLES })
  role!: ApiKeyRole;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash!: string;

  /** The first characters of the key, to tell keys apart in lists without revealing them. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
