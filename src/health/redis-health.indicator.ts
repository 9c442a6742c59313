import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { RequestRedis } from '../infra/redis/redis.module';

/**
 * PING over the API's request-time Redis connection, kept for the life of the process (not one per
 * probe: a load balancer polls /health every few seconds). It fails fast, so a dead Redis answers
 * "down" at once instead of holding the probe until it returns.
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RequestRedis,
  ) {}

  async ping<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      await this.redis.client.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
