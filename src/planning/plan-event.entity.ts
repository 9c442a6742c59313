import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Plan } from './plan.entity';

export const PLAN_EVENT_TYPES = [
  'plan.requested',
  'plan.version_created',
  'plan.computed',
  'plan.failed',
  'plan.published',
  'plan.cancelled',
  'plan.completed',
  'route.driver_changed',
  'route.status_changed',
  'route.locked',
  'route.unlocked',
  'route.stop_moved',
  'route.stops_reordered',
] as const;
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

/** Append-only history of a plan: every change with who made it (an API key id, or `worker`/`scheduler`). */
@Entity()
@Index(['planId', 'id'])
export class PlanEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn()
  plan?: Plan;

  /** The route it concerns, when it concerns one (no foreign key: a replaced route's history stays). */
  @Column({ type: 'uuid', nullable: true })
  routeId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  type!: PlanEventType;

  /** The API key id of the operator, or `worker` / `scheduler` for the machines. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;
}
