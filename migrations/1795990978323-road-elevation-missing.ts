import { MigrationInterface, QueryRunner } from 'typeorm';

/** Roads whose climb is unknown (no DEM covered them) say so. */
export class RoadElevationMissing1795990978323 implements MigrationInterface {
  name = 'RoadElevationMissing1795990978323';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "road_segment" ADD "elevation_missing" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "road_segment" DROP COLUMN "elevation_missing"`);
  }
}
