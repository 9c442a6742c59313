import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NetworkNode } from '../../network/network-node.entity';
import { BaselineRoute } from './baseline-route.entity';
import { StopFigureColumns } from '../route-columns';

/** A baseline route's visit to one village: the carrier's own parcels handed over or collected there (`shipmentIds`: its own, sorted). */
@Entity({ name: 'plan_baseline_stop' })
@Unique(['routeId', 'sequence'])
export class BaselineStop extends StopFigureColumns {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  routeId!: string;

  @ManyToOne(() => BaselineRoute, (route) => route.stops, { onDelete: 'CASCADE' })
  @JoinColumn()
  route?: BaselineRoute;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'uuid' })
  nodeId!: string;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT' })
  @JoinColumn()
  node?: NetworkNode;
}
