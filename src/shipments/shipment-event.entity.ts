import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ShipmentEventType } from './shipment-event-types';
import { SHIPMENT_STATUSES, ShipmentStatus } from './shipment-status';

/**
 * Append-only history of every shipment change; the id is the stable event id platforms see
 * (`evt_<id>`). `txId` is the writing transaction's id: the pull feed orders by (txId, id) and only
 * serves transactions older than every running one, so a reader never skips a late commit.
 */
@Entity()
@Index(['countyId', 'txId', 'id'])
@Index(['shipmentId', 'id'])
export class ShipmentEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint' })
  txId!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @Column({ type: 'uuid' })
  platformId!: string;

  @Column({ type: 'uuid' })
  shipmentId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: ShipmentEventType;

  @Column({ type: 'enum', enum: SHIPMENT_STATUSES, nullable: true })
  fromStatus!: ShipmentStatus | null;

  @Column({ type: 'enum', enum: SHIPMENT_STATUSES })
  toStatus!: ShipmentStatus;

  /** The `data` of the outbound envelope, frozen at write time. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
