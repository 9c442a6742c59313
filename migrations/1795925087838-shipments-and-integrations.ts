import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShipmentsAndIntegrations1795925087838 implements MigrationInterface {
  name = 'ShipmentsAndIntegrations1795925087838';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."shipment_direction_enum" AS ENUM('inbound', 'outbound_pickup')`);
    await queryRunner.query(`CREATE TYPE "public"."shipment_status_enum" AS ENUM('received', 'at_hub', 'planned', 'in_transit', 'at_township', 'out_for_delivery', 'delivered', 'failed', 'returned', 'cancelled', 'requested', 'picked_up')`);
    await queryRunner.query(`CREATE TYPE "public"."shipment_resolved_by_enum" AS ENUM('admin_code', 'coordinate', 'name')`);
    await queryRunner.query(`CREATE TABLE "shipment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "platform_id" uuid NOT NULL, "platform_shipment_id" character varying(100) NOT NULL, "content_hash" character(64) NOT NULL, "direction" "public"."shipment_direction_enum" NOT NULL, "status" "public"."shipment_status_enum" NOT NULL, "service_level" character varying(32) NOT NULL, "promised_by" TIMESTAMP WITH TIME ZONE, "contact_name" character varying(100) NOT NULL, "contact_phone" character varying(32) NOT NULL, "destination" jsonb NOT NULL, "village_node_id" uuid, "resolved_by" "public"."shipment_resolved_by_enum", "needs_attention" boolean NOT NULL DEFAULT false, "attention_reason" character varying(300), "parcel_count" integer NOT NULL, "total_weight_g" integer NOT NULL, "total_volume_cm3" integer NOT NULL, "declared_value_fen" bigint NOT NULL, "cash_on_delivery_fen" bigint NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_45c3b6463f03bc7ebce40322359" UNIQUE ("platform_id", "platform_shipment_id"), CONSTRAINT "PK_f51f635db95c534ca206bf7a0a4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7effbed63f797cc98d518267f6" ON "shipment" ("county_id", "needs_attention") `);
    await queryRunner.query(`CREATE INDEX "IDX_27f46aa48bd0d646b54d29b721" ON "shipment" ("county_id", "status") `);
    await queryRunner.query(`CREATE TABLE "shipment_parcel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shipment_id" uuid NOT NULL, "county_id" uuid NOT NULL, "barcode" character varying(64) NOT NULL, "weight_g" integer NOT NULL, "length_mm" integer NOT NULL, "width_mm" integer NOT NULL, "height_mm" integer NOT NULL, "declared_value_fen" bigint NOT NULL DEFAULT '0', "cash_on_delivery_fen" bigint NOT NULL DEFAULT '0', "scanned_in_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_0c6b62112eea147c70a5ba501f0" UNIQUE ("county_id", "barcode"), CONSTRAINT "PK_9ece69d5de91d1f7708e58ceba8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_193914c25cb9e340312cfa4f7a" ON "shipment_parcel" ("shipment_id") `);
    await queryRunner.query(`CREATE TABLE "shipment_outbox" ("event_id" bigint NOT NULL, "county_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_40f73a03f3723bcf6158ba5975f" PRIMARY KEY ("event_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_shipment_outbox_unrelayed" ON "shipment_outbox" ("event_id") WHERE relayed_at IS NULL`);
    await queryRunner.query(`CREATE TYPE "public"."shipment_event_from_status_enum" AS ENUM('received', 'at_hub', 'planned', 'in_transit', 'at_township', 'out_for_delivery', 'delivered', 'failed', 'returned', 'cancelled', 'requested', 'picked_up')`);
    await queryRunner.query(`CREATE TYPE "public"."shipment_event_to_status_enum" AS ENUM('received', 'at_hub', 'planned', 'in_transit', 'at_township', 'out_for_delivery', 'delivered', 'failed', 'returned', 'cancelled', 'requested', 'picked_up')`);
    await queryRunner.query(`CREATE TABLE "shipment_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "tx_id" bigint NOT NULL, "county_id" uuid NOT NULL, "platform_id" uuid NOT NULL, "shipment_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "from_status" "public"."shipment_event_from_status_enum", "to_status" "public"."shipment_event_to_status_enum" NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_225d54792e24adfffdb489fba36" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_37a10f9077763c50c1492230dc" ON "shipment_event" ("shipment_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_89bc42fde155485dd2158c8620" ON "shipment_event" ("county_id", "tx_id", "id") `);
    await queryRunner.query(`CREATE TABLE "platform" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "api_key_id" uuid NOT NULL, "webhook_secret" character varying(100) NOT NULL, "previous_webhook_secret" character varying(100), "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_660ab7ac1bfd1c87965adf6d86f" UNIQUE ("api_key_id"), CONSTRAINT "UQ_f44c2a48a6ef96812e4b342c3ba" UNIQUE ("county_id", "name"), CONSTRAINT "PK_c33d6abeebd214bd2850bfd6b8e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "webhook_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "platform_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "event_types" character varying(40) array NOT NULL, "active" boolean NOT NULL DEFAULT true, "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b52cb4811c5ada4f42896c37ba8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bd41aa5949b8b7c2aea7394a46" ON "webhook_subscription" ("county_id", "platform_id") `);
    await queryRunner.query(`CREATE TYPE "public"."webhook_delivery_status_enum" AS ENUM('pending', 'delivered', 'failed')`);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "event_id" bigint NOT NULL, "subscription_id" uuid NOT NULL, "status" "public"."webhook_delivery_status_enum" NOT NULL DEFAULT 'pending', "attempt_count" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "first_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_085ecfcd3658b33ebef45397666" UNIQUE ("event_id", "subscription_id"), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_06affeb511c88b0e946ee54f9e" ON "webhook_delivery" ("county_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_68fd3a7ad4e5504350f64a3472" ON "webhook_delivery" ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE TABLE "webhook_delivery_attempt" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "delivery_id" uuid NOT NULL, "attempt_number" integer NOT NULL, "status_code" integer, "duration_ms" integer NOT NULL, "error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6efad829bd07e78a18fd0ad5d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fdb08c9f305a6fa2808a00d7ea" ON "webhook_delivery_attempt" ("delivery_id", "attempt_number") `);
    await queryRunner.query(`ALTER TABLE "shipment" ADD CONSTRAINT "FK_46ff51de596f99d4c3f2c11c033" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "shipment_parcel" ADD CONSTRAINT "FK_193914c25cb9e340312cfa4f7ae" FOREIGN KEY ("shipment_id") REFERENCES "shipment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "platform" ADD CONSTRAINT "FK_c8ff4f526104d2f5cf959a77a47" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_subscription" ADD CONSTRAINT "FK_76faff29854a0d0dfbb13639829" FOREIGN KEY ("platform_id") REFERENCES "platform"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_236a6a1218756223393d1fb5acc" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery_attempt" ADD CONSTRAINT "FK_d6b1ad59ea81fa8680d8e7cab82" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery_attempt" DROP CONSTRAINT "FK_d6b1ad59ea81fa8680d8e7cab82"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_236a6a1218756223393d1fb5acc"`);
    await queryRunner.query(`ALTER TABLE "webhook_subscription" DROP CONSTRAINT "FK_76faff29854a0d0dfbb13639829"`);
    await queryRunner.query(`ALTER TABLE "platform" DROP CONSTRAINT "FK_c8ff4f526104d2f5cf959a77a47"`);
    await queryRunner.query(`ALTER TABLE "shipment_parcel" DROP CONSTRAINT "FK_193914c25cb9e340312cfa4f7ae"`);
    await queryRunner.query(`ALTER TABLE "shipment" DROP CONSTRAINT "FK_46ff51de596f99d4c3f2c11c033"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fdb08c9f305a6fa2808a00d7ea"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_68fd3a7ad4e5504350f64a3472"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_06affeb511c88b0e946ee54f9e"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bd41aa5949b8b7c2aea7394a46"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
    await queryRunner.query(`DROP TABLE "platform"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_89bc42fde155485dd2158c8620"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_37a10f9077763c50c1492230dc"`);
    await queryRunner.query(`DROP TABLE "shipment_event"`);
    await queryRunner.query(`DROP TYPE "public"."shipment_event_to_status_enum"`);
    await queryRunner.query(`DROP TYPE "public"."shipment_event_from_status_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_shipment_outbox_unrelayed"`);
    await queryRunner.query(`DROP TABLE "shipment_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_193914c25cb9e340312cfa4f7a"`);
    await queryRunner.query(`DROP TABLE "shipment_parcel"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_27f46aa48bd0d646b54d29b721"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7effbed63f797cc98d518267f6"`);
    await queryRunner.query(`DROP TABLE "shipment"`);
    await queryRunner.query(`DROP TYPE "public"."shipment_resolved_by_enum"`);
    await queryRunner.query(`DROP TYPE "public"."shipment_status_enum"`);
    await queryRunner.query(`DROP TYPE "public"."shipment_direction_enum"`);
  }
}
