import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { County } from '../counties/county.entity';

/**
 * An operator request made with an `Idempotency-Key`: the key, what was asked (method, path and a
 * hash of the body) and the answer given (always a 200: only successes are kept), so a retry gets the same answer and nothing is done twice.
 */
@Entity()
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'uuid' })
  countyId!: string;

  @ManyToOne(() => County, { onDelete: 'CASCADE' })
  @JoinColumn()
  county?: County;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  /** `METHOD path`: the same key on another endpoint is a different request. */
  @Column({ type: 'varchar', length: 500 })
  scope!: string;

  /** sha256 of the canonical JSON body. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'jsonb' })
  responseBody!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
