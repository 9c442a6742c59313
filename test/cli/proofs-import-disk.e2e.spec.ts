import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresProofStorage } from '../../src/driver/proofs/postgres-proof-storage';
import { DiskProofStorage } from '../../src/driver/proofs/proof-storage';
import { databaseOptions } from '../../src/infra/database/database-options';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { runCliCaptured } from './cli-run';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');
const proof = (countyId: string) => {
  const bytes = Buffer.concat([PNG, Buffer.from(randomUUID())]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { key: `${countyId}/${sha256.slice(0, 2)}/${sha256}`, bytes };
};

/** A deployment that kept proofs on disk moves them into PostgreSQL before it unsets PROOF_STORAGE_DIR. */
describe('rural-dispatch proofs import-disk', () => {
  const saved = { ...process.env };
  let databaseUrl: string;
  let dataSource: DataSource;
  let directory: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    // As an operator would run it: the old disk settings still in the environment.
    Object.assign(process.env, { DATABASE_URL: databaseUrl, PROOF_STORAGE_DIR: '/nowhere', LOG_LEVEL: 'silent' });
    dataSource = await new DataSource(databaseOptions(databaseUrl)).initialize();
    directory = await mkdtemp(path.join(tmpdir(), 'rd-proofs-import-'));
  });

  afterAll(async () => {
    process.env = saved;
    await dataSource.destroy();
    await dropTestDatabase(databaseUrl);
    await rm(directory, { recursive: true, force: true });
  });

  it('copies every proof once, leaves out a corrupt file and ignores what is not a proof', async () => {
    const disk = new DiskProofStorage(directory);
    const [countyA, countyB] = [randomUUID(), randomUUID()];
    const proofs = [proof(countyA), proof(countyA), proof(countyB)];
    for (const { key, bytes } of proofs) await disk.put(key, bytes);
    const corrupt = proof(countyB);
    await disk.put(corrupt.key, Buffer.from('not what the name says'));
    await writeFile(path.join(directory, countyA, 'stray.part'), 'half a file');

    const first = await runCliCaptured(['proofs', 'import-disk', '--dir', directory]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/copied 3 proof\(s\) into PostgreSQL; 0 were there already; 1 left out as corrupt; 1 other file\(s\) ignored/);
    expect(first.stderr).toContain(`left out ${corrupt.key}`);
    const stored = new PostgresProofStorage(dataSource);
    for (const { key, bytes } of proofs) expect((await stored.get(key))!.equals(bytes)).toBe(true);
    expect(await stored.get(corrupt.key)).toBeNull();

    await rm(path.join(directory, corrupt.key));
    const again = await runCliCaptured(['proofs', 'import-disk', '--dir', directory]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/copied 0 proof\(s\) into PostgreSQL; 3 were there already; 0 left out/);
    expect(Number((await dataSource.query('SELECT count(*) AS n FROM proof_blob'))[0].n)).toBe(3);
  });

  it('refuses a directory that is not there (exit 2)', async () => {
    const result = await runCliCaptured(['proofs', 'import-disk', '--dir', path.join(directory, 'missing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a directory/);
  });
});
