import { Column, Entity, Unique } from 'typeorm';
import { TimestampedCountyEntity } from '../../counties/county-owned.base';

/** A county's own default promise for one service level; a level without a row takes DEFAULT_PROMISE_RULES. */
@Entity()
@Unique(['countyId', 'serviceLevel'])
export class PromiseDefault extends TimestampedCountyEntity {
  @Column({ type: 'varchar', length: 32 })
  serviceLevel!: string;

  @Column({ type: 'smallint' })
  daysAfterArrival!: number;

  /** HH:MM local. */
  @Column({ type: 'varchar', length: 5 })
  dueTime!: string;

  /** HH:MM local, or null for no cut-off. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  cutoffTime!: string | null;
}
