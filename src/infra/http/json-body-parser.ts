import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { DomainError } from '../errors/domain-error';

const JSON_TYPES = ['application/json', 'application/*+json', 'application/geo+json'];

/**
 * Express's JSON parser, keeping the raw bytes for signature checks (`req.rawBody`) and turning its
 * errors into domain errors: NestJS would otherwise map a syntax error to a bare 400 that cannot be
 * told apart from a validation failure.
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({
    limit: limitBytes,
    type: JSON_TYPES,
    verify: (request, _response, buffer) => {
      (request as Request & { rawBody?: Buffer }).rawBody = buffer;
    },
  });
  return (request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: unknown) => next(error === undefined ? undefined : toDomainError(error, limitBytes)));
}

function toDomainError(error: unknown, limitBytes: number): unknown {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return new DomainError('payload_too_large', `the body is larger than the limit of ${limitBytes} bytes`);
  if (type === 'entity.parse.failed') return new DomainError('malformed_body', `the body is not valid JSON: ${(error as Error).message}`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new DomainError('malformed_body', (error as Error).message);
  return error;
}
