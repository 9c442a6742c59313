import { MigrationInterface, QueryRunner } from 'typeorm';

/** OSM imports started from the API (queue `imports`): the job row and its uploaded files until it ends. */
export class OsmImportJobs1795991801526 implements MigrationInterface {
  name = 'OsmImportJobs1795991801526';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."osm_import_job_status_enum" AS ENUM('queued', 'running', 'completed', 'failed')`);
    await queryRunner.query(`CREATE TABLE "osm_import_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "status" "public"."osm_import_job_status_enum" NOT NULL DEFAULT 'queued', "options" jsonb NOT NULL, "progress" jsonb, "report" jsonb, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98729daf5c1e0ca8c56a65fce4d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bd98e21e584ef0376c1045dfac" ON "osm_import_job" ("county_id", "created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."osm_import_file_role_enum" AS ENUM('pbf', 'dem', 'boundary')`);
    await queryRunner.query(`CREATE TABLE "osm_import_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job_id" uuid NOT NULL, "role" "public"."osm_import_file_role_enum" NOT NULL, "file_name" character varying(255) NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_79a09a7a9f285c49cf8c5e45683" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_95c78aca54b309ab57b74ea51d" ON "osm_import_file" ("job_id") `);
    await queryRunner.query(`ALTER TABLE "osm_import_job" ADD CONSTRAINT "FK_923b60322b6c9ee46d92583ebea" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "osm_import_file" ADD CONSTRAINT "FK_95c78aca54b309ab57b74ea51d7" FOREIGN KEY ("job_id") REFERENCES "osm_import_job"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "osm_import_file" DROP CONSTRAINT "FK_95c78aca54b309ab57b74ea51d7"`);
    await queryRunner.query(`ALTER TABLE "osm_import_job" DROP CONSTRAINT "FK_923b60322b6c9ee46d92583ebea"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_95c78aca54b309ab57b74ea51d"`);
    await queryRunner.query(`DROP TABLE "osm_import_file"`);
    await queryRunner.query(`DROP TYPE "public"."osm_import_file_role_enum"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bd98e21e584ef0376c1045dfac"`);
    await queryRunner.query(`DROP TABLE "osm_import_job"`);
    await queryRunner.query(`DROP TYPE "public"."osm_import_job_status_enum"`);
  }
}
