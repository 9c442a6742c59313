import { createServer, request as httpRequest, Agent, Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { DomainError } from '../../src/infra/errors/domain-error';
import { BodyRequest, readJsonBody } from '../../src/infra/http/json-body';

const LIMIT = 1024;

/** A server that reads each body as the API does and answers what it got: the body, or the refusal's code. */
describe('readJsonBody', () => {
  let server: Server;
  let port: number;
  const verified: Buffer[] = [];
  const refusals: string[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const bodyRequest = request as unknown as BodyRequest;
      bodyRequest.verifyRawBody = (raw) => verified.push(raw);
      readJsonBody(bodyRequest, response as never, LIMIT).then(
        () => response.end(JSON.stringify({ body: bodyRequest.body ?? null })),
        (error: DomainError) => {
          refusals.push(error.message);
          response.statusCode = 400;
          response.end(JSON.stringify({ code: error.code, detail: error.message }));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (body: Buffer | string, headers: Record<string, string>) =>
    new Promise<{ status: number; json: { body?: unknown; code?: string; detail?: string } }>((resolve, reject) => {
      const request = httpRequest({ port, host: '127.0.0.1', method: 'POST', headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      request.on('error', reject);
      request.end(body);
    });
  const json = { 'content-type': 'application/json' };
  const document = { shipments: [{ id: 'S1', contact: { name: '王小明' } }] };
  const text = JSON.stringify(document);

  it('parses a JSON body, with or without charset, and hands the raw bytes to the verify hook first', async () => {
    verified.length = 0;
    expect((await send(text, json)).json.body).toEqual(document);
    expect((await send(text, { 'content-type': 'application/geo+json; charset="UTF-8"' })).json.body).toEqual(document);
    expect(verified.map((raw) => raw.toString('utf8'))).toEqual([text, text]);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('reads a %s body', async (encoding, compress) => {
    expect((await send(compress(Buffer.from(text)), { ...json, 'content-encoding': encoding })).json.body).toEqual(document);
  });

  it('leaves a body of another type unread, and reads an empty JSON body as an empty object', async () => {
    expect((await send(text, { 'content-type': 'text/plain' })).json.body).toBeNull();
    expect((await send('', json)).json.body).toEqual({});
    expect((await send('\ufeff' + text, json)).json.body).toEqual(document);
  });

  it.each([
    ['a declared length over the limit', () => send('x'.repeat(LIMIT + 1), json), 'payload_too_large'],
    ['a chunked body over the limit', () => send(`["${'x'.repeat(LIMIT)}"]`, { ...json, 'transfer-encoding': 'chunked' }), 'payload_too_large'],
    [
      'a small gzip body that inflates past the limit',
      () => send(gzipSync(Buffer.from(`["${' '.repeat(50 * LIMIT)}"]`)), { ...json, 'content-encoding': 'gzip' }),
      'payload_too_large',
    ],
    ['an unknown content encoding', () => send(text, { ...json, 'content-encoding': 'compress' }), 'malformed_body'],
    ['a charset other than UTF-8', () => send(text, { 'content-type': 'application/json; charset=latin1' }), 'malformed_body'],
    ['a JSON string at the top', () => send('"just text"', json), 'malformed_body'],
    ['broken JSON', () => send('{"shipments": [', json), 'malformed_body'],
    ['a corrupt gzip stream', () => send(Buffer.from('not gzip at all'), { ...json, 'content-encoding': 'gzip' }), 'malformed_body'],
  ])('refuses %s, and the connection still serves the next request', async (_name, attempt, code) => {
    const refused = await attempt();
    expect(refused).toMatchObject({ status: 400, json: { code } });
    expect((await send(text, json)).json.body).toEqual(document);
  });

  it('refuses a body cut off before its Content-Length', async () => {
    refusals.length = 0;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"short":`);
      socket.end();
    });
    socket.on('error', () => undefined);
    for (let waited = 0; refusals.length === 0 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(refusals).toEqual(['the request was cut off before its body ended']);
  });
});
