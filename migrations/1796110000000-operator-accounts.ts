import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: the console's operator accounts (argon2id password hashes) and their sessions, kept in
 * PostgreSQL so that every API process shares them and a Redis flush signs nobody out.
 */
export class OperatorAccounts1796110000000 implements MigrationInterface {
  name = 'OperatorAccounts1796110000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."operator_user_role" AS ENUM('admin', 'dispatcher', 'viewer')`);
    await queryRunner.query(`CREATE TABLE "operator_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "username" character varying(64) NOT NULL, "display_name" character varying(100) NOT NULL, "role" "public"."operator_user_role" NOT NULL, "password_hash" character varying(200) NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ba0edb808a3f9239e74221c9e4d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9b1d2c6511a57ad92502c4803d" ON "operator_user" ("county_id", "username") `);
    await queryRunner.query(`CREATE TABLE "operator_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3d0dc224191e7dc8af380a42b0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e609cda02124ac44af75324ed9" ON "operator_session" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_65e205b6d0aeb1bb2794924850" ON "operator_session" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "operator_user" ADD CONSTRAINT "FK_2860f9cb9799f4a8db214e65e13" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "operator_session" ADD CONSTRAINT "FK_65e205b6d0aeb1bb27949248507" FOREIGN KEY ("user_id") REFERENCES "operator_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "operator_session" DROP CONSTRAINT "FK_65e205b6d0aeb1bb27949248507"`);
    await queryRunner.query(`ALTER TABLE "operator_user" DROP CONSTRAINT "FK_2860f9cb9799f4a8db214e65e13"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_65e205b6d0aeb1bb2794924850"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e609cda02124ac44af75324ed9"`);
    await queryRunner.query(`DROP TABLE "operator_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b1d2c6511a57ad92502c4803d"`);
    await queryRunner.query(`DROP TABLE "operator_user"`);
    await queryRunner.query(`DROP TYPE "public"."operator_user_role"`);
  }
}
