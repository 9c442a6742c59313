import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { DomainError, FieldProblem } from '../errors/domain-error';
import { isStorableText, STORABLE_TEXT_RULE } from '../validation/input-rules';

const JSON_TYPES = ['application/json', 'application/*+json', 'application/geo+json'];

/** Deeper than any body the API takes (a GeoJSON MultiPolygon is 9 levels); a 100,000-deep body once overflowed the stack. */
export const MAX_JSON_DEPTH = 64;

/** Routes without @LargeBody() take at most this (or BODY_LIMIT_BYTES when that is smaller). */
export const SMALL_BODY_LIMIT_BYTES = 256 * 1024;

export interface BodyRequest extends Request {
  /** Called with the raw bytes after they are read within the limit and before JSON.parse (the webhook's HMAC). */
  verifyRawBody?: (raw: Buffer) => void;
}

/** One parser per limit: body-parser's json, whose `verify` runs on the raw bytes before it parses them. */
const parsers = new Map<number, RequestHandler>();

function parserFor(limitBytes: number): RequestHandler {
  let parser = parsers.get(limitBytes);
  if (!parser) {
    parser = json({ limit: limitBytes, type: JSON_TYPES, verify: (request, _response, raw) => (request as BodyRequest).verifyRawBody?.(raw) });
    parsers.set(limitBytes, parser);
  }
  return parser;
}

/**
 * Reads and parses a JSON body within `limitBytes`, then checks its shape (depth, storable text).
 * Called after authentication (JsonBodyGuard, or the webhook guard), never as a middleware,
 * so an unauthenticated caller never gets a body parsed. A second call on a read request is a no-op.
 */
export function readJsonBody(request: BodyRequest, response: Response, limitBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done: NextFunction = (error?: unknown) => {
      if (error !== undefined) return reject(toDomainError(error, limitBytes));
      try {
        if (request.body !== undefined) checkJsonDocument(request.body);
        resolve();
      } catch (problem) {
        reject(problem);
      }
    };
    parserFor(limitBytes)(request, response, done);
  });
}

/** Query strings carry text to the services too (filters, cursors); the same rule applies. */
export function checkQueryText(query: unknown): void {
  if (query !== null && typeof query === 'object') checkJsonDocument(query, 'query');
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

/** `shipments[3].contact.name`, built only when a problem is reported. */
function pathOf(frame: Frame, root: string): string {
  const keys: Array<string | number> = [];
  for (let current: Frame | null = frame; current && current.key !== null; current = current.parent) keys.unshift(current.key);
  const path = keys.reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${key}` : key), '');
  return root === 'body' ? path || 'body' : path ? `${root}.${path}` : root;
}

/**
 * Walks a parsed document without recursion (a deep document must not overflow the stack here
 * either) and refuses what every later step would choke on: nesting deeper than MAX_JSON_DEPTH, and
 * text PostgreSQL cannot store, in values and in keys.
 */
export function checkJsonDocument(document: unknown, root = 'body'): void {
  const stack: Frame[] = [{ value: document, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      if (!isStorableText(value)) fail(frame, root, STORABLE_TEXT_RULE);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (frame.depth >= MAX_JSON_DEPTH) {
      throw new DomainError('malformed_body', `the ${root} nests deeper than ${MAX_JSON_DEPTH} levels`, [{ field: pathOf(frame, root), message: 'nested too deep' }]);
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], depth: frame.depth + 1, parent: frame, key: index });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Frame = { value: (value as Record<string, unknown>)[key], depth: frame.depth + 1, parent: frame, key };
      if (!isStorableText(key)) fail(child, root, `property names ${STORABLE_TEXT_RULE}`);
      stack.push(child);
    }
  }
}

function fail(frame: Frame, root: string, message: string): never {
  const problem: FieldProblem = { field: pathOf(frame, root), message };
  throw new DomainError('validation_failed', `${problem.field}: ${message}`, [problem]);
}

/** body-parser's errors as domain errors: NestJS would map a syntax error to a bare 400 that cannot be told apart from a validation failure. */
function toDomainError(error: unknown, limitBytes: number): unknown {
  // Thrown by a `verifyRawBody` hook (a bad signature): already ours.
  if (error instanceof DomainError) return error;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return new DomainError('payload_too_large', `the body is larger than this route's limit of ${limitBytes} bytes`);
  if (type === 'entity.parse.failed') return new DomainError('malformed_body', `the body is not valid JSON: ${(error as Error).message}`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new DomainError('malformed_body', (error as Error).message);
  // The client went away or sent fewer bytes than it announced.
  if (type === 'request.aborted' || type === 'request.size.invalid') return new DomainError('malformed_body', (error as Error).message);
  return error;
}
