import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, RateLimitRule } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { RequestRedis } from '../redis/redis.module';
import { setRateLimitHeaders, sharedLimiter } from './rate-limits.service';

/**
 * Failed sign-ins per account (a driver's phone, an operator's login), shared by every API process:
 * after SIGN_IN_FAILURES_PER_15_MINUTES failures the account is locked for 15 minutes, whatever
 * address the guesses come from. A sign-in route calls, in this order (docs/security.md):
 *
 *   await attempts.assertAllowed(account, response);   // 429 while locked, before the secret is checked
 *   if (!valid) { await attempts.recordFailure(account, response); throw unauthenticated }
 *   await attempts.recordSuccess(account);
 *
 * `account` names the account, not the caller: e.g. `driver:<countyId>:<phone>`.
 */
@Injectable()
export class SignInAttemptsService {
  private readonly limiter: RateLimiterRedis;
  private readonly rule: RateLimitRule;
  private readonly blockS: number;

  constructor(redis: RequestRedis, @Inject(APP_CONFIG) config: AppConfig) {
    const { blockS, ...rule } = config.rateLimits.failedSignIns;
    this.rule = rule;
    this.blockS = blockS;
    this.limiter = sharedLimiter(redis, 'sign-in', rule);
  }

  /** Refuses (429 with Retry-After) while the account is locked. */
  async assertAllowed(account: string, response?: Response): Promise<void> {
    const state = await this.limiter.get(account);
    if (state && state.consumedPoints >= this.rule.points) this.refuse(state, response);
  }

  /** Counts a failure; the one that reaches the limit locks the account and is answered with a 429 already. */
  async recordFailure(account: string, response?: Response): Promise<void> {
    let state: RateLimiterRes;
    try {
      state = await this.limiter.consume(account);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return this.refuse(rejection, response);
    }
    if (state.consumedPoints >= this.rule.points) this.refuse(await this.limiter.block(account, this.blockS), response);
    if (response) setRateLimitHeaders(response, this.rule, state, false);
  }

  /** A successful sign-in clears the account's failures. */
  async recordSuccess(account: string): Promise<void> {
    await this.limiter.delete(account);
  }

  private refuse(state: RateLimiterRes, response: Response | undefined): never {
    if (response) setRateLimitHeaders(response, this.rule, state, true);
    const retryAfterS = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    throw new DomainError('rate_limited', `too many failed sign-ins for this account; try again in ${retryAfterS} s`, [], { retryAfterS });
  }
}
