import { EntityManager } from 'typeorm';
import { ImportCounts } from './network-import.types';

/** Rows per INSERT statement: large enough to amortise round trips, far below PostgreSQL's 65,535 parameters. */
export const UPSERT_BATCH_ROWS = 500;

export interface UpsertStatement<Row> {
  /** `INSERT INTO t (columns) VALUES` */
  insertInto: string;
  /** One row's value tuple with `$?` placeholders in column order, e.g. `($?, ST_MakePoint($?, $?))`. */
  rowTemplate: string;
  rowValues(row: Row): unknown[];
  /** `ON CONFLICT ... DO UPDATE ... WHERE <row differs>` — rows that do not differ are not returned. */
  onConflict: string;
}

/**
 * Multi-row upsert in batches. Each statement answers `RETURNING (xmax = 0)`: true for an insert,
 * false for an update; rows left unchanged by the WHERE clause return nothing, so re-importing the
 * same data touches no row (and updated_at stays put).
 */
export async function batchedUpsert<Row>(
  manager: EntityManager,
  rows: readonly Row[],
  statement: UpsertStatement<Row>,
  onBatch?: (doneRows: number) => void,
): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < rows.length; start += UPSERT_BATCH_ROWS) {
    const batch = rows.slice(start, start + UPSERT_BATCH_ROWS);
    const parameters: unknown[] = [];
    const tuples = batch.map((row) => {
      const values = statement.rowValues(row);
      let next = 0;
      return statement.rowTemplate.replace(/\$\?/g, () => `$${parameters.push(values[next++])}`);
    });
    const result: Array<{ inserted: boolean }> = await manager.query(
      `${statement.insertInto} ${tuples.join(', ')} ${statement.onConflict} RETURNING (xmax = 0) AS inserted`,
      parameters,
    );
    const inserted = result.filter((row) => row.inserted).length;
    counts.created += inserted;
    counts.updated += result.length - inserted;
    counts.unchanged += batch.length - result.length;
    onBatch?.(start + batch.length);
  }
  return counts;
}
