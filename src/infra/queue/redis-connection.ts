import type { RedisOptions } from 'ioredis';

/** BullMQ workers need `maxRetriesPerRequest: null` so a Redis blip pauses them instead of failing jobs. */
export function redisConnectionOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * Options every BullMQ worker of this system starts with (spread into each `@Processor`). After a
 * connection error a worker waits `runRetryDelay` before it fetches again: BullMQ's 15 s default
 * would keep work idle long after Redis is back, so it retries every second (ioredis reconnects in
 * at most 2 s, and a retry against a dead Redis costs one failed command).
 */
export const WORKER_DEFAULTS = { runRetryDelay: 1_000 } as const;
