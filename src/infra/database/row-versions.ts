/**
 * A SQL expression (text, '' when there are no rows) that changes whenever a row of `table` whose
 * `column` is in the uuid[] expression `ids` is written, appears or goes: the rows' ids with their
 * `xmin`, the id of the transaction that wrote the row's current version. PostgreSQL sets it on every
 * INSERT and UPDATE whoever writes (TypeORM, raw SQL, a migration, psql), so no writer has to remember
 * to bump a counter or an `updated_at`, and freezing keeps it (PostgreSQL ≥ 9.4). A row written again
 * with the same values still changes it: a cache checked against it rebuilds for nothing, never serves
 * stale. `table` and `column` are code, never input.
 */
export function rowVersionsSql(table: string, column: string, ids: string): string {
  return `(SELECT coalesce(string_agg(id::text || ':' || xmin::text, ',' ORDER BY id), '') FROM ${table} WHERE ${column} = ANY(${ids}))`;
}
