/**
 * Configuration comes from the environment only, validated once at boot: a bad value stops the
 * process with a message naming the variable instead of failing later at first use.
 */
export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  /** Prefix for every BullMQ key, so several deployments (or test files) can share one Redis. */
  queuePrefix: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Outbound webhooks may target loopback/private addresses only when this is true (tests, labs). */
  allowPrivateWebhookTargets: boolean;
  /** Largest accepted request body, bytes. */
  bodyLimitBytes: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function urlVariable(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]): string {
  const value = env[name] ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return value;
}

function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  }
  return value;
}

function booleanVariable(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(env.LOG_LEVEL)}`);
  }
  const queuePrefix = env.QUEUE_PREFIX ?? 'rd';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(queuePrefix)) {
    throw new ConfigError(`QUEUE_PREFIX must be 1-40 characters of [A-Za-z0-9_-], got ${JSON.stringify(queuePrefix)}`);
  }
  return {
    databaseUrl: urlVariable(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/rural_dispatch', ['postgres:', 'postgresql:']),
    redisUrl: urlVariable(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    port: integerVariable(env, 'PORT', 3000, 0, 65535),
    queuePrefix,
    logLevel,
    allowPrivateWebhookTargets: booleanVariable(env, 'ALLOW_PRIVATE_WEBHOOK_TARGETS', false),
    bodyLimitBytes: integerVariable(env, 'BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  };
}
