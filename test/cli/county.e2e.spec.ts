import request from 'supertest';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/infra/database/database-options';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { runCliCaptured } from './cli-run';

const KEY = /^(rdk_[A-Za-z0-9_-]{43})$/m;

describe('rural-dispatch county create, county list and key create', () => {
  let api: TestApp;
  let dataSource: DataSource;
  const saved = { ...process.env };
  const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);

  beforeAll(async () => {
    api = await startTestApp(await createTestConfig());
    // The commands read their configuration from the environment, like any CLI run.
    Object.assign(process.env, { DATABASE_URL: api.config.databaseUrl, QUEUE_PREFIX: api.config.queuePrefix, LOG_LEVEL: 'silent' });
    dataSource = await new DataSource(databaseOptions(api.config.databaseUrl)).initialize();
  });

  afterAll(async () => {
    process.env = saved;
    await dataSource.destroy();
    await api.close();
    await cleanupTestConfig(api.config);
  });

  it('creates a county named from the division data and prints a working admin key once', async () => {
    const result = await runCliCaptured(['county', 'create', '--county', '621225']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^created county 西和县 621225, time zone Asia\/Shanghai \(甘肃省 陇南市\), id [0-9a-f-]{36}$/m);
    const secret = KEY.exec(result.stdout)![1]!;
    const counties = await request(api.baseUrl).get('/v1/counties').set('Authorization', `Bearer ${secret}`).expect(200);
    expect(counties.body).toEqual([expect.objectContaining({ name: '西和县', adminCode: '621225', timeZone: 'Asia/Shanghai', planningHorizonDays: 7 })]);
    const keys = await request(api.baseUrl).get(`/v1/counties/${counties.body[0].id}/api-keys`).set('Authorization', `Bearer ${secret}`).expect(200);
    expect(keys.body).toEqual([expect.objectContaining({ role: 'admin', keyPrefix: secret.slice(0, 12) })]);
    // Only the hash is stored.
    expect(await count(`SELECT count(*) AS n FROM api_key WHERE key_hash LIKE '%rdk_%' OR key_prefix = '${secret}'`)).toBe(0);
  });

  it('refuses to create the same county twice, and --if-missing succeeds without a second key', async () => {
    const again = await runCliCaptured(['county', 'create', '--county', '621225']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/county 621225 \(西和县\) already exists/);
    const bootstrap = await runCliCaptured(['county', 'create', '--county', '621225', '--if-missing']);
    expect(bootstrap.code).toBe(0);
    expect(bootstrap.stdout).toMatch(/already exists; no new key made/);
    expect(bootstrap.stdout).not.toMatch(KEY);
    expect(await count(`SELECT count(*) AS n FROM api_key k JOIN county c ON c.id = k.county_id WHERE c.admin_code = '621225'`)).toBe(1);
  });

  it('needs --name for a code that is not in the division data, and exits 2 naming the flag', async () => {
    const unknown = await runCliCaptured(['county', 'create', '--county', '999901']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/999901 is not a county in the division data.*--name/);
    expect(await count(`SELECT count(*) AS n FROM county WHERE admin_code = '999901'`)).toBe(0);

    const named = await runCliCaptured(['county', 'create', '--county', '999901', '--name', 'Test valley', '--time-zone', 'Asia/Urumqi', '--planning-horizon-days', '3']);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/^created county Test valley 999901, time zone Asia\/Urumqi, id /m);
    const [row] = await dataSource.query(`SELECT name, time_zone, planning_horizon_days FROM county WHERE admin_code = '999901'`);
    expect(row).toEqual({ name: 'Test valley', time_zone: 'Asia/Urumqi', planning_horizon_days: 3 });
  });

  it('refuses a bad time zone or admin code before touching the database', async () => {
    const zone = await runCliCaptured(['county', 'create', '--county', '999902', '--name', 'X', '--time-zone', 'Mars/Olympus']);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toMatch(/--time-zone.*IANA time zone/);
    const code = await runCliCaptured(['county', 'create', '--county', '62122']);
    expect(code.code).toBe(2);
    expect(code.stderr).toMatch(/--county.*6-digit admin code/);
  });

  it('lists every county', async () => {
    const result = await runCliCaptured(['county', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^621225 {2}西和县 {2}Asia\/Shanghai {2}planning horizon 7 days {2}id /),
      expect.stringMatching(/^999901 {2}Test valley {2}Asia\/Urumqi {2}planning horizon 3 days {2}id /),
    ]);
  });

  it('creates a dispatcher key that may plan but not manage keys', async () => {
    const result = await runCliCaptured(['key', 'create', '--county', '621225', '--role', 'dispatcher', '--label', 'hub desk']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created dispatcher key "hub desk" for 西和县 621225/m);
    const secret = KEY.exec(result.stdout)![1]!;
    const [county] = (await request(api.baseUrl).get('/v1/counties').set('Authorization', `Bearer ${secret}`).expect(200)).body;
    await request(api.baseUrl).get(`/v1/counties/${county.id}/api-keys`).set('Authorization', `Bearer ${secret}`).expect(403);
  });

  it('refuses a key for an unknown county or an unknown role', async () => {
    const county = await runCliCaptured(['key', 'create', '--county', '999903', '--role', 'viewer']);
    expect(county.code).toBe(2);
    expect(county.stderr).toMatch(/no county with code 999903/);
    const role = await runCliCaptured(['key', 'create', '--county', '621225', '--role', 'platform']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role.*platform.*invalid|Allowed choices are admin, dispatcher, viewer/);
  });

  it('creates a console account with the password from standard input, never from argv, and it signs in', async () => {
    const result = await runCliCaptured(
      ['user', 'create', '--county', '621225', '--username', 'Wang.Li', '--display-name', '王丽', '--role', 'dispatcher', '--password-stdin'],
      undefined,
      'a long console password\n',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^created dispatcher account wang\.li \(王丽\) for 西和县 621225/m);
    const signedIn = await request(api.baseUrl).post('/v1/console/sign-in').send({ county: '621225', username: 'wang.li', password: 'a long console password' }).expect(200);
    expect(signedIn.body.user).toMatchObject({ username: 'wang.li', displayName: '王丽', role: 'dispatcher' });

    const short = await runCliCaptured(['user', 'create', '--county', '621225', '--username', 'zhao', '--role', 'viewer', '--password-stdin'], undefined, 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password must be 10 to 200 characters/);
    const badName = await runCliCaptured(
      ['user', 'create', '--county', '621225', '--username', 'a b', '--role', 'viewer', '--password-stdin'],
      undefined,
      'a long console password\n',
    );
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/--username/);
    expect(await count(`SELECT count(*) AS n FROM operator_user`)).toBe(1);
  });
});
