import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone numbers are now stored in E.164 (src/infra/validation/phone-number.ts). Rows written before
 * hold them as sent; this rewrites the form nearly all of them take — Chinese mobile numbers, with
 * or without separators and +86 / 0086 — so that lookups by the new form find them (drivers are
 * unique by phone in a county). Other numbers stay as they are and are normalised on their next
 * update. A driver whose new form another driver of the county already has keeps the old form
 * rather than breaking the unique constraint. The SQL is written out here, not imported, so this
 * migration means the same thing whatever the application code becomes.
 */
const CHINESE_MOBILE_E164 = (column: string) =>
  `'+86' || substring(regexp_replace(${column}, '[ ().-]', '', 'g') from '^(?:\\+86|0086|86)?(1[3-9][0-9]{9})$')`;

export class PhoneNumbersE1641795930821955 implements MigrationInterface {
  name = 'PhoneNumbersE1641795930821955';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH candidate AS (
        SELECT id, county_id, created_at, ${CHINESE_MOBILE_E164('phone')} AS stored FROM "driver"
      ), first_per_number AS (
        SELECT id, county_id, stored, row_number() OVER (PARTITION BY county_id, stored ORDER BY created_at, id) AS rank
          FROM candidate WHERE stored IS NOT NULL
      )
      UPDATE "driver" d SET phone = f.stored
        FROM first_per_number f
       WHERE d.id = f.id AND f.rank = 1 AND d.phone <> f.stored
         AND NOT EXISTS (SELECT 1 FROM "driver" o WHERE o.county_id = f.county_id AND o.phone = f.stored)`);
    await queryRunner.query(`
      UPDATE "shipment" SET contact_phone = ${CHINESE_MOBILE_E164('contact_phone')}
       WHERE ${CHINESE_MOBILE_E164('contact_phone')} IS NOT NULL AND contact_phone <> ${CHINESE_MOBILE_E164('contact_phone')}`);
  }

  /** The form each number was sent in is not kept; E.164 numbers are valid input, so nothing needs undoing. */
  public async down(): Promise<void> {}
}
