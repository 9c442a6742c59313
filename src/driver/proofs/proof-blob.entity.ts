import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The bytes of a proof photo or signature, kept in PostgreSQL so that every API process reads what any
 * other took (PostgresProofStorage). Keyed by the storage key, which ends in the content hash: a row
 * is written once and never changes.
 */
@Entity()
export class ProofBlob {
  /** `<county id>/<2 hex>/<sha256>`, as ProofsService names it. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'bytea' })
  bytes!: Buffer;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
