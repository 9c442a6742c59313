import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A `platform` role for platforms' own keys. Adding an enum value must commit before the value is
 * used, so the keys are moved to it by the next migration (migrations run one transaction each).
 */
export class PlatformKeyRole1795930821953 implements MigrationInterface {
  name = 'PlatformKeyRole1795930821953';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."api_key_role_enum" ADD VALUE IF NOT EXISTS 'platform'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."api_key_role_enum" RENAME TO "api_key_role_enum_old"`);
    await queryRunner.query(`CREATE TYPE "public"."api_key_role_enum" AS ENUM('admin', 'dispatcher', 'viewer')`);
    await queryRunner.query(
      `ALTER TABLE "api_key" ALTER COLUMN "role" TYPE "public"."api_key_role_enum" USING (CASE WHEN "role"::text = 'platform' THEN 'viewer' ELSE "role"::text END)::"public"."api_key_role_enum"`,
    );
    await queryRunner.query(`DROP TYPE "public"."api_key_role_enum_old"`);
  }
}
