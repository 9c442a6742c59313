import { DataSource } from 'typeorm';
import { databaseOptions } from '../src/infra/database/database-options';
import { schemaDiff } from '../src/infra/database/schema-diff';
import { createTestDatabase, dropTestDatabase } from './setup/test-database';

describe('schema', () => {
  it('entities and migrations agree (nothing left for TypeORM to generate)', async () => {
    const url = await createTestDatabase();
    const dataSource = new DataSource(databaseOptions(url));
    await dataSource.initialize();
    try {
      const diff = await schemaDiff(dataSource);
      expect(diff.up).toEqual([]);
    } finally {
      await dataSource.destroy();
      await dropTestDatabase(url);
    }
  });

  it('has the PostGIS extension and GiST indexes on geometry columns', async () => {
    const url = await createTestDatabase();
    const dataSource = new DataSource(databaseOptions(url));
    await dataSource.initialize();
    try {
      const extensions: Array<{ extname: string }> = await dataSource.query(`SELECT extname FROM pg_extension WHERE extname = 'postgis'`);
      expect(extensions).toHaveLength(1);
      const gist: Array<{ tablename: string }> = await dataSource.query(`SELECT tablename FROM pg_indexes WHERE indexdef ILIKE '%USING gist%' ORDER BY tablename`);
      expect(gist.map((row) => row.tablename)).toEqual(expect.arrayContaining(['network_node', 'road_segment']));
    } finally {
      await dataSource.destroy();
      await dropTestDatabase(url);
    }
  });
});
