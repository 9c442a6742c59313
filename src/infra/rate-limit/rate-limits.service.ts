import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, RateLimitRule } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { RequestRedis } from '../redis/redis.module';
import { BatchedLimiter, LimiterState } from './batched-limiter';

export type RateLimitScope = 'ip' | 'key' | 'user' | 'platform';

const SCOPE_NAMES: Record<RateLimitScope, string> = { ip: 'client address', key: 'API key', user: 'operator account', platform: 'platform' };

/**
 * A Redis counter per rule, so that every API process shares one budget per key. Should Redis be
 * unreachable, an in-process counter of the same rule takes over (per process, so looser, but never
 * unlimited), and requests go on.
 */
export function sharedLimiter(redis: RequestRedis, name: string, rule: RateLimitRule, blockS = 0): RateLimiterRedis {
  const options = { points: rule.points, duration: rule.durationS, blockDuration: blockS };
  return new RateLimiterRedis({
    ...options,
    storeClient: redis.client,
    keyPrefix: `${redis.keyPrefix}rl:${name}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/**
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`, as
 * the IETF httpapi draft names them; `Retry-After` on a refusal. The last rule applied to a request
 * (the key's, after the address's) is the one its headers describe.
 */
export function setRateLimitHeaders(response: Response, rule: RateLimitRule, state: LimiterState, refused: boolean): void {
  const resetS = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  response.setHeader('RateLimit-Limit', String(rule.points));
  response.setHeader('RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
  response.setHeader('RateLimit-Reset', String(resetS));
  response.setHeader('RateLimit-Policy', `${rule.points};w=${rule.durationS}`);
  if (refused) response.setHeader('Retry-After', String(resetS));
}

/**
 * The request budgets: per client address (before authentication), per API key and per platform (after
 * it). They are on every request, so they are counted in memory while far from their limit and
 * shared through Redis in batches (BatchedLimiter says what that trades).
 */
@Injectable()
export class RateLimitsService {
  private readonly limiters: Record<RateLimitScope, { limiter: BatchedLimiter; rule: RateLimitRule }>;

  constructor(redis: RequestRedis, @Inject(APP_CONFIG) config: AppConfig) {
    const { perIp, perKey, perPlatform } = config.rateLimits;
    this.limiters = {
      ip: { limiter: new BatchedLimiter(sharedLimiter(redis, 'ip', perIp), perIp), rule: perIp },
      key: { limiter: new BatchedLimiter(sharedLimiter(redis, 'key', perKey), perKey), rule: perKey },
      // A person in the console gets a key's budget.
      user: { limiter: new BatchedLimiter(sharedLimiter(redis, 'user', perKey), perKey), rule: perKey },
      platform: { limiter: new BatchedLimiter(sharedLimiter(redis, 'platform', perPlatform), perPlatform), rule: perPlatform },
    };
  }

  /** Counts one request against `id`'s budget; over it, a 429 `rate_limited` with Retry-After. */
  async consume(scope: RateLimitScope, id: string, response: Response): Promise<void> {
    const { limiter, rule } = this.limiters[scope];
    let state: LimiterState;
    try {
      state = await limiter.consume(id);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      setRateLimitHeaders(response, rule, rejection, true);
      throw new DomainError(
        'rate_limited',
        `too many requests for this ${SCOPE_NAMES[scope]}: at most ${rule.points} per ${rule.durationS} s; retry after the Retry-After seconds`,
        [],
        {
          limit: rule.points,
          windowS: rule.durationS,
        },
      );
    }
    setRateLimitHeaders(response, rule, state, false);
  }
}
