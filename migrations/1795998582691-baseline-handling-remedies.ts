import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: the unconsolidated baseline's routes and stops stored with each plan; the county's handling
 * costs per parcel (hub sort 15 fen, township hand-over 10 fen by default) and the plan's snapshot of
 * them; the baseline's unserved shipments and the remedies for shipments left open.
 */
export class BaselineHandlingRemedies1795998582691 implements MigrationInterface {
  name = 'BaselineHandlingRemedies1795998582691';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "plan_baseline_route" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "platform_id" uuid NOT NULL, "route_number" integer NOT NULL, "vehicle_class" character varying(32) NOT NULL, "template_vehicle_id" uuid NOT NULL, "capacity_weight_g" integer NOT NULL, "capacity_volume_cm3" integer NOT NULL, "capacity_parcels" integer NOT NULL, "start_node_id" uuid NOT NULL, "distance_m" integer NOT NULL, "duration_s" integer NOT NULL, "cost_fen" integer NOT NULL, "parcels_delivered" integer NOT NULL, "parcels_picked_up" integer NOT NULL, "peak_load_weight_g" integer NOT NULL, "peak_load_volume_cm3" integer NOT NULL, "peak_load_parcels" integer NOT NULL, "departure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "return_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_4fe37027b53ffff0ea72fdbb9b2" UNIQUE ("plan_id", "route_number"), CONSTRAINT "PK_4fba6f5fca8d7262659a337bb66" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9559a2a3098b51d7c5c0e4d6a8" ON "plan_baseline_route" ("plan_id", "platform_id") `);
    await queryRunner.query(`CREATE TABLE "plan_baseline_stop" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "route_id" uuid NOT NULL, "sequence" integer NOT NULL, "node_id" uuid NOT NULL, "arrival_at" TIMESTAMP WITH TIME ZONE NOT NULL, "departure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "parcels_delivered" integer NOT NULL, "parcels_picked_up" integer NOT NULL, "weight_delivered_g" integer NOT NULL, "weight_picked_up_g" integer NOT NULL, "volume_delivered_cm3" integer NOT NULL, "volume_picked_up_cm3" integer NOT NULL, "shipment_ids" uuid array NOT NULL, CONSTRAINT "UQ_92b0fe1a46a703b1333ce916848" UNIQUE ("route_id", "sequence"), CONSTRAINT "PK_b992d41cd1617fb7861f08ebe24" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "county" ADD "hub_sort_fen_per_parcel" integer NOT NULL DEFAULT '15'`);
    await queryRunner.query(`ALTER TABLE "county" ADD "township_handover_fen_per_parcel" integer NOT NULL DEFAULT '10'`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "hub_sort_fen_per_parcel" integer`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "township_handover_fen_per_parcel" integer`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "baseline_unassigned" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "remedies" jsonb`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_route" ADD CONSTRAINT "FK_5e57fc72e9b813c95c5b4a18826" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_route" ADD CONSTRAINT "FK_9bfe2e0b3706cd577810eed8407" FOREIGN KEY ("start_node_id") REFERENCES "network_node"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_stop" ADD CONSTRAINT "FK_5597a3e3c3bfa1691aa4c2827fd" FOREIGN KEY ("route_id") REFERENCES "plan_baseline_route"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_stop" ADD CONSTRAINT "FK_a476c71d8afff6d4411545274e9" FOREIGN KEY ("node_id") REFERENCES "network_node"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_baseline_stop" DROP CONSTRAINT "FK_a476c71d8afff6d4411545274e9"`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_stop" DROP CONSTRAINT "FK_5597a3e3c3bfa1691aa4c2827fd"`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_route" DROP CONSTRAINT "FK_9bfe2e0b3706cd577810eed8407"`);
    await queryRunner.query(`ALTER TABLE "plan_baseline_route" DROP CONSTRAINT "FK_5e57fc72e9b813c95c5b4a18826"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "remedies"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "baseline_unassigned"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "township_handover_fen_per_parcel"`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "hub_sort_fen_per_parcel"`);
    await queryRunner.query(`ALTER TABLE "county" DROP COLUMN "township_handover_fen_per_parcel"`);
    await queryRunner.query(`ALTER TABLE "county" DROP COLUMN "hub_sort_fen_per_parcel"`);
    await queryRunner.query(`DROP TABLE "plan_baseline_stop"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9559a2a3098b51d7c5c0e4d6a8"`);
    await queryRunner.query(`DROP TABLE "plan_baseline_route"`);
  }
}
