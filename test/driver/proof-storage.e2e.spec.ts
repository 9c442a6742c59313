import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresProofStorage } from '../../src/driver/proofs/postgres-proof-storage';
import { DiskProofStorage, ProofStorage } from '../../src/driver/proofs/proof-storage';
import { databaseOptions } from '../../src/infra/database/database-options';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const keyOf = (bytes: Buffer) => {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return `${randomUUID()}/${sha256.slice(0, 2)}/${sha256}`;
};
const BAD_KEYS = ['', '/abs/olute', 'a/../b', '../escape', 'a//b', 'trailing/', 'dots.in.name', 'a/b\u0000', 'sp ace', `a/${'x'.repeat(200)}`];

/**
 * The contract every proof store keeps, on the PostgreSQL store (the default) and the disk store: a put
 * of a key already there is a no-op, a missing key reads as null, and a key that is not plain path
 * segments is refused before anything is written.
 */
describe.each([
  ['PostgreSQL', 'postgres'],
  ['disk', 'disk'],
] as const)('proof storage on %s', (_name, kind) => {
  let storage: ProofStorage;
  let dataSource: DataSource | undefined;
  let databaseUrl: string | undefined;
  let directory: string | undefined;
  const blobRows = async (): Promise<number> => (dataSource ? ((await dataSource.query(`SELECT count(*)::int AS n FROM proof_blob`)) as Array<{ n: number }>)[0]!.n : 0);

  beforeAll(async () => {
    if (kind === 'postgres') {
      databaseUrl = await createTestDatabase();
      dataSource = new DataSource(databaseOptions(databaseUrl));
      await dataSource.initialize();
      storage = new PostgresProofStorage(dataSource);
    } else {
      directory = await mkdtemp(path.join(tmpdir(), 'rd-proof-storage-'));
      storage = new DiskProofStorage(directory);
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('gives back the bytes it was given, byte for byte', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from([0, 1, 2, 255, 254, 0x5c, 0x78])]);
    const key = keyOf(bytes);
    expect(await storage.has(key)).toBe(false);
    await storage.put(key, bytes);
    expect(await storage.has(key)).toBe(true);
    expect((await storage.get(key))!.equals(bytes)).toBe(true);
  });

  it('takes a put of a key it holds as done: once, the first bytes kept, however many times and however concurrently', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from(randomUUID())]);
    const key = keyOf(bytes);
    const before = await blobRows();
    await Promise.all([storage.put(key, bytes), storage.put(key, bytes), storage.put(key, bytes)]);
    await storage.put(key, bytes);
    // Keys are content hashes, so other bytes under a held key cannot come from a correct caller: the first stay.
    await storage.put(key, Buffer.from('something else'));
    expect((await storage.get(key))!.equals(bytes)).toBe(true);
    if (kind === 'postgres') {
      expect(await blobRows()).toBe(before + 1);
      const [row] = await dataSource!.query(`SELECT size_bytes FROM proof_blob WHERE key = $1`, [key]);
      expect(row.size_bytes).toBe(bytes.length);
    }
  });

  it('reads a key it does not hold as null', async () => {
    const key = keyOf(Buffer.from(randomUUID()));
    expect(await storage.get(key)).toBeNull();
    expect(await storage.has(key)).toBe(false);
  });

  it('refuses a key that is not plain path segments, writing nothing', async () => {
    const before = await blobRows();
    for (const key of BAD_KEYS) {
      await expect(storage.put(key, PNG)).rejects.toThrow(RangeError);
      await expect(storage.get(key)).rejects.toThrow(RangeError);
      await expect(storage.has(key)).rejects.toThrow(RangeError);
    }
    expect(await blobRows()).toBe(before);
  });
});
