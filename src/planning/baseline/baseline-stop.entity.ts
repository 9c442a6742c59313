import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NetworkNode } from '../../network/network-node.entity';
import { BaselineRoute } from './baseline-route.entity';

/** A baseline route's visit to one village: the carrier's own parcels handed over or collected there. */
@Entity({ name: 'plan_baseline_stop' })
@Unique(['routeId', 'sequence'])
export class BaselineStop {
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

  @Column({ type: 'timestamptz' })
  arrivalAt!: Date;

  @Column({ type: 'timestamptz' })
  departureAt!: Date;

  @Column({ type: 'integer' })
  parcelsDelivered!: number;

  @Column({ type: 'integer' })
  parcelsPickedUp!: number;

  @Column({ type: 'integer' })
  weightDeliveredG!: number;

  @Column({ type: 'integer' })
  weightPickedUpG!: number;

  @Column({ type: 'integer' })
  volumeDeliveredCm3!: number;

  @Column({ type: 'integer' })
  volumePickedUpCm3!: number;

  /** The carrier's shipments dropped or collected here, sorted. */
  @Column({ type: 'uuid', array: true })
  shipmentIds!: string[];
}
