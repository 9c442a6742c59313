import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: "every action a person takes is recorded with their user id": one row per change an
 * operator (a console account or an operator key) asks of the API, written by OperatorActionsInterceptor.
 */
export class OperatorActions1796134200000 implements MigrationInterface {
  name = 'OperatorActions1796134200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "operator_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_id" uuid NOT NULL, "actor" character varying(80) NOT NULL, "user_id" uuid, "api_key_id" uuid, "role" character varying(20) NOT NULL, "method" character varying(10) NOT NULL, "route" character varying(300) NOT NULL, "params" jsonb NOT NULL, "status" smallint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ab2543307deac8cf7a66c991ee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_850f01f2dda22c2229d0c682b7" ON "operator_action" ("county_id", "user_id", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_e068c52123e56ef25052696474" ON "operator_action" ("county_id", "at") `);
    await queryRunner.query(`ALTER TABLE "operator_action" ADD CONSTRAINT "FK_9ae1b6aaf1922495ce004fc11e1" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "operator_action" DROP CONSTRAINT "FK_9ae1b6aaf1922495ce004fc11e1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e068c52123e56ef25052696474"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_850f01f2dda22c2229d0c682b7"`);
    await queryRunner.query(`DROP TABLE "operator_action"`);
  }
}
