import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: village service calendars (network_node.service_calendar), the county's default promise per
 * service level (promise_default), when each shipment arrived and whether its promise had already
 * passed then, and what a plan defers (plan_deferral) or brings late (plan.late).
 */
export class ServiceCalendarsPromisesDeferrals1795999420857 implements MigrationInterface {
  name = 'ServiceCalendarsPromisesDeferrals1795999420857';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "promise_default" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "service_level" character varying(32) NOT NULL, "days_after_arrival" smallint NOT NULL, "due_time" character varying(5) NOT NULL, "cutoff_time" character varying(5), CONSTRAINT "UQ_1d73bc68abd97b5de790e058425" UNIQUE ("county_id", "service_level"), CONSTRAINT "PK_c3249963148ae286d443b7bd4fc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "plan_deferral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "shipment_id" uuid NOT NULL, "village_node_id" uuid NOT NULL, "direction" character varying(16) NOT NULL, "parcels" integer NOT NULL, "reason" character varying(32) NOT NULL, "planned_for" date NOT NULL, "due_by" TIMESTAMP WITH TIME ZONE NOT NULL, "promise_source" character varying(16) NOT NULL, CONSTRAINT "UQ_da9993add97ab7360aff18f6634" UNIQUE ("plan_id", "shipment_id"), CONSTRAINT "PK_3e06577c47b631f448b5970e6b4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_69708f2f005bfdb350af6cb04d" ON "plan_deferral" ("plan_id") `);
    await queryRunner.query(`ALTER TABLE "shipment" ADD "arrived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "shipment" ADD "late_on_arrival" boolean NOT NULL DEFAULT false`);
    // Shipments already in the county's hands: an inbound one from its first hub scan, a pickup from its request.
    await queryRunner.query(
      `UPDATE "shipment" s SET "arrived_at" = COALESCE((SELECT min(p."scanned_in_at") FROM "shipment_parcel" p WHERE p."shipment_id" = s."id"), s."created_at")
        WHERE s."direction" = 'outbound_pickup' OR s."status" <> 'received'`,
    );
    await queryRunner.query(`UPDATE "shipment" SET "late_on_arrival" = true WHERE "promised_by" < "arrived_at"`);
    await queryRunner.query(`ALTER TABLE "network_node" ADD "service_calendar" jsonb`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "late" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "deferred_summary" jsonb`);
    await queryRunner.query(`ALTER TABLE "promise_default" ADD CONSTRAINT "FK_2da69b3e2459ff33c65c8f6f0fc" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_deferral" ADD CONSTRAINT "FK_69708f2f005bfdb350af6cb04de" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_deferral" DROP CONSTRAINT "FK_69708f2f005bfdb350af6cb04de"`);
    await queryRunner.query(`ALTER TABLE "promise_default" DROP CONSTRAINT "FK_2da69b3e2459ff33c65c8f6f0fc"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "deferred_summary"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "late"`);
    await queryRunner.query(`ALTER TABLE "network_node" DROP COLUMN "service_calendar"`);
    await queryRunner.query(`ALTER TABLE "shipment" DROP COLUMN "late_on_arrival"`);
    await queryRunner.query(`ALTER TABLE "shipment" DROP COLUMN "arrived_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_69708f2f005bfdb350af6cb04d"`);
    await queryRunner.query(`DROP TABLE "plan_deferral"`);
    await queryRunner.query(`DROP TABLE "promise_default"`);
  }
}
