import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Plan } from '../plan.entity';

/**
 * A shipment the plan leaves for a later day: why, and the day its village is next served (within its
 * promise). The shipment stays at the hub (or requested), so later plans take it up again.
 */
@Entity()
@Unique(['planId', 'shipmentId'])
export class PlanDeferral {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne('Plan', { onDelete: 'CASCADE' })
  @JoinColumn()
  plan?: Plan;

  /** Shipments own their table (no foreign key across modules). */
  @Column({ type: 'uuid' })
  shipmentId!: string;

  @Column({ type: 'uuid' })
  villageNodeId!: string;

  /** delivery or pickup. */
  @Column({ type: 'varchar', length: 16 })
  direction!: string;

  @Column({ type: 'integer' })
  parcels!: number;

  /** not_service_day, cheaper_later or no_room_today (docs/planning.md). */
  @Column({ type: 'varchar', length: 32 })
  reason!: string;

  /** Local date of the county. */
  @Column({ type: 'date' })
  plannedFor!: string;

  @Column({ type: 'timestamptz' })
  dueBy!: Date;

  /** platform or county_default. */
  @Column({ type: 'varchar', length: 16 })
  promiseSource!: string;
}
