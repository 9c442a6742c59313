import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: drivers' proof photos and signatures in PostgreSQL (PostgresProofStorage, the default), so
 * that a proof uploaded through one API process is read through any other.
 */
export class ProofBlobs1796137800000 implements MigrationInterface {
  name = 'ProofBlobs1796137800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proof_blob" ("key" character varying(200) NOT NULL, "bytes" bytea NOT NULL, "size_bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3420b6eced4fe0a7fd95277469a" PRIMARY KEY ("key"))`);
    // JPEG, PNG and WebP are compressed already: kept out of line without PostgreSQL trying to compress them again.
    await queryRunner.query(`ALTER TABLE "proof_blob" ALTER COLUMN "bytes" SET STORAGE EXTERNAL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "proof_blob"`);
  }
}
