import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795924827821 implements MigrationInterface {
  name = 'InitialSchema1795924827821';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "county" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "name_en" character varying(100), "admin_code" character(6) NOT NULL, "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Shanghai', "network_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_37b97e85a5db8e276515cb7a875" UNIQUE ("admin_code"), CONSTRAINT "PK_e64ba58a034afb0e3d15b329351" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."road_segment_road_class_enum" AS ENUM('motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'service', 'track')`);
    await queryRunner.query(`CREATE TYPE "public"."road_segment_surface_enum" AS ENUM('paved', 'gravel', 'dirt', 'unknown')`);
    await queryRunner.query(`CREATE TABLE "road_segment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "external_id" character varying(64) NOT NULL, "from_vertex" character varying(64) NOT NULL, "to_vertex" character varying(64) NOT NULL, "geometry" geometry(LineString,4326) NOT NULL, "length_m" integer NOT NULL, "road_class" "public"."road_segment_road_class_enum" NOT NULL, "surface" "public"."road_segment_surface_enum" NOT NULL DEFAULT 'unknown', "climb_m" integer NOT NULL DEFAULT '0', "descent_m" integer NOT NULL DEFAULT '0', "one_way" boolean NOT NULL DEFAULT false, "closures" jsonb NOT NULL DEFAULT '[]', "synthetic" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_2f86d0d0804fa9717c50540d831" UNIQUE ("county_id", "external_id"), CONSTRAINT "PK_1ee71546f44e9cdc68196952f55" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_96741c8ab71bd49888d4ffa610" ON "road_segment" USING GiST ("geometry") `);
    await queryRunner.query(`CREATE TYPE "public"."network_node_tier_enum" AS ENUM('county_hub', 'township_station', 'village_point')`);
    await queryRunner.query(`CREATE TABLE "network_node" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "tier" "public"."network_node_tier_enum" NOT NULL, "parent_id" uuid, "code" character varying(32) NOT NULL, "admin_code" character varying(12), "name" character varying(200) NOT NULL, "location" geometry(Point,4326) NOT NULL, "elevation_m" integer, "opening_hours" jsonb, "service_time_s" integer NOT NULL DEFAULT '300', "storage_capacity_parcels" integer, "synthetic_location" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_37e2467cabc9091f25089a1d476" UNIQUE ("county_id", "code"), CONSTRAINT "PK_aa8f174afae1d176977091be9e2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9d9bdc8c122703354b645b8f89" ON "network_node" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_422c30fb11ef215ad6c74a8e85" ON "network_node" USING GiST ("location") `);
    await queryRunner.query(`CREATE INDEX "IDX_069780cad5607a8e944465fb38" ON "network_node" ("county_id", "tier") `);
    await queryRunner.query(`CREATE TYPE "public"."vehicle_vehicle_class_enum" AS ENUM('truck', 'van', 'tricycle', 'motorcycle')`);
    await queryRunner.query(`CREATE TABLE "vehicle" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "vehicle_class" "public"."vehicle_vehicle_class_enum" NOT NULL, "capacity_weight_g" integer NOT NULL, "capacity_volume_cm3" integer NOT NULL, "capacity_parcels" integer NOT NULL, "fixed_cost_fen" integer NOT NULL DEFAULT '0', "cost_per_km_fen" integer NOT NULL DEFAULT '0', "cost_per_hour_fen" integer NOT NULL DEFAULT '0', "home_node_id" uuid NOT NULL, "shift_start_s" integer NOT NULL, "shift_end_s" integer NOT NULL, "max_duration_s" integer, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d40ed19c86272f6818819c0ca90" UNIQUE ("county_id", "code"), CONSTRAINT "PK_187fa17ba39d367e5604b3d1ec9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "driver" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "phone" character varying(20) NOT NULL, "vehicle_id" uuid, "home_node_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c3748eb04a55f110ff94567687a" UNIQUE ("county_id", "phone"), CONSTRAINT "PK_61de71a8d217d585ecd5ee3d065" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."api_key_role_enum" AS ENUM('admin', 'dispatcher', 'viewer')`);
    await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "role" "public"."api_key_role_enum" NOT NULL, "key_hash" character(64) NOT NULL, "key_prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3c9751d2a6011ba13e27838105" ON "api_key" ("key_hash") `);
    await queryRunner.query(`ALTER TABLE "road_segment" ADD CONSTRAINT "FK_5028a856c1b792d6e67d7b56a07" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "network_node" ADD CONSTRAINT "FK_9319789030d9657e4e6967f5433" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "network_node" ADD CONSTRAINT "FK_9d9bdc8c122703354b645b8f890" FOREIGN KEY ("parent_id") REFERENCES "network_node"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vehicle" ADD CONSTRAINT "FK_7c47cc0aef161631117e4268bd9" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vehicle" ADD CONSTRAINT "FK_9573db008f51fc5c04e3c280f34" FOREIGN KEY ("home_node_id") REFERENCES "network_node"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver" ADD CONSTRAINT "FK_cefce294467054e1abdb6fa8e32" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver" ADD CONSTRAINT "FK_91050248cf4f2d56faaecfe4ba1" FOREIGN KEY ("vehicle_id") REFERENCES "vehicle"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "driver" ADD CONSTRAINT "FK_fcfaa9d8cb3e73e73ed048e6283" FOREIGN KEY ("home_node_id") REFERENCES "network_node"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_381483daf4546d9c0359e1f3483" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_381483daf4546d9c0359e1f3483"`);
    await queryRunner.query(`ALTER TABLE "driver" DROP CONSTRAINT "FK_fcfaa9d8cb3e73e73ed048e6283"`);
    await queryRunner.query(`ALTER TABLE "driver" DROP CONSTRAINT "FK_91050248cf4f2d56faaecfe4ba1"`);
    await queryRunner.query(`ALTER TABLE "driver" DROP CONSTRAINT "FK_cefce294467054e1abdb6fa8e32"`);
    await queryRunner.query(`ALTER TABLE "vehicle" DROP CONSTRAINT "FK_9573db008f51fc5c04e3c280f34"`);
    await queryRunner.query(`ALTER TABLE "vehicle" DROP CONSTRAINT "FK_7c47cc0aef161631117e4268bd9"`);
    await queryRunner.query(`ALTER TABLE "network_node" DROP CONSTRAINT "FK_9d9bdc8c122703354b645b8f890"`);
    await queryRunner.query(`ALTER TABLE "network_node" DROP CONSTRAINT "FK_9319789030d9657e4e6967f5433"`);
    await queryRunner.query(`ALTER TABLE "road_segment" DROP CONSTRAINT "FK_5028a856c1b792d6e67d7b56a07"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3c9751d2a6011ba13e27838105"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP TYPE "public"."api_key_role_enum"`);
    await queryRunner.query(`DROP TABLE "driver"`);
    await queryRunner.query(`DROP TABLE "vehicle"`);
    await queryRunner.query(`DROP TYPE "public"."vehicle_vehicle_class_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_069780cad5607a8e944465fb38"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_422c30fb11ef215ad6c74a8e85"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9d9bdc8c122703354b645b8f89"`);
    await queryRunner.query(`DROP TABLE "network_node"`);
    await queryRunner.query(`DROP TYPE "public"."network_node_tier_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_96741c8ab71bd49888d4ffa610"`);
    await queryRunner.query(`DROP TABLE "road_segment"`);
    await queryRunner.query(`DROP TYPE "public"."road_segment_surface_enum"`);
    await queryRunner.query(`DROP TYPE "public"."road_segment_road_class_enum"`);
    await queryRunner.query(`DROP TABLE "county"`);
  }
}
