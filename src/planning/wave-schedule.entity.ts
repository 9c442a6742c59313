import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { County } from '../counties/county.entity';

/** One scheduled wave: its number and its cut-off, local time in the county's zone. */
export interface ScheduledWave {
  wave: number;
  /** HH:MM */
  cutoff: string;
}

/**
 * A county's planning day: at each wave's cut-off a job scheduler creates the wave's plan, a draft,
 * or published as soon as it is computed when `autoPublish` is set.
 */
@Entity()
export class WaveSchedule {
  @PrimaryColumn({ type: 'uuid' })
  countyId!: string;

  @OneToOne(() => County, { onDelete: 'CASCADE' })
  @JoinColumn()
  county?: County;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  waves!: ScheduledWave[];

  @Column({ type: 'boolean', default: false })
  autoPublish!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
