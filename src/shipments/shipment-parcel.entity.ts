import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Shipment } from './shipment.entity';

/** One physical parcel; its barcode is what the hub scans. */
@Entity()
@Unique(['countyId', 'barcode'])
export class ShipmentParcel {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  shipmentId!: string;

  @ManyToOne(() => Shipment, { onDelete: 'CASCADE' })
  @JoinColumn()
  shipment?: Shipment;

  @Column({ type: 'uuid' })
  countyId!: string;

  @Column({ type: 'varchar', length: 64 })
  barcode!: string;

  @Column({ type: 'integer' })
  weightG!: number;

  @Column({ type: 'integer' })
  lengthMm!: number;

  @Column({ type: 'integer' })
  widthMm!: number;

  @Column({ type: 'integer' })
  heightMm!: number;

  @Column({ type: 'bigint', default: 0 })
  declaredValueFen!: string;

  @Column({ type: 'bigint', default: 0 })
  cashOnDeliveryFen!: string;

  @Column({ type: 'timestamptz', nullable: true })
  scannedInAt!: Date | null;
}
