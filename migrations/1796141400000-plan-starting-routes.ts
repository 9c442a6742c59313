import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14, the dispatch day: a draft replanned in place starts from the routes it replaces, kept on the plan until the replan is written. */
export class PlanStartingRoutes1796141400000 implements MigrationInterface {
  name = 'PlanStartingRoutes1796141400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" ADD "starting_routes" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "starting_routes"`);
  }
}
