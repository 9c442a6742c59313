import request from 'supertest';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { signedHeaders } from '../../src/integrations/webhook-signature';
import { shipmentInput } from '../shipments/support/platform-client';
import { eventually } from './support/receiver';

describe('platforms, keys and the pull feed', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  let otherCounty: CountyWithKey;
  const api = () => request(testApp.baseUrl);

  beforeAll(async () => {
    county = await createCounty(testApp.app);
    otherCounty = await createCounty(testApp.app);
  });

  async function register(name: string) {
    const response = await api().post(`/v1/counties/${county.county.id}/platforms`).set('Authorization', county.authorization).send({ name }).expect(201);
    const push = (body: unknown, secret = response.body.webhookSecret as string) => {
      const text = JSON.stringify(body);
      return api()
        .post(`/v1/webhooks/${response.body.id}/shipments`)
        .set(signedHeaders(secret, `msg_${Date.now()}`, text))
        .send(text);
    };
    return { platform: response.body, push };
  }

  it('creates, lists and revokes operator keys (secret shown once, county-scoped)', async () => {
    const created = await api()
      .post(`/v1/counties/${county.county.id}/api-keys`)
      .set('Authorization', county.authorization)
      .send({ name: 'dispatch desk', role: 'dispatcher' })
      .expect(201);
    expect(created.body.secret).toMatch(/^rdk_/);
    const list = await api().get(`/v1/counties/${county.county.id}/api-keys`).set('Authorization', county.authorization).expect(200);
    expect(list.body.find((key: { id: string }) => key.id === created.body.id)).not.toHaveProperty('secret');
    await api().get('/v1/counties').set('Authorization', `Bearer ${created.body.secret}`).expect(200);
    await api().post(`/v1/counties/${county.county.id}/api-keys`).set('Authorization', `Bearer ${created.body.secret}`).send({ name: 'x', role: 'admin' }).expect(403);
    await api().delete(`/v1/counties/${otherCounty.county.id}/api-keys/${created.body.id}`).set('Authorization', otherCounty.authorization).expect(404);
    await api().delete(`/v1/counties/${county.county.id}/api-keys/${created.body.id}`).set('Authorization', otherCounty.authorization).expect(403);
    await api().delete(`/v1/counties/${county.county.id}/api-keys/${created.body.id}`).set('Authorization', county.authorization).expect(200);
    await api().get('/v1/counties').set('Authorization', `Bearer ${created.body.secret}`).expect(401);
  });

  it('accepts both secrets during rotation', async () => {
    const { platform, push } = await register('rotating');
    const rotated = await api().post(`/v1/counties/${county.county.id}/platforms/${platform.id}/rotate-secret`).set('Authorization', county.authorization).expect(200);
    expect(rotated.body.webhookSecret).not.toBe(platform.webhookSecret);
    await push({ shipments: [shipmentInput()] }, platform.webhookSecret).expect(200);
    await push({ shipments: [shipmentInput()] }, rotated.body.webhookSecret).expect(200);
  });

  it("serves a platform's own events through the pull feed, page by page", async () => {
    const first = await register('feed-a');
    const second = await register('feed-b');
    const inputs = Array.from({ length: 5 }, () => shipmentInput());
    await first.push({ shipments: inputs }).expect(200);
    await second.push({ shipments: [shipmentInput()] }).expect(200);
    const platformKey = `Bearer ${first.platform.apiKey}`;
    // The feed waits for every older transaction on the server (other test files share it) to end.
    let page1 = await api().get('/v1/events?limit=3').set('Authorization', platformKey).expect(200);
    await eventually(async () => {
      page1 = await api().get('/v1/events?limit=3').set('Authorization', platformKey).expect(200);
      return page1.body.events.length === 3;
    });
    let page2 = await api().get(`/v1/events?limit=3&after=${page1.body.nextCursor}`).set('Authorization', platformKey).expect(200);
    await eventually(async () => {
      page2 = await api().get(`/v1/events?limit=3&after=${page1.body.nextCursor}`).set('Authorization', platformKey).expect(200);
      return page2.body.events.length === 2;
    });
    const seen = [...page1.body.events, ...page2.body.events].map((event: { data: { platformShipmentId: string } }) => event.data.platformShipmentId);
    expect(seen.sort()).toEqual(inputs.map((input) => input.id).sort());
    const page3 = await api().get(`/v1/events?after=${page2.body.nextCursor}`).set('Authorization', platformKey).expect(200);
    expect(page3.body).toEqual({ events: [], nextCursor: page2.body.nextCursor });
    await eventually(async () => {
      const operator = await api().get('/v1/events?limit=1000').set('Authorization', county.authorization).expect(200);
      return operator.body.events.length >= 6;
    });
    const foreign = await api().get('/v1/events').set('Authorization', otherCounty.authorization).expect(200);
    expect(foreign.body.events).toEqual([]);
    await api().get('/v1/events?after=bogus').set('Authorization', platformKey).expect(400);
  });

  it("confines a platform's key to the pull feed: no county data, no other platform's shipments", async () => {
    const own = await register('confined-a');
    const other = await register('confined-b');
    await other.push({ shipments: [shipmentInput()] }).expect(200);
    const platformKey = `Bearer ${own.platform.apiKey}`;
    await api().get('/v1/events').set('Authorization', platformKey).expect(200);
    for (const path of ['/v1/counties', `/v1/counties/${county.county.id}`, `/v1/counties/${county.county.id}/shipments`, `/v1/counties/${county.county.id}/network`]) {
      const response = await api().get(path).set('Authorization', platformKey).expect(403);
      expect(response.body.code).toBe('forbidden');
    }
  });

  it('does not let an admin mint platform keys through the key endpoint', async () => {
    const response = await api()
      .post(`/v1/counties/${county.county.id}/api-keys`)
      .set('Authorization', county.authorization)
      .send({ name: 'sneaky', role: 'platform' })
      .expect(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('documents the endpoints, headers and problem responses in OpenAPI', async () => {
    const document = (await api().get('/docs-json').expect(200)).body;
    const webhook = document.paths['/v1/webhooks/{platformId}/shipments'].post;
    expect(webhook.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']));
    expect(Object.keys(webhook.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409', '413']));
    expect(webhook.responses['401'].content['application/problem+json']).toBeDefined();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/events',
        '/v1/counties/{countyId}/scans',
        '/v1/counties/{countyId}/api-keys',
        '/v1/counties/{countyId}/webhook-deliveries/{deliveryId}/redeliver',
      ]),
    );
  });
});
