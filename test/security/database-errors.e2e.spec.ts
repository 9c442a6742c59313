import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import request from 'supertest';
import { DataSource, QueryFailedError } from 'typeorm';
import { loggableError } from '../../src/infra/logging/loggable-error';
import { createCounty } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';

/**
 * A TCP relay between the API and PostgreSQL: closing it is a database outage for that API alone
 * (the shared server is never touched): live connections drop and new ones are refused.
 */
class DatabaseRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(target: { host: string; port: number }): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('database errors (issue 12, item 2)', () => {
  const relay = new DatabaseRelay();
  let testApp: TestApp;
  let direct: string;

  beforeAll(async () => {
    const config = await createTestConfig();
    direct = config.databaseUrl;
    const url = new URL(config.databaseUrl);
    await relay.start({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${relay.port}`;
    testApp = await startTestApp({ ...config, databaseUrl: url.toString() });
  });

  afterAll(async () => {
    await testApp.close().catch(() => undefined);
    await relay.stop();
    await cleanupTestConfig({ ...testApp.config, databaseUrl: direct });
  });

  it('an outage answers 503 unavailable with Retry-After, as the docs promise, and the service recovers', async () => {
    const county = await createCounty(testApp.app);
    const list = () => request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/vehicles`).set('Authorization', county.authorization);
    // The key is cached after its first use; the vehicle list always reads the database.
    await list().expect(200);
    await relay.stop();
    const down = await list();
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(down.body).toMatchObject({ status: 503, code: 'unavailable' });
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(testApp.baseUrl).get('/health')).status).toBe(503);
    await relay.start({ host: new URL(direct).hostname, port: Number(new URL(direct).port || 5432) });
    await list().expect(200);
  });

  it('logs a PostgreSQL error as its SQLSTATE and names, never its text or the query parameters', async () => {
    const db = testApp.app.get(DataSource);
    let failure: unknown;
    try {
      // A real PostgreSQL error whose message, detail and parameters all carry the personal data.
      await db.query(`SELECT $1::int`, ['王小明 13800138000']);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(String((failure as Error).message)).toContain('王小明');
    const logged = JSON.stringify(loggableError(failure));
    expect(JSON.parse(logged)).toMatchObject({ type: 'PostgresError', sqlState: '22P02' });
    expect(logged).not.toMatch(/王小明|13800138000|SELECT/);
  });
});
