import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DriverEvent } from './driver-event.entity';

/**
 * Which shipments an accepted event concerns, and the status it implies for them (event-effects.ts):
 * a parcel event concerns its parcel, a departure every inbound shipment of the route. The shipment's
 * status is derived from these rows (status-rule.ts).
 */
@Entity()
export class DriverEventShipment {
  @PrimaryColumn({ type: 'uuid' })
  shipmentId!: string;

  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => DriverEvent, { onDelete: 'CASCADE' })
  @JoinColumn()
  event?: DriverEvent;

  /** Null: every parcel of the shipment. */
  @Column({ type: 'uuid', nullable: true })
  parcelId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  impliedStatus!: string | null;
}
