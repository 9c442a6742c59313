import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { County } from '../../counties/county.entity';
import { Driver } from '../../fleet/driver.entity';

/** A driver's way into the app: the PIN (its slow hash), the lockout after wrong PINs, and the operator's switch. */
@Entity()
export class DriverAccount {
  @PrimaryColumn({ type: 'uuid' })
  driverId!: string;

  @OneToOne(() => Driver, { onDelete: 'CASCADE' })
  @JoinColumn()
  driver?: Driver;

  @Column({ type: 'uuid' })
  countyId!: string;

  @ManyToOne(() => County, { onDelete: 'CASCADE' })
  @JoinColumn()
  county?: County;

  /** argon2id (PHC string); null until an operator sets the PIN or the driver sets it with a one-time code. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  pinHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  pinSetAt!: Date | null;

  /** Wrong PINs since the last good one or the last lockout. */
  @Column({ type: 'integer', default: 0 })
  failedAttempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** Set by an operator: no sign-in, no runs; what the phones recorded before this instant still syncs. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
