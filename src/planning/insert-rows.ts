import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Rows per INSERT: a plan's stops have about 15 columns, well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 2_000;

/**
 * Inserts rows in a few statements instead of one per row (a county day writes hundreds of routes and
 * stops, and each round trip counts on a loaded database), returning the generated ids in row order.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: QueryDeepPartialEntity<T>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const inserted = await manager.insert(target, rows.slice(start, start + ROWS_PER_INSERT));
    ids.push(...(inserted.identifiers as Array<{ id: string }>).map((identifier) => identifier.id));
  }
  return ids;
}
