import * as path from 'path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * One definition of how we talk to PostgreSQL, shared by the Nest module, the CLI's migrate step and
 * the tests. Entities and migrations are found by file pattern, so the same options work from the
 * TypeScript sources (jest) and from the compiled dist/ tree.
 */
export function databaseOptions(databaseUrl: string): DataSourceOptions {
  const sourceRoot = path.join(__dirname, '..', '..');
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [path.join(sourceRoot, '**', '*.entity.{ts,js}')],
    migrations: [path.join(sourceRoot, '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no uuid-ossp needed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // TypeORM's console logger prints a failed query with its parameters (names, phone numbers); the
    // global filter and the workers log failures themselves, through loggableError.
    logging: false,
    extra: { max: 20, application_name: 'rural-dispatch' },
  };
}
