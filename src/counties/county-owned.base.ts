import { Column, CreateDateColumn, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { County } from './county.entity';

/**
 * The start of every table a county owns: a uuid key and the county, whose deletion takes the row
 * with it. Every query of such a table is scoped by `countyId`.
 */
export abstract class CountyOwnedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @ManyToOne(() => County, { onDelete: 'CASCADE' })
  @JoinColumn()
  county?: County;
}

/** A county-owned row that records when it was created and last changed. */
export abstract class TimestampedCountyEntity extends CountyOwnedEntity {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
