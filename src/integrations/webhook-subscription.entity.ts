import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Platform } from './platform.entity';

/** Where a platform wants status events posted, and which event types. */
@Entity()
@Index(['countyId', 'platformId'])
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @Column({ type: 'uuid' })
  platformId!: string;

  @ManyToOne(() => Platform, { onDelete: 'CASCADE' })
  @JoinColumn()
  platform?: Platform;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', array: true, length: 40 })
  eventTypes!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Set when a delivery exhausted its retry window; cleared by the next success. */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
