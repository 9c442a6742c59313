import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * One statement on the pg pool TypeORM already holds, as a named (prepared) statement: each connection
 * parses it once and PostgreSQL may keep its plan, where TypeORM's `query` has it parsed and planned on
 * every call. For the few statements run on every request of a hot endpoint; `name` is unique to `text`.
 * pg-pool's own `query` releases the connection and listens for its errors.
 */
export async function preparedQuery<Row extends object>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query<Row>({ name, text, values })).rows;
}
