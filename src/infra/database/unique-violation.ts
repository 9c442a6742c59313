import { QueryFailedError } from 'typeorm';

/** The fields of a PostgreSQL error that callers branch on. */
export interface PostgresErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** SQLSTATE 23505. */
const UNIQUE_VIOLATION = '23505';

/**
 * The PostgreSQL unique_violation behind `error`, or null when it is anything else. Accepts both the
 * error pg throws (code on the error itself) and TypeORM's QueryFailedError (code on driverError),
 * so code that goes through a repository and code that uses the pg pool directly read it alike.
 */
export function uniqueViolation(error: unknown): PostgresErrorFields | null {
  const fields = (error instanceof QueryFailedError ? error.driverError : error) as PostgresErrorFields | null | undefined;
  return fields?.code === UNIQUE_VIOLATION ? fields : null;
}
