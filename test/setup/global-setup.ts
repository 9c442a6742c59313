import { databaseOptions } from '../../src/infra/database/database-options';
import { DataSource } from 'typeorm';
import { TEMPLATE_DATABASE, databaseUrl, withAdmin } from './test-database';

/** Migrates one template database; every test file then copies it (fast, isolated, no shared state). */
export default async function globalSetup(): Promise<void> {
  await withAdmin(async (admin) => {
    const stale: Array<{ datname: string }> = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'rd\\_test\\_%'`);
    for (const { datname } of stale) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const dataSource = new DataSource(databaseOptions(databaseUrl(TEMPLATE_DATABASE)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
