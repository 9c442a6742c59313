import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CountyOwnedEntity } from '../../../counties/county-owned.base';

export const OSM_IMPORT_JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type OsmImportJobStatus = (typeof OSM_IMPORT_JOB_STATUSES)[number];

export interface OsmImportJobOptions {
  allowMissingElevation: boolean;
  boundaryCoordinateSystem: 'wgs84' | 'gcj02';
  snapThresholdM: number | null;
}

/**
 * An OSM import started from the API: what the operator sent, how far the worker got, and its report.
 * The uploaded files wait in `osm_import_file` (the worker may run on another machine) and are
 * deleted once the job ends.
 */
@Entity()
@Index(['countyId', 'createdAt'])
export class OsmImportJob extends CountyOwnedEntity {
  @Column({ type: 'enum', enum: OSM_IMPORT_JOB_STATUSES, default: 'queued' })
  status!: OsmImportJobStatus;

  @Column({ type: 'jsonb' })
  options!: OsmImportJobOptions;

  /** The last progress the worker reported: step, fraction of it done, detail. */
  @Column({ type: 'jsonb', nullable: true })
  progress!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  report!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export const OSM_IMPORT_FILE_ROLES = ['pbf', 'dem', 'boundary'] as const;
export type OsmImportFileRole = (typeof OSM_IMPORT_FILE_ROLES)[number];

/** One uploaded file of an import job, kept until the job ends. */
@Entity()
export class OsmImportFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => OsmImportJob, { onDelete: 'CASCADE' })
  @JoinColumn()
  job?: OsmImportJob;

  @Column({ type: 'enum', enum: OSM_IMPORT_FILE_ROLES })
  role!: OsmImportFileRole;

  /** As uploaded: it tells the DEM reader the format and the SRTM tile (`N42E001.hgt.zip`). */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
