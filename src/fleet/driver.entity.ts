import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TimestampedCountyEntity } from '../counties/county-owned.base';
import { NetworkNode } from '../network/network-node.entity';
import { Vehicle } from './vehicle.entity';

@Entity()
@Unique(['countyId', 'phone'])
export class Driver extends TimestampedCountyEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  phone!: string;

  @Column({ type: 'uuid', nullable: true })
  vehicleId!: string | null;

  @ManyToOne(() => Vehicle, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn()
  vehicle?: Vehicle | null;

  @Column({ type: 'uuid', nullable: true })
  homeNodeId!: string | null;

  @ManyToOne(() => NetworkNode, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn()
  homeNode?: NetworkNode | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
