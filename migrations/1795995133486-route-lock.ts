import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9: a dispatcher locks a route so that a replan keeps it as it is. */
export class RouteLock1795995133486 implements MigrationInterface {
  name = 'RouteLock1795995133486';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_route" ADD "locked" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_route" DROP COLUMN "locked"`);
  }
}
