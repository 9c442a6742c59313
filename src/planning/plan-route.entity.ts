import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Driver } from '../fleet/driver.entity';
import { Vehicle } from '../fleet/vehicle.entity';
import { NetworkNode } from '../network/network-node.entity';
import type { PlanStop } from './plan-stop.entity';
import { Plan } from './plan.entity';
import { RouteFigureColumns } from './route-columns';

export const ECHELONS = ['trunk', 'last_mile'] as const;
/** Set by the operator now, by driver events once drivers report. */
export const ROUTE_STATUSES = ['planned', 'dispatched', 'completed'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

/** One vehicle's run in a plan: from its base (hub or township station) through its stops and back. */
@Entity()
@Unique(['planId', 'routeNumber'])
@Index(['vehicleId'])
export class PlanRoute extends RouteFigureColumns {
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

  /** Who drives it: by default the driver assigned to the vehicle; required before dispatch. */
  @Column({ type: 'uuid', nullable: true })
  driverId!: string | null;

  @ManyToOne(() => Driver, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn()
  driver?: Driver | null;

  @Column({ type: 'enum', enum: ROUTE_STATUSES, default: 'planned' })
  status!: RouteStatus;

  /** The dispatcher keeps this route as it is: a replan plans around it, like a dispatched route. */
  @Column({ type: 'boolean', default: false })
  locked!: boolean;

  @Column({ type: 'enum', enum: ECHELONS })
  echelon!: (typeof ECHELONS)[number];

  @Column({ type: 'uuid' })
  startNodeId!: string;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT' })
  @JoinColumn()
  startNode?: NetworkNode;

  @OneToMany('PlanStop', 'route')
  stops?: PlanStop[];
}
