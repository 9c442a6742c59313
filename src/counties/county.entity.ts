import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DEFAULT_HANDLING_COSTS } from './handling-costs';

/** The tenant: one county is one planning unit and one data boundary. */
@Entity()
export class County {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  nameEn!: string | null;

  /** 6-digit administrative division code (GB/T 2260), e.g. 621225. */
  @Column({ type: 'char', length: 6, unique: true })
  adminCode!: string;

  @Column({ type: 'varchar', length: 64, default: 'Asia/Shanghai' })
  timeZone!: string;

  /**
   * How many days ahead of the county's local today a plan may be requested (today itself is day 0).
   * Platforms push orders a few days out at most; a date further ahead is almost always a typo.
   */
  @Column({ type: 'smallint', default: 7 })
  planningHorizonDays!: number;

  /**
   * What the county co-delivery centre pays per parcel at each transfer that a carrier delivering on
   * its own would not make: sorting at the hub, and the hand-over at a township station. The
   * consolidated plan is charged them, so that its comparison with the unconsolidated baseline is
   * fair (docs/planning.md, "Handling cost").
   */
  @Column({ type: 'integer', default: DEFAULT_HANDLING_COSTS.hubSortFenPerParcel })
  hubSortFenPerParcel!: number;

  @Column({ type: 'integer', default: DEFAULT_HANDLING_COSTS.townshipHandoverFenPerParcel })
  townshipHandoverFenPerParcel!: number;

  /** Bumped by every change to nodes or roads; travel-time matrices are cached under it. */
  @Column({ type: 'integer', default: 0 })
  networkVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
