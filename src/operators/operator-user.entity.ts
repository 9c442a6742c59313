import { Column, Entity, Index } from 'typeorm';
import { TimestampedCountyEntity } from '../counties/county-owned.base';

/** A person's roles: the operator roles of API keys (a platform is never a person). */
export const OPERATOR_USER_ROLES = ['admin', 'dispatcher', 'viewer'] as const;
export type OperatorUserRole = (typeof OPERATOR_USER_ROLES)[number];

/** A person of the county centre who signs in to the console. Only the argon2id hash of the password is kept. */
@Entity()
@Index(['countyId', 'username'], { unique: true })
export class OperatorUser extends TimestampedCountyEntity {
  /** Lower case; unique within the county (two counties may both have a `wang`). */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'enum', enum: OPERATOR_USER_ROLES, enumName: 'operator_user_role' })
  role!: OperatorUserRole;

  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  /** A disabled account cannot sign in, and its sessions end at once. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
