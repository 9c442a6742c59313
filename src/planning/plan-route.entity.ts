import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Vehicle } from '../fleet/vehicle.entity';
import { NetworkNode } from '../network/network-node.entity';
import type { PlanStop } from './plan-stop.entity';
import { Plan } from './plan.entity';

export const ECHELONS = ['trunk', 'last_mile'] as const;

/** One vehicle's run in a plan: from its base (hub or township station) through its stops and back. */
@Entity()
@Unique(['planId', 'routeNumber'])
@Index(['vehicleId'])
export class PlanRoute {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, (plan) => plan.routes, { onDelete: 'CASCADE' })
  @JoinColumn()
  plan?: Plan;

  /** 1-based within the plan: trunk routes first, then last-mile routes by station. */
  @Column({ type: 'integer' })
  routeNumber!: number;

  @Column({ type: 'uuid' })
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'RESTRICT' })
  @JoinColumn()
  vehicle?: Vehicle;

  @Column({ type: 'enum', enum: ECHELONS })
  echelon!: (typeof ECHELONS)[number];

  @Column({ type: 'uuid' })
  startNodeId!: string;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT' })
  @JoinColumn()
  startNode?: NetworkNode;

  @Column({ type: 'integer' })
  distanceM!: number;

  @Column({ type: 'integer' })
  durationS!: number;

  @Column({ type: 'integer' })
  costFen!: number;

  @Column({ type: 'integer' })
  parcelsDelivered!: number;

  @Column({ type: 'integer' })
  parcelsPickedUp!: number;

  /** Largest load on board at any point of the route. */
  @Column({ type: 'integer' })
  peakLoadWeightG!: number;

  @Column({ type: 'integer' })
  peakLoadVolumeCm3!: number;

  @Column({ type: 'integer' })
  peakLoadParcels!: number;

  @Column({ type: 'timestamptz' })
  departureAt!: Date;

  @Column({ type: 'timestamptz' })
  returnAt!: Date;

  @OneToMany('PlanStop', 'route')
  stops?: PlanStop[];
}
