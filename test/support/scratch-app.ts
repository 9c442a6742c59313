import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'crypto';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadAppConfig } from '../../src/infra/config/app-config';
import { ensureDatabase, runMigrations } from '../../src/infra/database/migrate';

/** The repository's root, from its compiled location (dist/test/support) or its source (test/support). */
const REPO_ROOT = resolve(__dirname, __dirname.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');

/**
 * The Andorra data of the shared folder, which sits beside the clone (`../shared`, as CI lays it out);
 * `SHARED_DIR` points elsewhere. Missing data is an error, not a skip: the checks exist to run on it.
 */
export function andorraDataDirectory(): string {
  const shared = resolve(process.env.SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));
  const directory = join(shared, 'data', 'andorra');
  for (const name of ['andorra.osm.pbf', 'N42E001.hgt.zip', 'graph_edges.csv', 'places.csv']) {
    if (!existsSync(join(directory, name))) {
      throw new Error(`${join(directory, name)} is missing: the Andorra data must be at ../shared/data/andorra beside the clone (or set SHARED_DIR)`);
    }
  }
  return directory;
}

/**
 * A configuration of its own on a throwaway database (next to DATABASE_URL's, migrated here and
 * dropped afterwards) and a BullMQ prefix of its own, for checks and benchmarks that must not touch a
 * developer's data or queues.
 */
export async function withScratchConfig<T>(prefix: string, work: (config: AppConfig) => Promise<T>, overrides: Partial<AppConfig> = {}): Promise<T> {
  const base = loadAppConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/${prefix}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(databaseUrl.toString());
  try {
    await runMigrations(databaseUrl.toString());
    return await work({ ...base, queuePrefix: prefix, ...overrides, databaseUrl: databaseUrl.toString() });
  } finally {
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    const dataSource = await new DataSource({ type: 'postgres', url: admin.toString() }).initialize();
    await dataSource.query(`DROP DATABASE IF EXISTS ${databaseUrl.pathname.slice(1)} WITH (FORCE)`);
    await dataSource.destroy();
  }
}

/** The service in this process (no HTTP) on a scratch configuration (`withScratchConfig`). */
export function withScratchApp<T>(prefix: string, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  return withScratchConfig(prefix, async (config) => {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  });
}
