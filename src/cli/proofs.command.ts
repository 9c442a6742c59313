import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresProofStorage } from '../driver/proofs/postgres-proof-storage';
import { databaseOptions } from '../infra/database/database-options';
import { CliIo } from './cli-io';
import { CliUsageError } from './cli-usage-error';

const PROOF_KEY = /^[0-9a-f-]{36}\/[0-9a-f]{2}\/([0-9a-f]{64})$/;

/**
 * `proofs import-disk --dir D`: copies the proofs a disk store wrote (`<county>/<2 hex>/<sha256>`) into
 * PostgreSQL, the step before a deployment that kept proofs on disk unsets PROOF_STORAGE_DIR. Puts are
 * no-ops for proofs already there, so it may be run again (e.g. once more after the last disk-backed
 * API stopped). A file whose bytes do not hash to its name is left out and counted.
 */
export async function runProofsImportDisk(options: { dir: string }, io: CliIo): Promise<number> {
  const root = path.resolve(options.dir);
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new CliUsageError(`--dir ${options.dir} is not a directory`);
  // Only the database is needed, not the service's configuration: PROOF_STORAGE_DIR is likely still set while this runs.
  const dataSource = new DataSource({ ...databaseOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rural_dispatch'), entities: [] });
  await dataSource.initialize();
  const counts = { copied: 0, present: 0, corrupt: 0, other: 0 };
  try {
    const storage = new PostgresProofStorage(dataSource);
    for (const file of await filesUnder(root)) {
      const key = path.relative(root, file).split(path.sep).join('/');
      const hash = PROOF_KEY.exec(key)?.[1];
      if (!hash) {
        counts.other++;
        continue;
      }
      const bytes = await readFile(file);
      if (createHash('sha256').update(bytes).digest('hex') !== hash) {
        counts.corrupt++;
        io.stderr(`left out ${key}: its bytes do not hash to its name\n`);
      } else if (await storage.has(key)) {
        counts.present++;
      } else {
        await storage.put(key, bytes);
        counts.copied++;
      }
    }
  } finally {
    await dataSource.destroy();
  }
  io.stdout(
    `copied ${counts.copied} proof(s) into PostgreSQL; ${counts.present} were there already; ${counts.corrupt} left out as corrupt; ${counts.other} other file(s) ignored (e.g. unfinished .part writes)\n`,
  );
  return counts.corrupt > 0 ? 1 : 0;
}

async function filesUnder(directory: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}
