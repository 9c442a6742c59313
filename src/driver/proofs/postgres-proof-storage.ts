import { DataSource } from 'typeorm';
import { assertStorageKey, ProofStorage } from './proof-storage';

/**
 * Proofs in the `proof_blob` table: PostgreSQL is the one store every API process shares, so a photo
 * taken through one process is read through any other, and it is backed up with the rows that name
 * it. Proofs are at most PROOF_MAX_BYTES (5 MiB by default), which bytea holds without trouble.
 */
export class PostgresProofStorage implements ProofStorage {
  constructor(private readonly dataSource: DataSource) {}

  /** The key ends in the content hash, so a row already there holds these bytes: a second put (a retry, another process) is a no-op. */
  async put(key: string, bytes: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO proof_blob (key, bytes, size_bytes) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [assertStorageKey(key), bytes, bytes.length]);
  }

  async get(key: string): Promise<Buffer | null> {
    const rows: Array<{ bytes: Buffer }> = await this.dataSource.query(`SELECT bytes FROM proof_blob WHERE key = $1`, [assertStorageKey(key)]);
    return rows[0]?.bytes ?? null;
  }

  async has(key: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM proof_blob WHERE key = $1`, [assertStorageKey(key)]);
    return rows.length > 0;
  }
}
