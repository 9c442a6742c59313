import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, the console's shipment search: prefix lookups (varchar_pattern_ops, so LIKE 'x%' uses them
 * whatever the collation) on the platform id, the recipient's name and phone inside a county, the
 * shipments of a village, and the creation date for date filters. pg_trgm is not assumed.
 */
export class ShipmentSearch1796120000000 implements MigrationInterface {
  name = 'ShipmentSearch1796120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_shipment_search_platform_id" ON "shipment" ("county_id", "platform_shipment_id" varchar_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_shipment_search_contact_name" ON "shipment" ("county_id", "contact_name" varchar_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_shipment_search_contact_phone" ON "shipment" ("county_id", "contact_phone" varchar_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_shipment_search_village" ON "shipment" ("county_id", "village_node_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_shipment_search_created_at" ON "shipment" ("county_id", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['created_at', 'village', 'contact_phone', 'contact_name', 'platform_id']) await queryRunner.query(`DROP INDEX "IDX_shipment_search_${name}"`);
  }
}
