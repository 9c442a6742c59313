import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: platforms' webhook secrets are stored sealed (AES-256-GCM under WEBHOOK_SECRET_KEY). The
 * columns are renamed for what they hold and widened for the sealed form. Rows written before keep
 * their plaintext until `rural-dispatch secrets reseal` seals them (a migration has no key to seal with).
 */
export class SealedWebhookSecrets1796100000000 implements MigrationInterface {
  name = 'SealedWebhookSecrets1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "platform" RENAME COLUMN "webhook_secret" TO "sealed_webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "platform" RENAME COLUMN "previous_webhook_secret" TO "sealed_previous_webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "platform" ALTER COLUMN "sealed_webhook_secret" TYPE character varying(200)`);
    await queryRunner.query(`ALTER TABLE "platform" ALTER COLUMN "sealed_previous_webhook_secret" TYPE character varying(200)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Sealed values do not fit the old width: going back needs `secrets reseal` undone first, which does not exist; refuse loudly instead of truncating.
    const [{ sealed }] = await queryRunner.query(`SELECT count(*)::int AS sealed FROM "platform" WHERE "sealed_webhook_secret" LIKE 'sealed:%' OR "sealed_previous_webhook_secret" LIKE 'sealed:%'`);
    if (sealed > 0) throw new Error(`${sealed} platform(s) hold sealed webhook secrets; the previous schema cannot store them`);
    await queryRunner.query(`ALTER TABLE "platform" ALTER COLUMN "sealed_previous_webhook_secret" TYPE character varying(100)`);
    await queryRunner.query(`ALTER TABLE "platform" ALTER COLUMN "sealed_webhook_secret" TYPE character varying(100)`);
    await queryRunner.query(`ALTER TABLE "platform" RENAME COLUMN "sealed_previous_webhook_secret" TO "previous_webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "platform" RENAME COLUMN "sealed_webhook_secret" TO "webhook_secret"`);
  }
}
