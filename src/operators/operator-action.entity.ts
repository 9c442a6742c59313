import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { CountyOwnedEntity } from '../counties/county-owned.base';

/**
 * One change asked of the API by a person signed in to the console or by an operator key: who (the
 * account or the key), which endpoint and which ids it named, and the status it was answered. Bodies
 * are never kept (they carry passwords, PINs and personal data). Append-only.
 */
@Entity()
@Index(['countyId', 'at'])
@Index(['countyId', 'userId', 'at'])
export class OperatorAction extends CountyOwnedEntity {
  /** `user:<userId>` or the API key's id, as plan events store it. */
  @Column({ type: 'varchar', length: 80 })
  actor!: string;

  /** No foreign key: the record outlives any change to the account. */
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  role!: string;

  @Column({ type: 'varchar', length: 10 })
  method!: string;

  /** The endpoint as declared, e.g. `/v1/counties/:countyId/shipments/:shipmentId/destination`. */
  @Column({ type: 'varchar', length: 300 })
  route!: string;

  /** The ids the path named (`shipmentId`, `planId` …). */
  @Column({ type: 'jsonb' })
  params!: Record<string, string>;

  /** The HTTP status answered: a refused change is recorded too. */
  @Column({ type: 'smallint' })
  status!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
