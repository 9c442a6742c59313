import { QueryFailedError } from 'typeorm';

/** The fields of a PostgreSQL error that are safe to log and to branch on: no message, detail, query or parameters (they carry the data). */
export interface PostgresErrorSummary {
  sqlState: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The PostgreSQL error behind `error` (pg's own, or TypeORM's QueryFailedError around it), or null. */
export function postgresError(error: unknown): PostgresErrorSummary | null {
  const driver = (error instanceof QueryFailedError ? error.driverError : error) as Record<string, unknown> | null | undefined;
  if (!driver || typeof driver !== 'object' || typeof driver.code !== 'string' || !SQLSTATE.test(driver.code)) return null;
  // pg's DatabaseError carries the server's severity; a Node errno (ECONNREFUSED) does not match SQLSTATE's shape anyway.
  if (!(error instanceof QueryFailedError) && typeof driver.severity !== 'string') return null;
  const text = (key: string) => (typeof driver[key] === 'string' ? (driver[key] as string) : undefined);
  return { sqlState: driver.code, constraint: text('constraint'), table: text('table'), column: text('column'), routine: text('routine') };
}

/**
 * SQLSTATEs of a database that is down, restarting or full, rather than of a bad statement:
 * class 08 (connection exception), 53 (insufficient resources: too many connections, disk full),
 * 57P01-57P03 (terminated by an administrator, crash shutdown, cannot connect now).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|53...|57P0[123])$/;
/** Socket-level failures of PostgreSQL or Redis connections. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** pg and pg-pool say these in words only. */
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * True when `error` means a service this process depends on (PostgreSQL, Redis) is unreachable: the
 * request was fine and may succeed later, so it is a 503, which clients retry, not a 500.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  const database = postgresError(error);
  if (database) return UNAVAILABLE_SQLSTATES.test(database.sqlState);
  const cause = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; message?: unknown } | null | undefined;
  if (!cause || typeof cause !== 'object') return false;
  if (typeof cause.code === 'string' && UNAVAILABLE_ERRNOS.has(cause.code)) return true;
  return typeof cause.message === 'string' && UNAVAILABLE_MESSAGES.test(cause.message);
}

/**
 * PostgreSQL's class 22 (data exception: a value out of range, text it cannot store, a date it does
 * not know). Validation refuses these first; this is the backstop that keeps a missed case a 400.
 */
export function isDataException(error: unknown): boolean {
  return postgresError(error)?.sqlState.startsWith('22') ?? false;
}
