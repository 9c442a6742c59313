import { MigrationInterface, QueryRunner } from 'typeorm';

/** A county's planning horizon: plans may be requested for today up to this many days ahead (default 7). */
export class CountyPlanningHorizon1795993488285 implements MigrationInterface {
  name = 'CountyPlanningHorizon1795993488285';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "county" ADD "planning_horizon_days" smallint NOT NULL DEFAULT '7'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "county" DROP COLUMN "planning_horizon_days"`);
  }
}
