import { connect } from 'node:net';
import request from 'supertest';
import { useTestApp } from './support/test-app';
import { createCounty } from './support/factories';

describe('health, auth and errors', () => {
  const testApp = useTestApp();

  it("keeps an idle keep-alive connection past Node's default 5 s, so that a client reusing it is not reset", async () => {
    const { port } = new URL(testApp.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    const ask = async () => {
      received = '';
      socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
      for (let waited = 0; !/\r\n\r\n[\s\S]*\}/.test(received) && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      return received;
    };
    expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(closed).toBe(false);
    expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  }, 20_000);

  it('reports PostgreSQL, PostGIS and Redis up: the details to an operator key only', async () => {
    const anonymous = await request(testApp.baseUrl).get('/health').expect(200);
    // A load balancer learns up or down; versions and error texts are for the county's operators.
    expect(anonymous.body).toEqual({ status: 'ok' });
    const viewer = await createCounty(testApp.app, { role: 'viewer' });
    const response = await request(testApp.baseUrl).get('/health').set('Authorization', viewer.authorization).expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details.postgres.status).toBe('up');
    expect(response.body.details.postgis).toMatchObject({ status: 'up' });
    expect(response.body.details.postgis.detail).toMatch(/^PostGIS 3\./);
    expect(response.body.details.redis.status).toBe('up');
  });

  it('refuses operator endpoints without a key, as problem+json', async () => {
    const response = await request(testApp.baseUrl).get('/v1/counties').expect(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('lists only the county of the key', async () => {
    const first = await createCounty(testApp.app, { name: 'First' });
    await createCounty(testApp.app, { name: 'Second' });
    const response = await request(testApp.baseUrl).get('/v1/counties').set('Authorization', first.authorization).expect(200);
    expect(response.body).toEqual([expect.objectContaining({ id: first.county.id, adminCode: first.county.adminCode })]);
  });

  it("refuses another county's id in the path", async () => {
    const first = await createCounty(testApp.app);
    const second = await createCounty(testApp.app);
    const response = await request(testApp.baseUrl).get(`/v1/counties/${second.county.id}`).set('Authorization', first.authorization).expect(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(testApp.baseUrl).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/v1/counties']));
  });
});
