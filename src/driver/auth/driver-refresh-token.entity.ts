import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DriverDevice } from './driver-device.entity';

/**
 * One refresh token of a device's sign-in. Each use rotates it: the row is marked rotated and its
 * successor (same family) is issued. Only the SHA-256 of the token is stored.
 */
@Entity()
@Index(['familyId'])
@Index(['deviceId'])
export class DriverRefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  countyId!: string;

  @Column({ type: 'uuid' })
  driverId!: string;

  @Column({ type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => DriverDevice, { onDelete: 'CASCADE' })
  @JoinColumn()
  device?: DriverDevice;

  /** Every token descended from one sign-in; reuse of a rotated token revokes them all. */
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** reuse, signed_out, signed_in_again */
  @Column({ type: 'varchar', length: 40, nullable: true })
  revokeReason!: string | null;
}
