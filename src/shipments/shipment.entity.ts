import { Column, Entity, Index, Unique } from 'typeorm';
import { TimestampedCountyEntity } from '../counties/county-owned.base';
import { SHIPMENT_DIRECTIONS, SHIPMENT_STATUSES, ShipmentDirection, ShipmentStatus } from './shipment-status';

export const RESOLUTION_METHODS = ['admin_code', 'coordinate', 'name'] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];

/** The destination as the platform gave it (its coordinate in WGS 84, converted from GCJ-02 when sent so); kept so an operator can fix an unresolved one. */
export interface DestinationInput {
  villageCode?: string;
  coordinate?: [number, number];
  address?: { county?: string; township?: string; village?: string; detail?: string };
}

/**
 * One platform shipment. Unique on (platform, platform's id): that constraint, not a prior read, is
 * what makes intake exactly-once under concurrent duplicates.
 */
@Entity()
@Unique(['platformId', 'platformShipmentId'])
@Index(['countyId', 'status'])
@Index(['countyId', 'needsAttention'])
// The search indexes use varchar_pattern_ops, which decorators cannot state: migration ShipmentSearch owns them.
@Index('IDX_shipment_search_platform_id', { synchronize: false })
@Index('IDX_shipment_search_contact_name', { synchronize: false })
@Index('IDX_shipment_search_contact_phone', { synchronize: false })
@Index('IDX_shipment_search_village', { synchronize: false })
@Index('IDX_shipment_search_created_at', { synchronize: false })
export class Shipment extends TimestampedCountyEntity {
  /** The platform that pushed it (integrations owns platforms; no foreign key across modules). */
  @Column({ type: 'uuid' })
  platformId!: string;

  @Column({ type: 'varchar', length: 100 })
  platformShipmentId!: string;

  /** SHA-256 of the canonical JSON the platform sent; a repeat with another hash is a conflict. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'enum', enum: SHIPMENT_DIRECTIONS })
  direction!: ShipmentDirection;

  @Column({ type: 'enum', enum: SHIPMENT_STATUSES })
  status!: ShipmentStatus;

  @Column({ type: 'varchar', length: 32 })
  serviceLevel!: string;

  @Column({ type: 'timestamptz', nullable: true })
  promisedBy!: Date | null;

  /**
   * When the parcel came into the county's hands, by the Clock: the first hub scan of an inbound
   * shipment, the request of a produce pickup. A county's default promise counts from it.
   */
  @Column({ type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  /** Its `promisedBy` had already passed when it arrived (at intake or at the hub scan): accepted, planned first. */
  @Column({ type: 'boolean', default: false })
  lateOnArrival!: boolean;

  /** Recipient for inbound, sender for pickups. The phone is personal data: logs redact *.contactPhone. */
  @Column({ type: 'varchar', length: 100 })
  contactName!: string;

  @Column({ type: 'varchar', length: 32 })
  contactPhone!: string;

  @Column({ type: 'jsonb' })
  destination!: DestinationInput;

  @Column({ type: 'uuid', nullable: true })
  villageNodeId!: string | null;

  @Column({ type: 'enum', enum: RESOLUTION_METHODS, nullable: true })
  resolvedBy!: ResolutionMethod | null;

  @Column({ type: 'boolean', default: false })
  needsAttention!: boolean;

  @Column({ type: 'varchar', length: 300, nullable: true })
  attentionReason!: string | null;

  @Column({ type: 'integer' })
  parcelCount!: number;

  @Column({ type: 'integer' })
  totalWeightG!: number;

  @Column({ type: 'integer' })
  totalVolumeCm3!: number;

  @Column({ type: 'bigint' })
  declaredValueFen!: string;

  @Column({ type: 'bigint' })
  cashOnDeliveryFen!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
