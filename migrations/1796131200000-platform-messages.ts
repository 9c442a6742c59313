import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, throughput: the webhook-ids applied to shipments move from Redis into PostgreSQL, where the
 * intake's own statement writes them (no Redis round trip per push, and a failed statement releases its id).
 * The index on received_at serves the worker's purge of ids older than the tolerance window.
 */
export class PlatformMessages1796131200000 implements MigrationInterface {
  name = 'PlatformMessages1796131200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "platform_message" ("platform_id" uuid NOT NULL, "webhook_id" character varying(100) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_platform_message" PRIMARY KEY ("platform_id", "webhook_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_platform_message_received_at" ON "platform_message" ("received_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_platform_message_received_at"`);
    await queryRunner.query(`DROP TABLE "platform_message"`);
  }
}
