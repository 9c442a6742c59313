import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { IdentifiedRequest } from '../logging/access-log';
import { isDataException, isDependencyUnavailable } from './dependency-errors';
import { DomainError, HTTP_STATUS_BY_CODE } from './domain-error';

/** Seconds a client is asked to wait before retrying a 503. */
const RETRY_AFTER_S = 5;

/** RFC 7807 body; `errors` lists field-level problems when there are several. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://rural-dispatch.dev/problems/';

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const messages = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : body;
  const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  const code = status === 400 ? 'validation_failed' : status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : `http_${status}`;
  return {
    type: TYPE_BASE + code,
    title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
    status,
    detail: list.join('; '),
    code,
    ...(Array.isArray(messages) ? { errors: list.map((message) => ({ field: message.split(' ')[0] ?? '', message })) } : {}),
  };
}

/** The one place errors become HTTP: domain codes and framework errors to problem+json, the rest to a logged 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<IdentifiedRequest>(), http.getResponse<Response>());
  }

  /** Answers `exception` as problem+json; also for routes served ahead of Nest's router (WebhookFastLane). */
  send(exception: unknown, request: IdentifiedRequest, response: Response): void {
    // The request's id ties a failure to its access line and to what the client saw; the path has no query string (personal data).
    const where = () => ({ requestId: request.id, method: request.method, path: request.path });
    let problem: ProblemDetails;
    if (exception instanceof DomainError) {
      // Extensions first: a domain error's extras never overwrite the problem's own members (an
      // `extra.status` of "cancelled" once became the HTTP status, and a 500 that platforms retry).
      problem = {
        ...exception.extra,
        type: TYPE_BASE + exception.code,
        title: exception.code.replace(/_/g, ' '),
        status: HTTP_STATUS_BY_CODE[exception.code],
        detail: exception.message,
        code: exception.code,
        ...(exception.problems.length ? { errors: exception.problems } : {}),
      };
    } else if (exception instanceof HttpException) {
      problem = fromHttpException(exception);
    } else if (isBodyParserError(exception)) {
      const status = exception.status;
      const code = status === 413 ? 'payload_too_large' : 'malformed_body';
      problem = { type: TYPE_BASE + code, title: code.replace(/_/g, ' '), status, detail: exception.message, code };
    } else if (isDependencyUnavailable(exception)) {
      // The request may well succeed later: a 503 that clients (platforms) retry, never a 500.
      this.logger.warn({ err: exception, ...where() }, 'a dependency is unavailable');
      response.setHeader('Retry-After', String(RETRY_AFTER_S));
      problem = {
        type: TYPE_BASE + 'unavailable',
        title: 'unavailable',
        status: 503,
        detail: 'the service cannot reach its database or queue right now; retry later',
        code: 'unavailable',
      };
    } else if (isDataException(exception)) {
      // Validation should have refused this value; logged (without the value) so the gap is seen.
      this.logger.warn({ err: exception, ...where() }, 'a value passed validation but not the database');
      problem = {
        type: TYPE_BASE + 'validation_failed',
        title: 'validation failed',
        status: 400,
        detail: 'a value is out of the range the service can store',
        code: 'validation_failed',
      };
    } else {
      this.logger.error({ err: exception, ...where() }, 'unhandled error');
      problem = { type: TYPE_BASE + 'internal', title: 'internal error', status: 500, detail: 'internal error', code: 'internal' };
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem, instance: request.originalUrl }));
  }
}

interface BodyParserError {
  status: number;
  message: string;
  type: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.type === 'string' && typeof candidate.status === 'number';
}
