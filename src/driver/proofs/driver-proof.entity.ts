import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Driver } from '../../fleet/driver.entity';

/** A proof photo or signature a driver uploaded; the bytes live in the proof storage under the content hash. */
@Entity()
@Index(['countyId', 'sha256'])
export class DriverProof {
  @PrimaryColumn({ type: 'uuid' })
  driverId!: string;

  @ManyToOne(() => Driver, { onDelete: 'CASCADE' })
  @JoinColumn()
  driver?: Driver;

  /** Lower-case hex SHA-256 of the bytes: the upload's name and its check. */
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @Column({ type: 'varchar', length: 40 })
  contentType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;
}
