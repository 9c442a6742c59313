import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Point } from 'geojson';

/**
 * One event a driver's phone recorded, as accepted: the id is the phone's, so the same event sent
 * again is found and not stored twice. `occurredAt` is the phone's time corrected by the batch it first
 * came in; every rule orders events by it, then by id.
 */
@Entity()
@Index(['routeId', 'occurredAt'])
@Index(['countyId', 'driverId', 'occurredAt'])
export class DriverEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @Column({ type: 'uuid' })
  driverId!: string;

  @Column({ type: 'uuid' })
  deviceId!: string;

  /** No foreign key: a route's reports outlive any change to the plan it was in. */
  @Column({ type: 'uuid' })
  routeId!: string;

  @Column({ type: 'uuid', nullable: true })
  stopId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  type!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  barcode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  parcelId!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  reasonCode!: string | null;

  /** The phone's clock as sent. */
  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  /** recordedAt + clockOffsetS. */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'integer' })
  clockOffsetS!: number;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location!: Point | null;

  @Column({ type: 'integer', nullable: true })
  locationAccuracyM!: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  proofKind!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  proofSha256!: string | null;

  @Column({ type: 'bigint', nullable: true })
  cashCollectedFen!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  /** SHA-256 of the event as sent: the same id with other content is refused, not merged. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;
}
