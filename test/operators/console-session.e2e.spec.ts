import request from 'supertest';
import { DataSource } from 'typeorm';
import { OperatorUsersService } from '../../src/operators/operator-users.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';

interface SignedIn {
  cookie: string;
  csrfToken: string;
  userId: string;
}

/** Console accounts and sessions on the real API, PostgreSQL and Redis: cookie, CSRF, expiry, roles, counties. */
describe('console accounts and sessions', () => {
  let api: TestApp;
  let home: CountyWithKey;
  let other: CountyWithKey;
  const http = () => request(api.baseUrl);
  const db = () => api.app.get(DataSource);
  const plansUrl = (county: CountyWithKey) => `/v1/counties/${county.county.id}/plans`;

  const createUser = (county: CountyWithKey, username: string, role: 'admin' | 'dispatcher' | 'viewer') =>
    api.app.get(OperatorUsersService).create(county.county.id, { username, displayName: `${username} 测试`, role, password: PASSWORD });

  async function signIn(county: CountyWithKey, username: string, password = PASSWORD): Promise<SignedIn> {
    const response = await http().post('/v1/console/sign-in').send({ county: county.county.adminCode, username, password }).expect(200);
    const setCookie = response.headers['set-cookie'] as unknown as string[];
    return { cookie: setCookie[0]!.split(';')[0]!, csrfToken: response.body.csrfToken, userId: response.body.user.id };
  }

  beforeAll(async () => {
    api = await startTestApp(await createTestConfig({ rateLimits: { ...(await createTestConfig()).rateLimits, failedSignIns: { points: 3, durationS: 900, blockS: 900 } } }));
    home = await createCounty(api.app, { name: '山谷县' });
    other = await createCounty(api.app, { name: '邻县' });
    await createUser(home, 'wang.li', 'dispatcher');
    await createUser(home, 'zhao.kan', 'viewer');
    await createUser(home, 'chen.admin', 'admin');
    await createUser(other, 'wang.li', 'dispatcher');
  }, 120_000);

  afterAll(async () => {
    if (!api) return;
    await api.close();
    await cleanupTestConfig(api.config);
  });

  it('signs in with the county code, username (any case) and password: an httpOnly SameSite cookie, the CSRF token, and the session in PostgreSQL', async () => {
    const response = await http().post('/v1/console/sign-in').send({ county: home.county.adminCode, username: 'Wang.Li', password: PASSWORD }).expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/^rd_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(response.body).toMatchObject({
      user: { username: 'wang.li', role: 'dispatcher', countyId: home.county.id },
      county: { id: home.county.id, name: '山谷县' },
      idleTimeoutS: 14400,
    });
    expect(response.body.user.passwordHash).toBeUndefined();
    expect(response.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const [row] = await db().query('SELECT s.token_hash, u.password_hash FROM operator_session s JOIN operator_user u ON u.id = s.user_id WHERE u.id = $1', [
      response.body.user.id,
    ]);
    expect(row.token_hash).not.toContain(token);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const session = await http().get('/v1/console/session').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(session.body).toMatchObject({ user: { id: response.body.user.id }, csrfToken: response.body.csrfToken });
  });

  it('answers a wrong password, an unknown user and an unknown county alike, and locks the account after 3 failures', async () => {
    const attempts = [
      { county: home.county.adminCode, username: 'zhao.kan', password: 'wrong password!' },
      { county: home.county.adminCode, username: 'nobody', password: PASSWORD },
      { county: '000000', username: 'zhao.kan', password: PASSWORD },
    ];
    for (const body of attempts) {
      const response = await http().post('/v1/console/sign-in').send(body).expect(401);
      expect(response.body).toMatchObject({ code: 'unauthenticated', detail: 'wrong county code, username or password' });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const wrong = { county: home.county.adminCode, username: 'zhao.kan', password: 'wrong password!' };
    await http().post('/v1/console/sign-in').send(wrong).expect(401);
    await http().post('/v1/console/sign-in').send(wrong).expect(429);
    // Locked: even the right password is refused now.
    const locked = await http()
      .post('/v1/console/sign-in')
      .send({ ...wrong, password: PASSWORD })
      .expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a malformed sign-in with the field named', async () => {
    const response = await http().post('/v1/console/sign-in').send({ county: '62122', username: 'wang.li', password: PASSWORD }).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'county' })]);
  });

  it('acts with the role and county of the account on the existing endpoints, and records the person as the actor', async () => {
    const dispatcher = await signIn(home, 'wang.li');
    await http().get(plansUrl(home)).set('Cookie', dispatcher.cookie).expect(200);
    const created = await http()
      .post(plansUrl(home))
      .set('Cookie', dispatcher.cookie)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send({ serviceDate: '2026-11-30', wave: 1 })
      .expect(202);
    const [event] = await db().query(`SELECT actor FROM plan_event WHERE plan_id = $1 AND type = 'plan.requested'`, [created.body.id]);
    expect(event.actor).toBe(`user:${dispatcher.userId}`);
  });

  it('refuses a write without the CSRF token, or with a wrong one, and writes nothing', async () => {
    const dispatcher = await signIn(home, 'wang.li');
    for (const token of [undefined, 'x'.repeat(43), '']) {
      const call = http().post(plansUrl(home)).set('Cookie', dispatcher.cookie);
      if (token !== undefined) call.set('X-CSRF-Token', token);
      const response = await call.send({ serviceDate: '2026-12-01', wave: 2 }).expect(403);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'X-CSRF-Token' })]);
    }
    // Another session's token is no better.
    const other = await signIn(home, 'chen.admin');
    await http().post(plansUrl(home)).set('Cookie', dispatcher.cookie).set('X-CSRF-Token', other.csrfToken).send({ serviceDate: '2026-12-01', wave: 2 }).expect(403);
    expect((await db().query(`SELECT count(*)::int AS n FROM plan WHERE service_date = '2026-12-01'`))[0].n).toBe(0);
  });

  it('lets a viewer read but not write', async () => {
    // A fresh viewer account: zhao.kan is locked by the failed sign-ins above.
    await createUser(home, 'sun.viewer', 'viewer');
    const viewer = await signIn(home, 'sun.viewer');
    await http().get(plansUrl(home)).set('Cookie', viewer.cookie).expect(200);
    const refused = await http().post(plansUrl(home)).set('Cookie', viewer.cookie).set('X-CSRF-Token', viewer.csrfToken).send({ serviceDate: '2026-12-02', wave: 1 }).expect(403);
    expect(refused.body.detail).toContain('the account has viewer');
    await http().get(`/v1/counties/${home.county.id}/users`).set('Cookie', viewer.cookie).expect(403);
  });

  it('shows a person nothing of another county, even one where the same username exists', async () => {
    const neighbour = await signIn(other, 'wang.li');
    for (const path of [plansUrl(home), `/v1/counties/${home.county.id}`, `/v1/counties/${home.county.id}/network`]) {
      const response = await http().get(path).set('Cookie', neighbour.cookie).expect(403);
      expect(response.body.detail).toBe('this account belongs to another county');
    }
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const idle = await signIn(home, 'wang.li');
    await db().query(`UPDATE operator_session SET last_seen_at = last_seen_at - interval '4 hours 1 second' WHERE user_id = $1`, [idle.userId]);
    const expired = await http().get(plansUrl(home)).set('Cookie', idle.cookie).expect(401);
    expect(expired.body.detail).toContain('expired');

    const old = await signIn(home, 'chen.admin');
    await db().query(`UPDATE operator_session SET expires_at = last_seen_at - interval '1 second' WHERE user_id = $1`, [old.userId]);
    await http().get(plansUrl(home)).set('Cookie', old.cookie).expect(401);
  });

  it('signs out: the cookie is cleared and the session is gone for every process', async () => {
    const session = await signIn(home, 'chen.admin');
    await http().post('/v1/console/sign-out').set('Cookie', session.cookie).expect(403);
    const out = await http().post('/v1/console/sign-out').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).expect(204);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^rd_session=; .*Max-Age=0/);
    await http().get(plansUrl(home)).set('Cookie', session.cookie).expect(401);
    await http().get('/v1/console/session').set('Cookie', session.cookie).expect(401);
  });

  it('lets an admin create accounts (bad input named, duplicates refused) and keeps API keys working unchanged', async () => {
    const admin = await signIn(home, 'chen.admin');
    const url = `/v1/counties/${home.county.id}/users`;
    const created = await http()
      .post(url)
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ username: 'Li.Ming', displayName: '李明', role: 'dispatcher', password: 'a long enough password' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'li.ming', displayName: '李明', role: 'dispatcher', disabledAt: null });
    const short = await http().post(url).set('Authorization', home.authorization).send({ username: 'x y', displayName: '坏', role: 'boss', password: 'short' }).expect(400);
    expect(short.body.errors.map((problem: { field: string }) => problem.field).sort()).toEqual(['password', 'role', 'username']);
    await http()
      .post(url)
      .set('Authorization', home.authorization)
      .send({ username: 'li.ming', displayName: '李明', role: 'viewer', password: 'a long enough password' })
      .expect(409);
    const listed = await http().get(url).set('Authorization', home.authorization).expect(200);
    expect(listed.body.map((user: { username: string }) => user.username)).toContain('li.ming');

    // Disabling ends the account's sessions at once.
    const liMing = await signIn(home, 'li.ming', 'a long enough password');
    await http().patch(`${url}/${liMing.userId}`).set('Authorization', home.authorization).send({ disabled: true }).expect(200);
    await http().get(plansUrl(home)).set('Cookie', liMing.cookie).expect(401);
    await http().post('/v1/console/sign-in').send({ county: home.county.adminCode, username: 'li.ming', password: 'a long enough password' }).expect(401);
  });
});
