import { MigrationInterface, QueryRunner } from 'typeorm';

/** Platforms' feed keys were viewer keys, which could read the whole county; they become platform keys. */
export class PlatformKeysToPlatformRole1795930821954 implements MigrationInterface {
  name = 'PlatformKeysToPlatformRole1795930821954';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "api_key" SET "role" = 'platform' WHERE "id" IN (SELECT "api_key_id" FROM "platform")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "api_key" SET "role" = 'viewer' WHERE "role" = 'platform'`);
  }
}
