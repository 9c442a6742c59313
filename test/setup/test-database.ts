import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/infra/database/database-options';

/** Tests use their own databases on the same server; the admin URL points at its `postgres` database. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Every jest run gets its own name space `rdt_<run>_…` (run = start time in seconds + random), so
 * two runs on one server (two developers, or CI beside a developer) never touch each other's
 * databases. The global setup sets TEST_RUN_ID; workers inherit it.
 */
export const DATABASE_PREFIX = 'rdt_';

export function newRunId(): string {
  return `${Math.floor(Date.now() / 1000).toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function currentRunId(): string {
  const runId = process.env.TEST_RUN_ID;
  if (!runId) throw new Error('TEST_RUN_ID is not set: run the service tests through jest (the global setup sets it)');
  return runId;
}

export const templateDatabase = (runId: string) => `${DATABASE_PREFIX}${runId}_template`;

/** Start time of the run that created a test database, or null for names that are not ours. */
export function runStartedAtMs(databaseName: string): number | null {
  const match = /^rdt_([0-9a-z]+)_/.exec(databaseName);
  return match ? parseInt(match[1]!, 36) * 1000 : null;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (admin: DataSource) => Promise<T>, adminUrl = ADMIN_URL): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

let templateReady: Promise<void> | undefined;

/**
 * Migrates this run's template once, whichever test file (in whichever jest worker) asks first: the
 * others wait on a PostgreSQL advisory lock, then find it built. It is built under another name and
 * renamed when complete, so a failed migration never leaves a half-built template to copy.
 */
async function ensureTemplate(runId: string): Promise<void> {
  const template = templateDatabase(runId);
  await withAdmin(async (admin) => {
    const session = admin.createQueryRunner();
    await session.connect();
    try {
      await session.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
      const found: unknown[] = await session.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (found.length > 0) return;
      const building = `${template}_building`;
      await session.query(`DROP DATABASE IF EXISTS ${building}`);
      await session.query(`CREATE DATABASE ${building}`);
      // Migrations only: the entities import the routing library by its alias, which the migrations do not need.
      const dataSource = new DataSource({ ...databaseOptions(databaseUrl(building)), entities: [] });
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      await session.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await session.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
      await session.release();
    }
  });
}

/** A fresh, migrated database copied from this run's template. */
export async function createTestDatabase(): Promise<string> {
  const runId = currentRunId();
  templateReady ??= ensureTemplate(runId);
  await templateReady;
  const name = `${DATABASE_PREFIX}${runId}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase(runId)}`);
        return;
      } catch (error) {
        // Another worker copying the template at the same instant makes PostgreSQL refuse; try again.
        if (attempt >= 20 || !String(error).includes('is being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
  return databaseUrl(name);
}

/** Drops the database on its own server (a fault test's throwaway PostgreSQL, or the shared one). */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const serverAdmin = new URL(url);
  serverAdmin.pathname = '/postgres';
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`), serverAdmin.toString());
}

export async function dropDatabasesWhere(admin: DataSource, keep: (name: string) => boolean): Promise<void> {
  const rows: Array<{ datname: string }> = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'rdt\\_%'`);
  for (const { datname } of rows) {
    if (!keep(datname)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
