import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { redisConnectionOptions } from '../infra/queue/redis-connection';

const TIMEOUT_MS = 2_000;

/**
 * PING over one connection kept for the life of the process (not one per probe: a load balancer
 * polls /health every few seconds). No offline queue and one retry, so a dead Redis answers "down"
 * at once instead of holding the probe until it returns; ioredis reconnects in the background.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.client = new Redis({ ...redisConnectionOptions(config.redisUrl), lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  }

  async ping<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      if (this.client.status === 'wait') await this.client.connect();
      await this.client.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
