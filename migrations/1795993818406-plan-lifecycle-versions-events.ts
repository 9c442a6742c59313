import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, the plan lifecycle: the computation's status (`completed` becomes `computed`) apart from
 * the lifecycle (existing plans become drafts, version 1); versions with the plan they supersede and
 * the unique key (county, date, wave, version); route driver and status; plan_event history; the
 * Idempotency-Key records of operator requests.
 */
export class PlanLifecycleVersionsEvents1795993818406 implements MigrationInterface {
  name = 'PlanLifecycleVersionsEvents1795993818406';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "UQ_5cd87942e3e46440798b3f1494d"`);
    await queryRunner.query(`CREATE TABLE "plan_event" ("id" BIGSERIAL NOT NULL, "plan_id" uuid NOT NULL, "route_id" uuid, "type" character varying(40) NOT NULL, "actor" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "data" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_29284541f209ad400a5bfa92c5e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a6395eef28c2a5ae0a95b42253" ON "plan_event" ("plan_id", "id") `);
    await queryRunner.query(`CREATE TABLE "idempotency_record" ("county_id" uuid NOT NULL, "key" character varying(255) NOT NULL, "scope" character varying(500) NOT NULL, "request_hash" character(64) NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63d3386322815fd7977e3e91b20" PRIMARY KEY ("county_id", "key"))`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "supersedes_plan_id" uuid`);
    await queryRunner.query(`CREATE TYPE "public"."plan_lifecycle_enum" AS ENUM('draft', 'published', 'completed', 'cancelled')`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "lifecycle" "public"."plan_lifecycle_enum" NOT NULL DEFAULT 'draft'`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "plan_route" ADD "driver_id" uuid`);
    await queryRunner.query(`CREATE TYPE "public"."plan_route_status_enum" AS ENUM('planned', 'dispatched', 'completed')`);
    await queryRunner.query(`ALTER TABLE "plan_route" ADD "status" "public"."plan_route_status_enum" NOT NULL DEFAULT 'planned'`);
    await queryRunner.query(`ALTER TYPE "public"."plan_status_enum" RENAME TO "plan_status_enum_old"`);
    await queryRunner.query(`CREATE TYPE "public"."plan_status_enum" AS ENUM('queued', 'running', 'computed', 'failed')`);
    await queryRunner.query(`ALTER TABLE "plan" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "plan" ALTER COLUMN "status" TYPE "public"."plan_status_enum" USING (CASE "status"::"text" WHEN 'completed' THEN 'computed' ELSE "status"::"text" END)::"public"."plan_status_enum"`);
    await queryRunner.query(`ALTER TABLE "plan" ALTER COLUMN "status" SET DEFAULT 'queued'`);
    await queryRunner.query(`DROP TYPE "public"."plan_status_enum_old"`);
    await queryRunner.query(`ALTER TABLE "plan" ADD CONSTRAINT "UQ_41c6bd94928cead5366b5de75a5" UNIQUE ("county_id", "service_date", "wave", "version")`);
    await queryRunner.query(`ALTER TABLE "plan_route" ADD CONSTRAINT "FK_1756955cea33aef8632518746c2" FOREIGN KEY ("driver_id") REFERENCES "driver"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_event" ADD CONSTRAINT "FK_a42ea136f03439eb6061caf0d96" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD CONSTRAINT "FK_480e01c7ebf71d5c974dd34289f" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP CONSTRAINT "FK_480e01c7ebf71d5c974dd34289f"`);
    await queryRunner.query(`ALTER TABLE "plan_event" DROP CONSTRAINT "FK_a42ea136f03439eb6061caf0d96"`);
    await queryRunner.query(`ALTER TABLE "plan_route" DROP CONSTRAINT "FK_1756955cea33aef8632518746c2"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "UQ_41c6bd94928cead5366b5de75a5"`);
    await queryRunner.query(`CREATE TYPE "public"."plan_status_enum_old" AS ENUM('queued', 'running', 'completed', 'failed')`);
    await queryRunner.query(`ALTER TABLE "plan" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "plan" ALTER COLUMN "status" TYPE "public"."plan_status_enum_old" USING (CASE "status"::"text" WHEN 'computed' THEN 'completed' ELSE "status"::"text" END)::"public"."plan_status_enum_old"`);
    await queryRunner.query(`ALTER TABLE "plan" ALTER COLUMN "status" SET DEFAULT 'queued'`);
    await queryRunner.query(`DROP TYPE "public"."plan_status_enum"`);
    await queryRunner.query(`ALTER TYPE "public"."plan_status_enum_old" RENAME TO "plan_status_enum"`);
    await queryRunner.query(`ALTER TABLE "plan_route" DROP COLUMN "status"`);
    await queryRunner.query(`DROP TYPE "public"."plan_route_status_enum"`);
    await queryRunner.query(`ALTER TABLE "plan_route" DROP COLUMN "driver_id"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "published_at"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "lifecycle"`);
    await queryRunner.query(`DROP TYPE "public"."plan_lifecycle_enum"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "supersedes_plan_id"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "version"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a6395eef28c2a5ae0a95b42253"`);
    await queryRunner.query(`DROP TABLE "plan_event"`);
    await queryRunner.query(`ALTER TABLE "plan" ADD CONSTRAINT "UQ_5cd87942e3e46440798b3f1494d" UNIQUE ("county_id", "service_date", "wave")`);
  }
}
