import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'crypto';
import type { Logger as Pino } from 'pino';

/** A request's id: the caller's `X-Request-Id` when it is a plain token, or ours. Error logs carry it (ProblemDetailsFilter). */
export interface IdentifiedRequest extends Request {
  id?: string;
  countyId?: string;
}

const CALLER_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Routes a probe calls every few seconds: no access line. */
const QUIET_PATHS = new Set(['/health']);

/**
 * One structured line per request on completion, at `info`: request id, method, route template (never
 * the query string, which may carry a phone number), status, milliseconds, county. Where `info` is off
 * (LOG_LEVEL=warn and above, as in production) a request costs an id and nothing else: no listener,
 * no child logger, no serialised request. Failures are logged by ProblemDetailsFilter with the id.
 */
export function accessLog(logger: Pino): (request: IdentifiedRequest, response: Response, next: NextFunction) => void {
  // Ours: a per-process prefix and a counter, unique across processes and cheap per request.
  const prefix = randomBytes(4).toString('hex');
  let sequence = 0;
  const identify = (request: IdentifiedRequest): string => {
    const header = request.headers['x-request-id'];
    return (request.id = typeof header === 'string' && CALLER_REQUEST_ID.test(header) ? header : `${prefix}-${(++sequence).toString(36)}`);
  };
  if (!logger.isLevelEnabled('info')) {
    return (request, _response, next) => {
      identify(request);
      next();
    };
  }
  return (request, response, next) => {
    const requestId = identify(request);
    if (QUIET_PATHS.has(request.path)) return next();
    const startedAt = performance.now();
    response.once('finish', () => {
      const route = request.route ? `${request.baseUrl}${(request.route as { path: string }).path}` : request.path;
      const ms = Math.round((performance.now() - startedAt) * 10) / 10;
      logger.info({ requestId, method: request.method, route, status: response.statusCode, ms, countyId: request.countyId }, 'request');
    });
    next();
  };
}
