import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique, UpdateDateColumn } from 'typeorm';
import type { Point } from 'geojson';
import { CountyOwnedEntity } from '../counties/county-owned.base';
import type { ServiceCalendar } from './service-calendar';

export const NODE_TIERS = ['county_hub', 'township_station', 'village_point'] as const;
export type NodeTier = (typeof NODE_TIERS)[number];

export interface OpeningHoursRule {
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  open: string;
  close: string;
}

@Entity()
@Unique(['countyId', 'code'])
@Index(['countyId', 'tier'])
export class NetworkNode extends CountyOwnedEntity {
  @Column({ type: 'enum', enum: NODE_TIERS })
  tier!: NodeTier;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => NetworkNode, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn()
  parent?: NetworkNode | null;

  /** The operator's identifier, unique in the county; for administrative units the 12-digit code. */
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  /** 12-digit statistical division code (NBS), when the node is an administrative unit. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  adminCode!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326 })
  location!: Point;

  @Column({ type: 'integer', nullable: true })
  elevationM!: number | null;

  /** Null means always open. Local time of the county. */
  @Column({ type: 'jsonb', nullable: true })
  openingHours!: OpeningHoursRule[] | null;

  @Column({ type: 'integer', default: 300 })
  serviceTimeS!: number;

  /**
   * When the node's villages are served (service-calendar.ts): a village point's own, or a township
   * station's default for its villages. Null: none of its own (a village follows its station; every day
   * when neither has one).
   */
  @Column({ type: 'jsonb', nullable: true })
  serviceCalendar!: ServiceCalendar | null;

  @Column({ type: 'integer', nullable: true })
  storageCapacityParcels!: number | null;

  /** True when the point was generated (e.g. placed around its township), not surveyed. */
  @Column({ type: 'boolean', default: false })
  syntheticLocation!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
