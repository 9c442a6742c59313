import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One HTTP attempt of a delivery: the log an integrator debugs from. */
@Entity()
@Index(['deliveryId', 'attemptNumber'])
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn()
  delivery?: WebhookDelivery;

  @Column({ type: 'integer' })
  attemptNumber!: number;

  @Column({ type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
