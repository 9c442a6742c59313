import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { County } from '../counties/county.entity';

/**
 * An operator request made with an `Idempotency-Key`: the key, what was asked (method, path and a
 * hash of the body) and the answer given (always a 200: only successes are kept), so a retry gets the same answer and nothing is done twice.
 * The row is written before the work starts (no answer, no `completedAt`), so a concurrent twin sees that it is running.
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

  /** Null while the request runs. */
  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  /** When the request began: a claim still running after the lease (a crashed process) may be taken over. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Null while the request runs; set with the answer. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
