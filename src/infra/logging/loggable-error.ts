import { stdSerializers } from 'pino';
import { postgresError } from '../errors/dependency-errors';

/**
 * How every logged `err` is written (the pino serializer, so it holds wherever a logger is used).
 * A PostgreSQL error is reduced to its SQLSTATE and the names of what it concerns: its message and
 * detail quote the values (`Key (county_id, barcode)=(…)`, `invalid input syntax: "王小明"`) and the
 * query's parameters are the request's personal data.
 */
export function loggableError(error: unknown): unknown {
  const database = postgresError(error);
  if (database) return { type: 'PostgresError', ...database, message: `PostgreSQL error ${database.sqlState}` };
  return error instanceof Error ? stdSerializers.err(error) : error;
}
