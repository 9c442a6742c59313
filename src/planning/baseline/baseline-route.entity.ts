import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NetworkNode } from '../../network/network-node.entity';
import type { BaselineStop } from './baseline-stop.entity';
import { Plan } from '../plan.entity';
import { RouteFigureColumns } from '../route-columns';

/**
 * One route of a plan's unconsolidated baseline: the same day as one carrier (platform) would run it
 * without the county co-delivery centre, with a vehicle of one of the hub's types, from the hub
 * straight to its villages. Nobody drives it: it is the yardstick the plan's saving is measured
 * against, and what each carrier's share of the day's cost is capped at.
 */
@Entity({ name: 'plan_baseline_route' })
@Unique(['planId', 'routeNumber'])
@Index(['planId', 'platformId'])
export class BaselineRoute extends RouteFigureColumns {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn()
  plan?: Plan;

  /** The carrier whose parcels this route carries (integrations owns platforms; no foreign key across modules). */
  @Column({ type: 'uuid' })
  platformId!: string;

  /** 1-based within the plan's baseline: by carrier id, then the carrier's routes in solver order. */
  @Column({ type: 'integer' })
  routeNumber!: number;

  @Column({ type: 'varchar', length: 32 })
  vehicleClass!: string;

  /** The hub vehicle whose type (capacity, costs, shift) the carrier's vehicle copies. */
  @Column({ type: 'uuid' })
  templateVehicleId!: string;

  @Column({ type: 'integer' })
  capacityWeightG!: number;

  @Column({ type: 'integer' })
  capacityVolumeCm3!: number;

  @Column({ type: 'integer' })
  capacityParcels!: number;

  @Column({ type: 'uuid' })
  startNodeId!: string;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT' })
  @JoinColumn()
  startNode?: NetworkNode;

  @OneToMany('BaselineStop', 'route')
  stops?: BaselineStop[];
}
