import { MigrationInterface, QueryRunner } from 'typeorm';

export class Planning1795925392798 implements MigrationInterface {
  name = 'Planning1795925392798';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."plan_status_enum" AS ENUM('queued', 'running', 'completed', 'failed')`);
    await queryRunner.query(`CREATE TABLE "plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "service_date" date NOT NULL, "wave" smallint NOT NULL, "status" "public"."plan_status_enum" NOT NULL DEFAULT 'queued', "network_version" integer, "seed" integer NOT NULL, "time_limit_s" integer NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "total_cost_fen" bigint, "total_distance_m" integer, "total_duration_s" integer, "parcels" integer, "cost_per_parcel_fen" integer, "vehicles_used" integer, "unassigned" jsonb NOT NULL DEFAULT '[]', "statistics" jsonb, "error" character varying(1000), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5cd87942e3e46440798b3f1494d" UNIQUE ("county_id", "service_date", "wave"), CONSTRAINT "PK_54a2b686aed3b637654bf7ddbb3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a724292a70bb2de4d26eec4124" ON "plan" ("county_id", "created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."plan_route_echelon_enum" AS ENUM('trunk', 'last_mile')`);
    await queryRunner.query(`CREATE TABLE "plan_route" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "route_number" integer NOT NULL, "vehicle_id" uuid NOT NULL, "echelon" "public"."plan_route_echelon_enum" NOT NULL, "start_node_id" uuid NOT NULL, "distance_m" integer NOT NULL, "duration_s" integer NOT NULL, "cost_fen" integer NOT NULL, "parcels_delivered" integer NOT NULL, "parcels_picked_up" integer NOT NULL, "peak_load_weight_g" integer NOT NULL, "peak_load_volume_cm3" integer NOT NULL, "peak_load_parcels" integer NOT NULL, "departure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "return_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_44360a3ee06917c8a7106fa2ea7" UNIQUE ("plan_id", "route_number"), CONSTRAINT "PK_426d5a2556c5bd0809b6f99a166" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4a7c9be4d830bf4a0aa17ad701" ON "plan_route" ("vehicle_id") `);
    await queryRunner.query(`CREATE TYPE "public"."plan_stop_kind_enum" AS ENUM('station_transfer', 'village')`);
    await queryRunner.query(`CREATE TABLE "plan_stop" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "route_id" uuid NOT NULL, "sequence" integer NOT NULL, "node_id" uuid NOT NULL, "kind" "public"."plan_stop_kind_enum" NOT NULL, "arrival_at" TIMESTAMP WITH TIME ZONE NOT NULL, "departure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "parcels_delivered" integer NOT NULL, "parcels_picked_up" integer NOT NULL, "weight_delivered_g" integer NOT NULL, "weight_picked_up_g" integer NOT NULL, "volume_delivered_cm3" integer NOT NULL, "volume_picked_up_cm3" integer NOT NULL, "shipment_ids" uuid array NOT NULL, CONSTRAINT "UQ_29cc254c92842836ec02c6b4564" UNIQUE ("route_id", "sequence"), CONSTRAINT "PK_dba9067eb771c48c3ab01e59a0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_2eab1cf7eb4813bb52b72d3806" ON "plan_stop" ("node_id") `);
    await queryRunner.query(`ALTER TABLE "plan" ADD CONSTRAINT "FK_fcd483a5c3aa3b1becf1e7ea773" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_route" ADD CONSTRAINT "FK_dae47a905a571e01806b8dde3d9" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_route" ADD CONSTRAINT "FK_4a7c9be4d830bf4a0aa17ad701a" FOREIGN KEY ("vehicle_id") REFERENCES "vehicle"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_route" ADD CONSTRAINT "FK_17cb41e29c36c6a8682ec15389a" FOREIGN KEY ("start_node_id") REFERENCES "network_node"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_stop" ADD CONSTRAINT "FK_547972d349237d9731e27586c44" FOREIGN KEY ("route_id") REFERENCES "plan_route"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_stop" ADD CONSTRAINT "FK_2eab1cf7eb4813bb52b72d3806d" FOREIGN KEY ("node_id") REFERENCES "network_node"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_stop" DROP CONSTRAINT "FK_2eab1cf7eb4813bb52b72d3806d"`);
    await queryRunner.query(`ALTER TABLE "plan_stop" DROP CONSTRAINT "FK_547972d349237d9731e27586c44"`);
    await queryRunner.query(`ALTER TABLE "plan_route" DROP CONSTRAINT "FK_17cb41e29c36c6a8682ec15389a"`);
    await queryRunner.query(`ALTER TABLE "plan_route" DROP CONSTRAINT "FK_4a7c9be4d830bf4a0aa17ad701a"`);
    await queryRunner.query(`ALTER TABLE "plan_route" DROP CONSTRAINT "FK_dae47a905a571e01806b8dde3d9"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_fcd483a5c3aa3b1becf1e7ea773"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2eab1cf7eb4813bb52b72d3806"`);
    await queryRunner.query(`DROP TABLE "plan_stop"`);
    await queryRunner.query(`DROP TYPE "public"."plan_stop_kind_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a7c9be4d830bf4a0aa17ad701"`);
    await queryRunner.query(`DROP TABLE "plan_route"`);
    await queryRunner.query(`DROP TYPE "public"."plan_route_echelon_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a724292a70bb2de4d26eec4124"`);
    await queryRunner.query(`DROP TABLE "plan"`);
    await queryRunner.query(`DROP TYPE "public"."plan_status_enum"`);
  }
}
