import type { Request, Response } from 'express';
import { DomainError, FieldProblem } from '../errors/domain-error';
import { isStorableText, STORABLE_TEXT_RULE } from '../validation/input-rules';
import { announcesBody, mediaTypeOf, readRawBody } from './raw-body';

/** Deeper than any body the API takes (a GeoJSON MultiPolygon is 9 levels); a 100,000-deep body once overflowed the stack. */
export const MAX_JSON_DEPTH = 64;

/** Routes without @LargeBody() take at most this (or BODY_LIMIT_BYTES when that is smaller). */
export const SMALL_BODY_LIMIT_BYTES = 256 * 1024;

export interface BodyRequest extends Request {
  /** Called with the raw bytes after they are read within the limit and before JSON.parse (the webhook's HMAC). */
  verifyRawBody?: (raw: Buffer) => void;
}

const bodyRead = Symbol('bodyRead');

/** application/json, application/geo+json and any other application/*+json. */
const isJsonType = (type: string) => type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));

/**
 * Reads and parses a JSON body within `limitBytes`, then checks its shape (depth, storable text).
 * Called after authentication (JsonBodyGuard, or the webhook guard), never as a middleware,
 * so an unauthenticated caller never gets a body parsed. A second call on a read request is a no-op.
 * A request without a body, or with another content type, is left with no body.
 */
export async function readJsonBody(request: BodyRequest, _response: Response, limitBytes: number): Promise<void> {
  const marked = request as BodyRequest & { [bodyRead]?: true };
  if (marked[bodyRead]) return;
  marked[bodyRead] = true;
  if (!announcesBody(request)) return;
  const media = mediaTypeOf(request.headers['content-type']);
  if (!media || !isJsonType(media.type)) return;
  // RFC 8259: JSON between systems is UTF-8.
  if (media.charset !== null && media.charset !== 'utf-8' && media.charset !== 'utf8') {
    request.resume();
    throw new DomainError('malformed_body', `charset "${media.charset}" is not supported: send UTF-8`);
  }
  const raw = await readRawBody(request, limitBytes);
  request.verifyRawBody?.(raw);
  const body = parseJson(raw.toString('utf8'));
  checkJsonDocument(body);
  request.body = body;
}

/** Only an object or an array at the top (as body-parser's strict mode); an empty body is an empty object. */
function parseJson(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.length === 0) return {};
  const first = /\S/.exec(json)?.[0];
  if (first !== '{' && first !== '[')
    throw new DomainError('malformed_body', `the body is not valid JSON: it must be an object or an array, not ${first === undefined ? 'blank' : `"${first}…"`}`);
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new DomainError('malformed_body', `the body is not valid JSON: ${(error as Error).message}`);
  }
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
