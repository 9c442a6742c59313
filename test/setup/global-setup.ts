import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/infra/database/database-options';
import { databaseUrl, dropDatabasesWhere, newRunId, runStartedAtMs, templateDatabase, withAdmin } from './test-database';

/** Runs older than this are crashed leftovers; nothing alive runs that long (CI's limit is 90 minutes). */
const STALE_AFTER_MS = 3 * 60 * 60 * 1000;

/** Migrates one template database for this run; every test file then copies it (fast, isolated). */
export default async function globalSetup(): Promise<void> {
  const runId = newRunId();
  process.env.TEST_RUN_ID = runId;
  const template = templateDatabase(runId);
  await withAdmin(async (admin) => {
    await dropDatabasesWhere(admin, (name) => (runStartedAtMs(name) ?? Date.now()) > Date.now() - STALE_AFTER_MS);
    await admin.query(`CREATE DATABASE ${template}`);
  });
  // Migrations only: loading the entities here would run outside jest's moduleNameMapper, and entities
  // import the routing library by its alias (@rural-dispatch/routing), which plain require cannot resolve.
  const dataSource = new DataSource({ ...databaseOptions(databaseUrl(template)), entities: [] });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
