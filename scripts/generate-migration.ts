/**
 * Developer tool: writes migrations/<timestamp>-<name>.ts with what the entities add to the schema the
 * existing migrations build. Usage: npm run migration:generate -- <kebab-name>
 * It works in a scratch database, so the developer's own data is never touched.
 */
import { Command, InvalidArgumentError } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../src/infra/database/database-options';
import { schemaDiff } from '../src/infra/database/schema-diff';

async function main(name: string): Promise<void> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const scratch = `rd_migration_scratch_${process.pid}`;
  base.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: base.toString() });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const scratchUrl = new URL(base.toString());
  scratchUrl.pathname = `/${scratch}`;
  const dataSource = new DataSource(databaseOptions(scratchUrl.toString()));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const diff = await schemaDiff(dataSource);
    if (diff.up.length === 0) {
      console.log('entities and migrations agree: nothing to generate');
      return;
    }
    const timestamp = Date.now();
    const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) + timestamp;
    const quote = (query: string) => '    await queryRunner.query(`' + query.replace(/`/g, '\\`') + '`);';
    const file = path.join(__dirname, '..', '..', 'migrations', `${timestamp}-${name}.ts`);
    fs.writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n` +
        `  name = '${className}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${diff.up.map(quote).join('\n')}\n  }\n\n` +
        `  public async down(queryRunner: QueryRunner): Promise<void> {\n${diff.down.map(quote).join('\n')}\n  }\n}\n`,
    );
    console.log(`wrote ${path.relative(process.cwd(), file)} (${diff.up.length} statements)`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin.destroy();
  }
}

const [migrationName] = new Command('migration:generate')
  .description('write migrations/<timestamp>-<name>.ts with what the entities add to the schema the migrations build')
  .argument('<name>', 'kebab-case name of the migration', (raw: string) => {
    if (!/^[a-z0-9-]+$/.test(raw)) throw new InvalidArgumentError(`must be kebab-case (a-z, 0-9, -), got "${raw}"`);
    return raw;
  })
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .parse().processedArgs as [string];

main(migrationName).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
