import { Column, CreateDateColumn, Entity, Index, Unique, UpdateDateColumn } from 'typeorm';
import type { LineString } from 'geojson';
import { CountyOwnedEntity } from '../counties/county-owned.base';

export const ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'service', 'track'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];
export const ROAD_SURFACES = ['paved', 'gravel', 'dirt', 'unknown'] as const;
export type RoadSurface = (typeof ROAD_SURFACES)[number];

export interface RoadClosure {
  start: string;
  end: string;
  reason?: string;
}

/** One edge of the county's road graph, drawn from `fromVertex` to `toVertex`. */
@Entity()
@Unique(['countyId', 'externalId'])
export class RoadSegment extends CountyOwnedEntity {
  /** The segment's id in the imported data, unique per county; imports upsert by it. */
  @Column({ type: 'varchar', length: 64 })
  externalId!: string;

  @Column({ type: 'varchar', length: 64 })
  fromVertex!: string;

  @Column({ type: 'varchar', length: 64 })
  toVertex!: string;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'LineString', srid: 4326 })
  geometry!: LineString;

  @Column({ type: 'integer' })
  lengthM!: number;

  @Column({ type: 'enum', enum: ROAD_CLASSES })
  roadClass!: RoadClass;

  @Column({ type: 'enum', enum: ROAD_SURFACES, default: 'unknown' })
  surface!: RoadSurface;

  @Column({ type: 'integer', default: 0 })
  climbM!: number;

  @Column({ type: 'integer', default: 0 })
  descentM!: number;

  @Column({ type: 'boolean', default: false })
  oneWay!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  closures!: RoadClosure[];

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  /** No DEM covered the road: `climbM`/`descentM` are 0 because they are unknown, not because it is flat. */
  @Column({ type: 'boolean', default: false })
  elevationMissing!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
