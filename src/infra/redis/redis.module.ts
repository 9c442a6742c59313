import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisConnectionOptions } from '../queue/redis-connection';

const COMMAND_TIMEOUT_MS = 2_000;

/**
 * The API's one Redis connection for request-time work (rate limits, webhook ids, the health probe),
 * apart from BullMQ's. It fails fast: no offline queue and one retry, so a dead Redis gives an error
 * at once (and the caller decides: a fallback limit, a 503) instead of holding requests until it
 * returns; ioredis reconnects in the background. Its keys start with the queue prefix, so deployments
 * (and test files) sharing a Redis keep apart.
 */
@Injectable()
export class RequestRedis implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RequestRedis.name);
  readonly client: Redis;
  readonly keyPrefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keyPrefix = `${config.queuePrefix}:`;
    this.client = new Redis({
      ...redisConnectionOptions(config.redisUrl),
      connectionName: 'rural-dispatch-api',
      connectTimeout: COMMAND_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    // Without a listener ioredis prints every reconnect failure; one structured line per outage is enough.
    let down = false;
    this.client.on('error', (error: Error) => {
      if (!down) this.logger.warn({ err: error.message }, 'redis for rate limits and webhook ids is unreachable');
      down = true;
    });
    this.client.on('ready', () => (down = false));
  }

  /** The first requests would fail with no offline queue; wait for the connection, briefly, but start without Redis if it is down. */
  async onModuleInit(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, COMMAND_TIMEOUT_MS);
      this.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}

@Global()
@Module({})
export class RequestRedisModule {
  static forRoot(): DynamicModule {
    return { module: RequestRedisModule, providers: [RequestRedis], exports: [RequestRedis] };
  }
}
