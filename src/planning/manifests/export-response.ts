import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { applyDecorators, createParamDecorator, ExecutionContext, Get, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { validationFailed } from '../../infra/errors/domain-error';
import { MANIFEST_LANGUAGES, ManifestLanguage } from './manifest-labels';

/** `?format=json|csv|pdf`, the one export convention; json when omitted. */
export const EXPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What tables of figures export as: no PDF. */
export const DATA_EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv'];

export function parseExportQuery(
  format: string | undefined,
  lang: string | undefined,
  allowed: readonly ExportFormat[] = EXPORT_FORMATS,
): { format: ExportFormat; language: ManifestLanguage } {
  const chosenFormat = format ?? 'json';
  const chosenLanguage = lang ?? 'zh';
  if (!(allowed as readonly string[]).includes(chosenFormat)) {
    throw validationFailed(`format ${chosenFormat} is not one of ${allowed.join(', ')}`, [{ field: 'format', message: `one of ${allowed.join(', ')}` }]);
  }
  if (!(MANIFEST_LANGUAGES as readonly string[]).includes(chosenLanguage)) {
    throw validationFailed(`lang ${chosenLanguage} is not one of ${MANIFEST_LANGUAGES.join(', ')}`, [{ field: 'lang', message: `one of ${MANIFEST_LANGUAGES.join(', ')}` }]);
  }
  return { format: chosenFormat as ExportFormat, language: chosenLanguage as ManifestLanguage };
}

export interface ExportQuery {
  format: ExportFormat;
  language: ManifestLanguage;
}

/** `?format=` and `?lang=` of the request, checked (400 when unknown); the formats the endpoint offers, all by default. */
export const ExportQueryParams = createParamDecorator((allowed: readonly ExportFormat[] | undefined, context: ExecutionContext): ExportQuery => {
  const query = context.switchToHttp().getRequest<Request>().query;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return parseExportQuery(text(query.format), text(query.lang), allowed);
});

/** A GET that exports as JSON, CSV or PDF (or the `formats` given), with its OpenAPI description. */
export function ExportEndpoint(path: string, summary: string, type: Type<unknown>, formats: readonly ExportFormat[] = EXPORT_FORMATS): MethodDecorator {
  const withPdf = formats.includes('pdf');
  const mediaTypes = { json: 'application/json', csv: 'text/csv', pdf: 'application/pdf' } as const;
  return applyDecorators(
    Get(path),
    ApiOperation({ summary }),
    ApiQuery({ name: 'format', required: false, enum: formats }),
    ...(withPdf ? [ApiQuery({ name: 'lang', required: false, enum: MANIFEST_LANGUAGES, description: 'language of the PDF (Simplified Chinese by default)' })] : []),
    ApiProduces(...formats.map((format) => mediaTypes[format])),
    ApiOkResponse({ type }),
  );
}

/** The one export in the asked format; only the chosen one is built. An export without a PDF answers `format=pdf` with a 400. */
export async function sendExport(
  request: Request,
  response: Response,
  query: ExportQuery,
  fileName: string,
  build: { json: () => unknown; csv: () => string | Promise<string>; pdf?: () => Promise<Buffer> },
): Promise<void> {
  if (query.format === 'json') sendJsonExport(request, response, await build.json());
  else if (query.format === 'csv') sendFileExport(response, 'csv', fileName, await build.csv());
  else if (build.pdf) sendFileExport(response, 'pdf', fileName, await build.pdf());
  else throw validationFailed(`${fileName} is exported as json or csv, not pdf`, [{ field: 'format', message: 'one of json, csv' }]);
}

/**
 * A JSON body as UTF-8 bytes with its ETag, and its gzip made on first need and kept: prepared once, it
 * can be sent many times, and a client without gzip costs no conversion of the text per request.
 */
export interface PreparedJson {
  etag: string;
  utf8: Buffer;
  gzip(): Buffer;
}

/** The ETag of a JSON body is weak because it names the JSON, whichever encoding carries it. */
export function prepareJson(body: unknown): PreparedJson {
  const utf8 = Buffer.from(JSON.stringify(body));
  let gzipped: Buffer | undefined;
  return { etag: `W/"${createHash('sha256').update(utf8).digest('base64url').slice(0, 32)}"`, utf8, gzip: () => (gzipped ??= gzipSync(utf8)) };
}

/**
 * JSON with a validator and compression: a driver's phone on a weak signal asks again with
 * If-None-Match and gets a bodiless 304 while the manifest is unchanged, and downloads it gzipped
 * when it changed.
 */
function sendJsonExport(request: Request, response: Response, body: unknown): void {
  sendPreparedJson(request, response, prepareJson(body));
}

export function sendPreparedJson(request: Request, response: Response, prepared: PreparedJson): void {
  const { etag } = prepared;
  const headers: Record<string, string> = { ETag: etag, Vary: 'Accept-Encoding', 'Cache-Control': 'private, no-cache' };
  const presented = (request.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (presented.includes(etag.slice(2)) || presented.includes('*')) {
    response.writeHead(304, headers).end();
    return;
  }
  // Written straight to the socket: the body is ready, and this is the path a whole county's phones poll.
  const gzip = request.acceptsEncodings(['gzip', 'identity']) === 'gzip';
  const body = gzip ? prepared.gzip() : prepared.utf8;
  response
    .writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length), ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) })
    .end(body);
}

/** A CSV or PDF download, named after what it holds. */
function sendFileExport(response: Response, format: 'csv' | 'pdf', fileName: string, body: string | Buffer): void {
  response.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf');
  response.setHeader('Content-Disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${fileName}.${format}"`);
  response.send(body);
}
