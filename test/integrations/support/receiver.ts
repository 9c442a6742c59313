import { createServer, IncomingHttpHeaders, Server } from 'http';
import { AddressInfo } from 'net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request's body had arrived, epoch ms. */
  atMs: number;
}

/** A platform's webhook endpoint on 127.0.0.1: answers with whatever `respond` says. */
export class TestReceiver {
  readonly received: ReceivedRequest[] = [];
  respond: (request: ReceivedRequest, index: number) => number = () => 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), atMs: Date.now() };
        this.received.push(received);
        response.statusCode = this.respond(received, this.received.length - 1);
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls until `check` returns true (or throws the last assertion when time is up). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
