import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9, scheduled waves: a county's wave cut-offs and auto-publish flag; a plan made by one publishes once computed. */
export class WaveSchedules1795994530572 implements MigrationInterface {
  name = 'WaveSchedules1795994530572';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "wave_schedule" ("county_id" uuid NOT NULL, "waves" jsonb NOT NULL DEFAULT '[]', "auto_publish" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_59538f2643a1f665804c6e01779" PRIMARY KEY ("county_id"))`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "publish_when_computed" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "wave_schedule" ADD CONSTRAINT "FK_59538f2643a1f665804c6e01779" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "wave_schedule" DROP CONSTRAINT "FK_59538f2643a1f665804c6e01779"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "publish_when_computed"`);
    await queryRunner.query(`DROP TABLE "wave_schedule"`);
  }
}
