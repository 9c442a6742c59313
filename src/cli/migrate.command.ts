import 'reflect-metadata';
import { loadAppConfig } from '../infra/config/app-config';
import { ensureDatabase, runMigrations } from '../infra/database/migrate';
import { CliIo } from './cli-io';

export async function migrateDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await ensureDatabase(databaseUrl);
  const applied = await runMigrations(databaseUrl);
  log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'schema is up to date');
}

/** `migrate`: create the database if missing and apply pending migrations. */
export async function runMigrate(io: CliIo): Promise<number> {
  await migrateDatabase(loadAppConfig().databaseUrl, (line) => io.stdout(`${line}\n`));
  return 0;
}
