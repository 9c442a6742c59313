import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The secret that signs drivers' access tokens (HS256) and derives refresh-token successors and
 * recipient codes. Made at random by the first process that needs it and kept here, so every API
 * process agrees without configuration; whoever can read this table could forge driver tokens, as
 * whoever can write the database could forge anything else.
 */
@Entity()
export class DriverTokenKey {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'bytea' })
  secret!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
