import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10, the driver API: drivers' accounts (PIN, lockout), devices, refresh-token families, one-time
 * codes, the token secret; events synced from phones and the shipments they concern; proofs and the
 * county's proof rule.
 */
export class DriverApi1795999307232 implements MigrationInterface {
  name = 'DriverApi1795999307232';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "driver_proof_policy" ("county_id" uuid NOT NULL, "delivered" character varying(20) NOT NULL DEFAULT 'never', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_455dc03f866c1eb7f8b5a414b2f" PRIMARY KEY ("county_id"))`);
    await queryRunner.query(`CREATE TABLE "driver_proof" ("driver_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "county_id" uuid NOT NULL, "content_type" character varying(40) NOT NULL, "size_bytes" integer NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a798798756696a10d3ba2512ba1" PRIMARY KEY ("driver_id", "sha256"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bb3e2ca61eef30148093204dfd" ON "driver_proof" ("county_id", "sha256") `);
    await queryRunner.query(`CREATE TABLE "driver_event" ("id" uuid NOT NULL, "county_id" uuid NOT NULL, "driver_id" uuid NOT NULL, "device_id" uuid NOT NULL, "route_id" uuid NOT NULL, "stop_id" uuid, "type" character varying(20) NOT NULL, "barcode" character varying(64), "parcel_id" uuid, "reason_code" character varying(40), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "clock_offset_s" integer NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" geometry(Point,4326), "location_accuracy_m" integer, "proof_kind" character varying(20), "proof_sha256" character(64), "cash_collected_fen" bigint, "note" character varying(500), "content_hash" character(64) NOT NULL, CONSTRAINT "PK_932acdaad13660e74b24a3e6b50" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cec3f0271ad03e52567b7d1553" ON "driver_event" USING GiST ("location") `);
    await queryRunner.query(`CREATE INDEX "IDX_1e8c0686072e7c85b9f27b1a81" ON "driver_event" ("county_id", "driver_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_9a4a8ab381041ba2881f438d86" ON "driver_event" ("route_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "driver_token_key" ("id" smallint NOT NULL, "secret" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c551d9cfa3ec14222207007eef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "driver_sign_in_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "driver_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34398dded0e23c89f4eb2ce0a87" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d173626a8d5353f1e82108ebbe" ON "driver_sign_in_code" ("driver_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "driver_device" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "driver_id" uuid NOT NULL, "client_device_id" character varying(100) NOT NULL, "name" character varying(100), "platform" character varying(40), "last_seen_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_d6e39092e3cf2934bbaf3b9f6c3" UNIQUE ("driver_id", "client_device_id"), CONSTRAINT "PK_eabd668cfda7bf92e412a12260d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "driver_refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "driver_id" uuid NOT NULL, "device_id" uuid NOT NULL, "family_id" uuid NOT NULL, "parent_id" uuid, "token_hash" character(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" character varying(40), CONSTRAINT "UQ_0a6473f2222a849b0cd6a15c899" UNIQUE ("token_hash"), CONSTRAINT "PK_5342c47be626a670150992183fb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_396414a73d9ab39cafc5570fec" ON "driver_refresh_token" ("device_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fbbf28b478630f1590152d0648" ON "driver_refresh_token" ("family_id") `);
    await queryRunner.query(`CREATE TABLE "driver_account" ("driver_id" uuid NOT NULL, "county_id" uuid NOT NULL, "pin_hash" character varying(200), "pin_set_at" TIMESTAMP WITH TIME ZONE, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fcb1d41ba471c9df62afb2c5550" PRIMARY KEY ("driver_id"))`);
    await queryRunner.query(`CREATE TABLE "driver_event_shipment" ("shipment_id" uuid NOT NULL, "event_id" uuid NOT NULL, "parcel_id" uuid, "implied_status" character varying(20), CONSTRAINT "PK_36a7ad8e4d92eacb1c9c4b543f2" PRIMARY KEY ("shipment_id", "event_id"))`);
    await queryRunner.query(`ALTER TABLE "driver_proof_policy" ADD CONSTRAINT "FK_455dc03f866c1eb7f8b5a414b2f" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_proof" ADD CONSTRAINT "FK_31854dab4b49e65f1f7c1708341" FOREIGN KEY ("driver_id") REFERENCES "driver"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_sign_in_code" ADD CONSTRAINT "FK_b8f487a4466867badb3454f6eb1" FOREIGN KEY ("driver_id") REFERENCES "driver"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_device" ADD CONSTRAINT "FK_f4ac312208715deeec3bf17baea" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_device" ADD CONSTRAINT "FK_7c7214c43d3f1970ea2d5c7d726" FOREIGN KEY ("driver_id") REFERENCES "driver"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_refresh_token" ADD CONSTRAINT "FK_396414a73d9ab39cafc5570fec1" FOREIGN KEY ("device_id") REFERENCES "driver_device"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_account" ADD CONSTRAINT "FK_fcb1d41ba471c9df62afb2c5550" FOREIGN KEY ("driver_id") REFERENCES "driver"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_account" ADD CONSTRAINT "FK_d87cf3a6e937a72c2e792731b36" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver_event_shipment" ADD CONSTRAINT "FK_276091e8357092eb3b4c7035ed0" FOREIGN KEY ("event_id") REFERENCES "driver_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "driver_event_shipment" DROP CONSTRAINT "FK_276091e8357092eb3b4c7035ed0"`);
    await queryRunner.query(`ALTER TABLE "driver_account" DROP CONSTRAINT "FK_d87cf3a6e937a72c2e792731b36"`);
    await queryRunner.query(`ALTER TABLE "driver_account" DROP CONSTRAINT "FK_fcb1d41ba471c9df62afb2c5550"`);
    await queryRunner.query(`ALTER TABLE "driver_refresh_token" DROP CONSTRAINT "FK_396414a73d9ab39cafc5570fec1"`);
    await queryRunner.query(`ALTER TABLE "driver_device" DROP CONSTRAINT "FK_7c7214c43d3f1970ea2d5c7d726"`);
    await queryRunner.query(`ALTER TABLE "driver_device" DROP CONSTRAINT "FK_f4ac312208715deeec3bf17baea"`);
    await queryRunner.query(`ALTER TABLE "driver_sign_in_code" DROP CONSTRAINT "FK_b8f487a4466867badb3454f6eb1"`);
    await queryRunner.query(`ALTER TABLE "driver_proof" DROP CONSTRAINT "FK_31854dab4b49e65f1f7c1708341"`);
    await queryRunner.query(`ALTER TABLE "driver_proof_policy" DROP CONSTRAINT "FK_455dc03f866c1eb7f8b5a414b2f"`);
    await queryRunner.query(`DROP TABLE "driver_event_shipment"`);
    await queryRunner.query(`DROP TABLE "driver_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fbbf28b478630f1590152d0648"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_396414a73d9ab39cafc5570fec"`);
    await queryRunner.query(`DROP TABLE "driver_refresh_token"`);
    await queryRunner.query(`DROP TABLE "driver_device"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d173626a8d5353f1e82108ebbe"`);
    await queryRunner.query(`DROP TABLE "driver_sign_in_code"`);
    await queryRunner.query(`DROP TABLE "driver_token_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9a4a8ab381041ba2881f438d86"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1e8c0686072e7c85b9f27b1a81"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cec3f0271ad03e52567b7d1553"`);
    await queryRunner.query(`DROP TABLE "driver_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb3e2ca61eef30148093204dfd"`);
    await queryRunner.query(`DROP TABLE "driver_proof"`);
    await queryRunner.query(`DROP TABLE "driver_proof_policy"`);
  }
}
