import { loadAppConfig } from '../infra/config/app-config';
import { ensureDatabase, runMigrations } from '../infra/database/migrate';
import { CliCommand } from './cli-command';
import { parseArgs } from './cli-flags';

export async function migrateDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await ensureDatabase(databaseUrl);
  const applied = await runMigrations(databaseUrl);
  log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'schema is up to date');
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'create the database if missing and apply pending migrations',
  usage: 'rural-dispatch migrate',
  flags: {},
  async run(argv) {
    parseArgs(argv, this.flags);
    await migrateDatabase(loadAppConfig().databaseUrl, (line) => console.log(line));
    return 0;
  },
};
