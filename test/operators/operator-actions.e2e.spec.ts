import request from 'supertest';
import { OperatorUsersService } from '../../src/operators/operator-users.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';

interface RecordedAction {
  actor: string;
  userId: string | null;
  apiKeyId: string | null;
  role: string;
  method: string;
  route: string;
  params: Record<string, string>;
  status: number;
}

/** Every change a person (or an operator key) asks of the API is recorded with who asked it, on the real API and PostgreSQL. */
describe('the record of operator actions', () => {
  let api: TestApp;
  let owner: CountyWithKey;
  const http = () => request(api.baseUrl);
  const actionsUrl = () => `/v1/counties/${owner.county.id}/operator-actions`;

  async function signIn(username: string): Promise<{ cookie: string; csrfToken: string; userId: string }> {
    const response = await http().post('/v1/console/sign-in').send({ county: owner.county.adminCode, username, password: PASSWORD }).expect(200);
    return { cookie: (response.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!, csrfToken: response.body.csrfToken, userId: response.body.user.id };
  }

  /** The record is written once the answer is sent: read it until it holds `count` rows. */
  async function recorded(count: number, query = ''): Promise<RecordedAction[]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const actions: RecordedAction[] = (await http().get(`${actionsUrl()}${query}`).set('Authorization', owner.authorization).expect(200)).body;
      if (actions.length >= count) return actions;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} actions recorded`);
  }

  beforeAll(async () => {
    api = await startTestApp();
    owner = await createCounty(api.app);
    const users = api.app.get(OperatorUsersService);
    await users.create(owner.county.id, { username: 'wang.li', displayName: '王丽', role: 'dispatcher', password: PASSWORD });
    await users.create(owner.county.id, { username: 'zhao.kan', displayName: '赵侃', role: 'viewer', password: PASSWORD });
  }, 60_000);

  afterAll(async () => {
    if (!api) return;
    await api.close();
    await cleanupTestConfig(api.config);
  });

  it("records a person's changes with their user id, refused ones with their status, and no reads", async () => {
    const wang = await signIn('wang.li');
    const asWang = (method: 'get' | 'post', url: string) => http()[method](url).set('Cookie', wang.cookie).set('X-CSRF-Token', wang.csrfToken);
    await asWang('post', `/v1/counties/${owner.county.id}/scans`)
      .send({ barcodes: ['NOT-OURS-1'] })
      .expect(200);
    await asWang('post', `/v1/counties/${owner.county.id}/scans`)
      .send({ barcodes: ['bad barcode!'] })
      .expect(400);
    await asWang('get', `/v1/counties/${owner.county.id}/plans`).expect(200);
    // Refused by the guard before any handler: not an action.
    const zhao = await signIn('zhao.kan');
    await http()
      .post(`/v1/counties/${owner.county.id}/scans`)
      .set('Cookie', zhao.cookie)
      .set('X-CSRF-Token', zhao.csrfToken)
      .send({ barcodes: ['X-1'] })
      .expect(403);

    const actions = await recorded(2);
    expect(actions).toHaveLength(2);
    for (const action of actions) {
      expect(action).toMatchObject({
        actor: `user:${wang.userId}`,
        userId: wang.userId,
        apiKeyId: null,
        role: 'dispatcher',
        method: 'POST',
        route: '/v1/counties/:countyId/scans',
        params: { countyId: owner.county.id },
      });
    }
    expect(actions.map((action) => action.status).sort()).toEqual([200, 400]);
    // Bodies are never kept.
    expect(JSON.stringify(actions)).not.toContain('NOT-OURS-1');
  });

  it("records an operator key's changes with the key, lists one account's only, and is for admins", async () => {
    const created = await http()
      .post(`/v1/counties/${owner.county.id}/users`)
      .set('Authorization', owner.authorization)
      .send({ username: 'li.ming', displayName: '李明', role: 'viewer', password: 'a long enough password' })
      .expect(201);
    const [latest] = await recorded(3);
    expect(latest).toMatchObject({ userId: null, role: 'admin', method: 'POST', route: '/v1/counties/:countyId/users', status: 201 });
    expect(latest!.apiKeyId).toBe(latest!.actor);
    expect(JSON.stringify(latest)).not.toContain(created.body.id);

    const wang = await signIn('wang.li');
    const onlyWang = await recorded(2, `?userId=${wang.userId}&limit=10`);
    expect(onlyWang.every((action) => action.userId === wang.userId)).toBe(true);
    expect(onlyWang).toHaveLength(2);
    await http().get(actionsUrl()).set('Cookie', wang.cookie).expect(403);
    const bad = await http().get(`${actionsUrl()}?limit=0`).set('Authorization', owner.authorization).expect(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });
});
