import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OperatorUser } from './operator-user.entity';

/**
 * A console session, in PostgreSQL so that every API process sees it and no Redis flush ends it. Only
 * the SHA-256 of the cookie's token is stored. It ends `idleS` after `lastSeenAt`, at `expiresAt`
 * (absolute), or at sign-out (the row is deleted).
 */
@Entity()
export class OperatorSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => OperatorUser, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: OperatorUser;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
