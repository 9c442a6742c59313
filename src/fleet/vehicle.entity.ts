import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TimestampedCountyEntity } from '../counties/county-owned.base';
import { NetworkNode } from '../network/network-node.entity';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';

@Entity()
@Unique(['countyId', 'code'])
export class Vehicle extends TimestampedCountyEntity {
  /** Plate number or fleet number, unique in the county. */
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'enum', enum: VEHICLE_CLASSES })
  vehicleClass!: VehicleClass;

  @Column({ type: 'integer' })
  capacityWeightG!: number;

  @Column({ type: 'integer' })
  capacityVolumeCm3!: number;

  @Column({ type: 'integer' })
  capacityParcels!: number;

  @Column({ type: 'integer', default: 0 })
  fixedCostFen!: number;

  @Column({ type: 'integer', default: 0 })
  costPerKmFen!: number;

  @Column({ type: 'integer', default: 0 })
  costPerHourFen!: number;

  @Column({ type: 'uuid' })
  homeNodeId!: string;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT' })
  @JoinColumn()
  homeNode?: NetworkNode;

  /** Shift start and end, seconds after local midnight in the county's time zone. */
  @Column({ type: 'integer' })
  shiftStartS!: number;

  @Column({ type: 'integer' })
  shiftEndS!: number;

  @Column({ type: 'integer', nullable: true })
  maxDurationS!: number | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
