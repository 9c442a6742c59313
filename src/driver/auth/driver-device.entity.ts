import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TimestampedCountyEntity } from '../../counties/county-owned.base';
import { Driver } from '../../fleet/driver.entity';

/** A phone a driver signed in on, known by the id the app made for itself at installation. */
@Entity()
@Unique(['driverId', 'clientDeviceId'])
export class DriverDevice extends TimestampedCountyEntity {
  @Column({ type: 'uuid' })
  driverId!: string;

  @ManyToOne(() => Driver, { onDelete: 'CASCADE' })
  @JoinColumn()
  driver?: Driver;

  @Column({ type: 'varchar', length: 100 })
  clientDeviceId!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  platform!: string | null;

  /** Last sign-in, refresh or sync. */
  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  /** Set by an operator (a lost phone): no sign-in, no runs; events recorded before this instant still sync. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
