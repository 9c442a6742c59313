import request from 'supertest';
import { DataSource } from 'typeorm';
import { Driver } from '../../src/fleet/driver.entity';
import { DriversService } from '../../src/fleet/drivers.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { TestReceiver } from '../integrations/support/receiver';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';

const GRACE_S = 2;

/** Sign-in, lockout, one-time codes, refresh rotation with its grace and reuse detection, devices: on the real API and database. */
describe('driver sign-in and sessions', () => {
  const codes = new TestReceiver();
  let api: TestApp;
  let owner: CountyWithKey;
  let countyCode: string;
  let driver: Driver;
  let other: Driver;

  const http = () => request(api.baseUrl);
  const operatorUrl = (target: Driver, path: string) => `/v1/counties/${owner.county.id}/drivers/${target.id}/${path}`;
  const signIn = (target: Driver, pin: string, deviceId = 'phone-A-0001') =>
    http()
      .post('/v1/driver/sign-in')
      .send({ county: countyCode, phone: target.phone, pin, device: { id: deviceId, name: '红米 Note 12', platform: 'android 13' } });
  const refresh = (refreshToken: string, deviceId = 'phone-A-0001') => http().post('/v1/driver/token').send({ refreshToken, deviceId });
  const me = (accessToken: string) => http().get('/v1/driver/me').set('Authorization', `Bearer ${accessToken}`);
  const count = async (table: string) => (await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    const hook = await codes.start();
    const config = await createTestConfig({
      driverApp: { ...(await createTestConfig()).driverApp, refreshGraceS: GRACE_S, signInMaxFailures: 3, lockoutS: 600, codeWebhookUrl: hook },
    });
    api = await startTestApp(config);
    countyCode = String(100000 + Math.floor(Math.random() * 800000));
    owner = await createCounty(api.app, { adminCode: countyCode, name: '山谷测试县' });
    driver = await api.app.get(DriversService).create(owner.county.id, { name: '张师傅', phone: '138 0013 8001' });
    other = await api.app.get(DriversService).create(owner.county.id, { name: '李师傅', phone: '13800138009' });
    await http().put(operatorUrl(driver, 'pin')).set('Authorization', owner.authorization).send({ pin: '246810' }).expect(204);
  }, 120_000);

  afterAll(async () => {
    await codes.stop();
    if (api) {
      await api.close();
      await cleanupTestConfig(api.config);
    }
  });

  it('signs a driver in with the county code, the phone (any notation) and the PIN', async () => {
    const response = await http()
      .post('/v1/driver/sign-in')
      .send({ county: countyCode, phone: '+86 138-0013-8001', pin: '246810', device: { id: 'phone-A-0001' } })
      .expect(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', scope: 'driver', syncUntil: null, driver: { id: driver.id, name: '张师傅', countyId: owner.county.id } });
    expect(response.body.refreshToken).toMatch(/^rdr_/);
    const [header, payload] = response.body.accessToken
      .split('.')
      .slice(0, 2)
      .map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload.exp - payload.iat).toBe(600);
    expect(Date.parse(response.body.refreshTokenExpiresAt) - Date.parse(response.body.accessTokenExpiresAt)).toBeGreaterThan(29 * 24 * 3600_000);
    expect((await me(response.body.accessToken).expect(200)).body).toMatchObject({ driver: { id: driver.id }, county: { adminCode: countyCode, today: '2026-11-30' } });
  });

  it('answers a wrong PIN, an unknown phone and an unknown county alike', async () => {
    const answers = await Promise.all([
      signIn(driver, '999999'),
      http()
        .post('/v1/driver/sign-in')
        .send({ county: countyCode, phone: '13900000000', pin: '246810', device: { id: 'phone-A-0001' } }),
      http()
        .post('/v1/driver/sign-in')
        .send({ county: '000000', phone: driver.phone, pin: '246810', device: { id: 'phone-A-0001' } }),
      signIn(other, '246810'),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(answer.body.detail).toBe('county, phone or PIN is wrong');
    }
    await signIn(driver, '246810').expect(200);
  });

  it('refuses a malformed request with 400, naming the field', async () => {
    const response = await http().post('/v1/driver/sign-in').send({ county: '62', phone: 'call me', pin: '12', device: {} }).expect(400);
    expect(response.body.errors.map((problem: any) => problem.field)).toEqual(expect.arrayContaining(['county', 'phone', 'pin', 'device.id']));
  });

  it('locks the account after repeated wrong PINs, whatever the address, until the lockout ends or an operator sets a PIN', async () => {
    for (let attempt = 0; attempt < 2; attempt++) await signIn(driver, '111111').expect(401);
    const locked = await signIn(driver, '111111').expect(429);
    expect(locked.body).toMatchObject({ code: 'rate_limited', retryAfterS: expect.any(Number) });
    await signIn(driver, '246810').expect(429);
    const access = (await http().get(operatorUrl(driver, 'app-access')).set('Authorization', owner.authorization).expect(200)).body;
    expect(access).toMatchObject({ pinSet: true, locked: true, enabled: true });
    await http().put(operatorUrl(driver, 'pin')).set('Authorization', owner.authorization).send({ pin: '135790' }).expect(204);
    await signIn(driver, '246810').expect(401);
    await signIn(driver, '135790').expect(200);
  });

  it('sends a one-time code through the code sender; the driver sets a PIN with it, once', async () => {
    const sent = await http().post(operatorUrl(other, 'sign-in-code')).set('Authorization', owner.authorization).expect(202);
    expect(sent.body.sentTo).toBe('**********8009');
    const message = JSON.parse(codes.received[codes.received.length - 1]!.body);
    expect(message).toMatchObject({ to: '+8613800138009', code: expect.stringMatching(/^\d{6}$/) });
    expect(message.text).toContain(message.code);
    const wrong = String((Number(message.code) + 1) % 1_000_000).padStart(6, '0');
    const body = (code: string) => ({ county: countyCode, phone: other.phone, code, pin: '864209', device: { id: 'phone-B-0001' } });
    await http().post('/v1/driver/pin').send(body(wrong)).expect(401);
    const signedIn = await http().post('/v1/driver/pin').send(body(message.code)).expect(200);
    expect(signedIn.body.driver.id).toBe(other.id);
    await http().post('/v1/driver/pin').send(body(message.code)).expect(401);
    await signIn(other, '864209', 'phone-B-0001').expect(200);
  });

  it('rotates the refresh token; a retry within the grace gets the same pair, the successor works, a later reuse revokes the device session', async () => {
    const first = (await signIn(driver, '135790').expect(200)).body;
    const rotated = (await refresh(first.refreshToken).expect(200)).body;
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.accessToken).not.toBe(first.accessToken);
    const retried = (await refresh(first.refreshToken).expect(200)).body;
    expect(retried).toEqual(rotated);
    await me(rotated.accessToken).expect(200);
    await refresh(rotated.refreshToken, 'phone-Z-9999').expect(401);
    const next = (await refresh(rotated.refreshToken).expect(200)).body;
    // The successor was used: the old token again is reuse, and the whole family goes.
    const reuse = await refresh(first.refreshToken).expect(401);
    expect(reuse.body.detail).toMatch(/reuse/);
    await refresh(next.refreshToken).expect(401);
  });

  it('treats a retry after the grace window as reuse', async () => {
    const first = (await signIn(driver, '135790').expect(200)).body;
    await refresh(first.refreshToken).expect(200);
    await new Promise((resolve) => setTimeout(resolve, (GRACE_S + 1) * 1000));
    await refresh(first.refreshToken).expect(401);
  });

  it('lists the devices; a disabled device cannot sign in and its refresh gives a sync-only token', async () => {
    const session = (await signIn(driver, '135790', 'phone-C-0001').expect(200)).body;
    const devices = (await http().get(operatorUrl(driver, 'devices')).set('Authorization', owner.authorization).expect(200)).body;
    const phone = devices.find((device: any) => device.clientDeviceId === 'phone-C-0001');
    expect(phone).toMatchObject({ enabled: true, activeSessions: 1, platform: 'android 13' });
    expect(devices.map((device: any) => device.clientDeviceId)).toEqual(expect.arrayContaining(['phone-A-0001', 'phone-C-0001']));
    const disabled = await http()
      .patch(`${operatorUrl(driver, 'devices')}/${phone.id}`)
      .set('Authorization', owner.authorization)
      .send({ enabled: false })
      .expect(200);
    expect(disabled.body).toMatchObject({ enabled: false, disabledAt: expect.any(String) });
    await signIn(driver, '135790', 'phone-C-0001').expect(403);
    const syncOnly = (await refresh(session.refreshToken, 'phone-C-0001').expect(200)).body;
    expect(syncOnly).toMatchObject({ scope: 'sync', syncUntil: disabled.body.disabledAt });
    await me(syncOnly.accessToken).expect(403);
    await http()
      .patch(`${operatorUrl(driver, 'devices')}/${phone.id}`)
      .set('Authorization', owner.authorization)
      .send({ enabled: true })
      .expect(200);
    await signIn(driver, '135790', 'phone-C-0001').expect(200);
  });

  it("turns a driver's app access off and on", async () => {
    await http().patch(operatorUrl(driver, 'app-access')).set('Authorization', owner.authorization).send({ enabled: false }).expect(200);
    expect((await signIn(driver, '135790').expect(403)).body.detail).toMatch(/disabled/);
    await http().patch(operatorUrl(driver, 'app-access')).set('Authorization', owner.authorization).send({ enabled: true }).expect(200);
    await signIn(driver, '135790').expect(200);
  });

  it('signs out: the refresh token stops working', async () => {
    const session = (await signIn(driver, '135790').expect(200)).body;
    await http().post('/v1/driver/sign-out').set('Authorization', `Bearer ${session.accessToken}`).expect(204);
    await refresh(session.refreshToken).expect(401);
  });

  it('lets only write roles manage access, and only in their county; writes nothing when refused', async () => {
    const viewer = await createCounty(api.app, { adminCode: countyCode, role: 'viewer' });
    const stranger = await createCounty(api.app);
    const before = await count('driver_account');
    await http().put(operatorUrl(driver, 'pin')).set('Authorization', viewer.authorization).send({ pin: '000000' }).expect(403);
    await http().put(operatorUrl(driver, 'pin')).set('Authorization', stranger.authorization).send({ pin: '000000' }).expect(403);
    await http().put(operatorUrl(driver, 'pin')).set('Authorization', owner.authorization).send({ pin: '12ab' }).expect(400);
    await http().post(operatorUrl(driver, 'sign-in-code')).set('Authorization', viewer.authorization).expect(403);
    expect(await count('driver_account')).toBe(before);
    await signIn(driver, '135790').expect(200);
  });
});
