/**
 * Services throw these instead of HTTP exceptions, so the same code runs in the API, the workers and
 * the CLI; the global filter maps each code to a problem+json response at the edge.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'malformed_body'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'illegal_transition'
  /** The request was made against a version or revision that is no longer the current one. */
  | 'stale_version'
  /** A request with the same Idempotency-Key is still running; retry later for its answer. */
  | 'idempotency_in_progress'
  | 'rate_limited'
  | 'unavailable';

export const HTTP_STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  validation_failed: 400,
  malformed_body: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  stale_version: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export interface FieldProblem {
  /** Path to the offending value, e.g. `features[3].geometry.coordinates[0]`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationFailed = (message: string, problems: FieldProblem[] = []) => new DomainError('validation_failed', message, problems);
export const notFound = (what: string, id: string) => new DomainError('not_found', `${what} ${id} not found`);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new DomainError('conflict', message, [], extra);
