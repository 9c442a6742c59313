import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: a plan's revision (one step per plan_event row) for `expectedRevision` on edits and publish,
 * and Idempotency-Key claims written before the work (no answer yet, `completed_at` null). Rows from
 * before are completed answers, and a plan's revision starts at the events it already has.
 */
export class PlanRevisionIdempotencyClaims1795998649338 implements MigrationInterface {
  name = 'PlanRevisionIdempotencyClaims1795998649338';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" ADD "revision" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "completed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" ALTER COLUMN "response_body" DROP NOT NULL`);
    await queryRunner.query(`UPDATE "idempotency_record" SET "completed_at" = "created_at"`);
    await queryRunner.query(`UPDATE "plan" p SET "revision" = (SELECT count(*) FROM "plan_event" e WHERE e."plan_id" = p."id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "idempotency_record" WHERE "completed_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" ALTER COLUMN "response_body" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "completed_at"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "revision"`);
  }
}
