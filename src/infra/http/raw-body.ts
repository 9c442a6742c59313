import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { DomainError } from '../errors/domain-error';

/**
 * Reading a request body within a limit, without body-parser: on the intake's hot path its stack
 * (type-is, content-type, raw-body, iconv-lite, debug) cost about a tenth of the API's CPU per push,
 * for checks that come down to a header split and a byte count.
 */

/** As type-is' hasBody: a body is announced by Transfer-Encoding or by Content-Length. */
export function announcesBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined;
}

export interface MediaType {
  type: string;
  charset: string | null;
}

/** `application/json; charset=utf-8` as {type, charset}, lower-cased; null without a header. */
export function mediaTypeOf(header: string | undefined): MediaType | null {
  if (header === undefined) return null;
  const [type, ...parameters] = header.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=');
    if (equals > 0 && parameter.slice(0, equals).trim().toLowerCase() === 'charset')
      charset = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return { type: type!.trim().toLowerCase(), charset };
}

const tooLarge = (limitBytes: number) => new DomainError('payload_too_large', `the body is larger than this route's limit of ${limitBytes} bytes`);
const malformed = (message: string) => new DomainError('malformed_body', message);

function decoded(request: IncomingMessage): Readable {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const decompressor =
    encoding === 'identity' ? null : encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (decompressor === undefined) throw malformed(`content encoding "${encoding}" is not supported: send identity, gzip, deflate or br`);
  if (decompressor === null) return request;
  request.pipe(decompressor);
  return decompressor;
}

/**
 * The body's bytes (decompressed), refused as soon as they pass `limitBytes`; a body that ends
 * before its Content-Length or is cut off is malformed. On a refusal the rest of the request is read
 * off and dropped, so that the answer can be sent on the same connection.
 */
export function readRawBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = request.headers['content-encoding'] === undefined ? request.headers['content-length'] : undefined;
  if (declared !== undefined && Number(declared) > limitBytes) {
    request.resume();
    return Promise.reject(tooLarge(limitBytes));
  }
  let stream: Readable;
  try {
    stream = decoded(request);
  } catch (error) {
    request.resume();
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error: DomainError | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      request.off('close', onClose);
      if (error) {
        if (stream !== request) {
          request.unpipe(stream as Transform);
          stream.destroy();
        }
        request.resume();
        reject(error);
      } else resolve(body!);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) settle(tooLarge(limitBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      if (declared !== undefined && received !== Number(declared)) settle(malformed('the body is shorter than its Content-Length'));
      else settle(null, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    };
    const cutOff = () => malformed('the request was cut off before its body ended');
    const onError = (error: Error) => settle(request.complete ? malformed(`the body could not be read: ${error.message}`) : cutOff());
    const onClose = () => {
      if (!request.complete) settle(cutOff());
    };
    stream.on('data', onData).on('end', onEnd).on('error', onError);
    request.on('close', onClose);
  });
}
