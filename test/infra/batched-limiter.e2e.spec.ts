import { randomBytes } from 'crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { loadAppConfig, RateLimitRule } from '../../src/infra/config/app-config';
import { BatchedLimiter, SHARED_COUNT_FRESH_MS } from '../../src/infra/rate-limit/batched-limiter';
import { sharedLimiter } from '../../src/infra/rate-limit/rate-limits.service';
import { RequestRedis } from '../../src/infra/redis/redis.module';

/**
 * The request budgets count in memory far from their limit and add to the shared Redis counter in
 * batches (issue 12, throughput): one process stays exact, nothing counted is lost, and two processes
 * (two limiters on one Redis, as two API processes) still share one budget.
 */
describe('BatchedLimiter on real Redis', () => {
  const config = { ...loadAppConfig(process.env), queuePrefix: `t${randomBytes(4).toString('hex')}` };
  const redis = new RequestRedis(config);

  beforeAll(() => redis.onModuleInit());

  afterAll(async () => {
    const keys = await redis.client.keys(`${config.queuePrefix}:*`);
    if (keys.length) await redis.client.del(...keys);
    redis.onModuleDestroy();
  });

  /** As two processes would: the same Redis counter, each its own memory. */
  const processes = (name: string, rule: RateLimitRule) => {
    const redisLimiter = sharedLimiter(redis, name, rule);
    return { redisLimiter, first: new BatchedLimiter(sharedLimiter(redis, name, rule), rule), second: new BatchedLimiter(sharedLimiter(redis, name, rule), rule) };
  };

  /** Waits until Redis holds `count` for the key: the in-memory counts arrive within a flush interval. */
  const sharedCountReaches = async (limiter: ReturnType<typeof sharedLimiter>, id: string, count: number) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await limiter.get(id))?.consumedPoints === count) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the shared count of ${id} never reached ${count}; it is ${(await limiter.get(id))?.consumedPoints}`);
  };

  it('in one process, allows exactly the budget and counts the remainder down by one', async () => {
    const rule = { points: 1000, durationS: 60 };
    const { first } = processes('exact', rule);
    const remaining: number[] = [];
    for (let index = 0; index < 1000; index++) remaining.push((await first.consume('client')).remainingPoints);
    expect(remaining).toEqual(Array.from({ length: 1000 }, (_, index) => 999 - index));
    await expect(first.consume('client')).rejects.toBeInstanceOf(RateLimiterRes);
  });

  it('decides a small budget in Redis on every request, so that two processes alternating count exactly', async () => {
    const rule = { points: 5, durationS: 60 };
    const { first, second } = processes('small', rule);
    const remaining: number[] = [];
    for (let index = 0; index < 5; index++) remaining.push((await (index % 2 === 0 ? first : second).consume('key')).remainingPoints);
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    await expect(first.consume('key')).rejects.toBeInstanceOf(RateLimiterRes);
  });

  it('adds every request it counted in memory to the shared counter', async () => {
    const rule = { points: 1000, durationS: 60 };
    const { redisLimiter, first } = processes('flushed', rule);
    for (let index = 0; index < 450; index++) await first.consume('platform');
    await sharedCountReaches(redisLimiter, 'platform', 450);
  });

  it('shares one budget between two processes', async () => {
    const rule = { points: 1000, durationS: 60 };
    const { redisLimiter, first, second } = processes('shared', rule);
    for (let index = 0; index < 300; index++) await first.consume('address');
    await sharedCountReaches(redisLimiter, 'address', 300);
    // The second process has not seen the key: it asks Redis, and sees the first one's three hundred.
    expect((await second.consume('address')).remainingPoints).toBe(699);
    // It then gets exactly the rest of the budget: past half of it, every request is decided in Redis.
    let allowed = 1;
    while (
      await second.consume('address').then(
        () => true,
        () => false,
      )
    )
      allowed += 1;
    expect(allowed).toBe(700);
    // The first process, once what it last heard from Redis is no longer fresh, asks again and is refused too.
    await new Promise((resolve) => setTimeout(resolve, SHARED_COUNT_FRESH_MS + 50));
    await expect(first.consume('address')).rejects.toBeInstanceOf(RateLimiterRes);
  });
});
