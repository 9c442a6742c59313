import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Transactional outbox: written in the same transaction as the event it points to; the relay in the
 * worker marks it relayed once the deliveries exist. PostgreSQL, not Redis, remembers what is owed.
 */
@Entity()
@Index('IDX_shipment_outbox_unrelayed', ['eventId'], { where: 'relayed_at IS NULL' })
export class ShipmentOutbox {
  @PrimaryColumn({ type: 'bigint' })
  eventId!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}
