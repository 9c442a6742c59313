import request from 'supertest';
import { RateLimitConfig } from '../../src/infra/config/app-config';
import { SignInAttemptsService } from '../../src/infra/rate-limit/sign-in-attempts.service';
import { RedisHealthIndicator } from '../../src/health/redis-health.indicator';
import { RequestRedis } from '../../src/infra/redis/redis.module';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, TestApp } from '../support/test-app';
import { createPlatform, shipmentInput, TestPlatform } from '../shipments/support/platform-client';

const LIMITS: RateLimitConfig = {
  perIp: { points: 40, durationS: 60 },
  perKey: { points: 5, durationS: 60 },
  perPlatform: { points: 3, durationS: 60 },
  failedSignIns: { points: 3, durationS: 900, blockS: 900 },
};

/**
 * Issue 12, item 3: budgets per key, per platform and per address, with 429 and RateLimit headers,
 * kept in Redis so that two API processes on the same Redis share them (two apps here, one prefix).
 */
describe('rate limits shared through Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const config = await createTestConfig({ rateLimits: LIMITS });
    first = await startTestApp(config);
    second = await startTestApp(config);
  });

  afterAll(async () => {
    await second.close();
    await first.close();
    await cleanupTestConfig(first.config);
  });

  const vehicles = (app: TestApp, county: CountyWithKey) => request(app.baseUrl).get(`/v1/counties/${county.county.id}/vehicles`).set('Authorization', county.authorization);

  it('counts one key across both API processes, answers 429 with RateLimit headers and Retry-After', async () => {
    const county = await createCounty(first.app);
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++) {
      const response = await vehicles(index % 2 === 0 ? first : second, county);
      statuses.push(response.status);
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(response.headers['ratelimit-remaining']).toBe(String(4 - index));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await vehicles(second, county);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'rate_limited', limit: 5, windowS: 60 });
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['ratelimit-policy']).toBe('5;w=60');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another key of the same county has its own budget.
    const other = await createCounty(first.app);
    await vehicles(first, other).expect(200);
  });

  it("counts a platform's signed pushes, not forged ones", async () => {
    const county = await createCounty(first.app);
    const platform: TestPlatform = await createPlatform(first.app, first.baseUrl, county.county.id);
    const forged = await platform.push({ shipments: [shipmentInput()] }, { secret: 'whsec_' + Buffer.alloc(32, 3).toString('base64') });
    expect(forged.status).toBe(401);
    // Three signed pushes are the budget (the bodies are refused for their village, which still counts).
    for (let index = 0; index < 3; index++) expect((await platform.push({ shipments: [shipmentInput()] })).status).not.toBe(429);
    const refused = await platform.push({ shipments: [shipmentInput()] });
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-limit']).toBe('3');
  });

  it('limits a client address before authentication, loosely', async () => {
    // Unknown keys are not a key's budget: forty of them from this address use up the address's.
    const statuses: number[] = [];
    for (let index = 0; index < 45; index++) {
      statuses.push((await request(first.baseUrl).get('/v1/counties').set('Authorization', `Bearer rdk_unknown_${index}`)).status);
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(40);
    expect(statuses.at(-1)).toBe(429);
  });

  it('locks an account after its failed sign-ins, in every process, until a success clears them', async () => {
    const inFirst = first.app.get(SignInAttemptsService);
    const inSecond = second.app.get(SignInAttemptsService);
    const account = `driver:test:${Date.now()}`;
    await inFirst.assertAllowed(account);
    await inFirst.recordFailure(account);
    await inSecond.recordFailure(account);
    // The third failure reaches the limit: refused at once, and locked in the other process too.
    await expect(inFirst.recordFailure(account)).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(inSecond.assertAllowed(account)).rejects.toMatchObject({ code: 'rate_limited' });
    // Another account is not affected; a success clears the count.
    const other = `driver:test:other:${Date.now()}`;
    await inSecond.recordFailure(other);
    await inSecond.recordSuccess(other);
    await inSecond.recordFailure(other);
    await inSecond.recordFailure(other);
    await expect(inSecond.assertAllowed(other)).resolves.toBeUndefined();
  });

  it('probes Redis for /health over one kept connection, not one per call', async () => {
    const redis = first.app.get(RequestRedis).client;
    const clientsNamed = async () => ((await redis.client('LIST')) as string).split('\n').filter((line) => line.includes('name=rural-dispatch-api')).length;
    const before = await clientsNamed();
    for (let index = 0; index < 10; index++) await first.app.get(RedisHealthIndicator).ping('redis');
    expect(await clientsNamed()).toBe(before);
  });
});
