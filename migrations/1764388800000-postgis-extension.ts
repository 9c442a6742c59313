import { MigrationInterface, QueryRunner } from 'typeorm';

/** PostGIS first: every geometry column after this depends on it. The package must be installed (scripts/ensure-postgis.sh). */
export class PostgisExtension1764388800000 implements MigrationInterface {
  name = 'PostgisExtension1764388800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS postgis`);
  }
}
