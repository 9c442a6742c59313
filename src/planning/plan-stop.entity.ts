import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NetworkNode } from '../network/network-node.entity';
import { PlanRoute } from './plan-route.entity';
import { StopFigureColumns } from './route-columns';

export const STOP_KINDS = ['station_transfer', 'village'] as const;

/** A visit of a route to one node: parcels handed over or collected there. */
@Entity()
@Unique(['routeId', 'sequence'])
@Index(['nodeId'])
export class PlanStop extends StopFigureColumns {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  routeId!: string;

  @ManyToOne(() => PlanRoute, (route) => route.stops, { onDelete: 'CASCADE' })
  @JoinColumn()
  route?: PlanRoute;

  /** 1-based order of the visit within the route. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'uuid' })
  nodeId!: string;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT' })
  @JoinColumn()
  node?: NetworkNode;

  /** A township station where the trunk hands over (and takes back) whole batches, or a village point. */
  @Column({ type: 'enum', enum: STOP_KINDS })
  kind!: (typeof STOP_KINDS)[number];
}
