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
  /** Outbound webhook timing; tests (and labs) shrink the backoff to milliseconds. */
  webhookDelivery: WebhookDeliveryConfig;
  /** Byte budget of the in-process travel-matrix cache (typed arrays), per process. */
  matrixCacheBytes: number;
  /** Byte budget of the in-process cache of prepared manifests (JSON and gzip), per API process. */
  manifestCacheBytes: number;
  /** Where the Clock starts (tests, benches); null: the system clock. */
  clockStart: Date | null;
  /** How soon a planning job whose worker died is handed to another worker. */
  planningJob: PlanningJobConfig;
  /** Request budgets, shared by every API process through Redis (docs/security.md). */
  rateLimits: RateLimitConfig;
  /** Express's `trust proxy`: which hops' X-Forwarded-For to believe for the client address; false when clients connect directly. */
  trustProxy: boolean | number | string;
  /**
   * Keys (32 bytes each) that seal the platforms' webhook secrets at rest: the first seals, all open.
   * Empty when WEBHOOK_SECRET_KEY is unset: the API and the worker refuse to start then (the CLI's
   * commands that never touch a secret still run).
   */
  secretKeys: Buffer[];
  /** Drivers' sign-in, tokens and proof uploads. */
  driverApp: DriverAppConfig;
  /** The console's sessions: they end after `idleS` without a request, and `maxS` after sign-in whatever happens. */
  consoleSession: { idleS: number; maxS: number };
  /** A base-map tile URL template for the console (e.g. https://tiles.example.cn/{z}/{x}/{y}.png); null: no base map, the county's own roads only. */
  consoleMap: { tileUrl: string | null; tileAttribution: string | null };
  /** Where the built console is (CONSOLE_DIR); null: web/dist of the repository. */
  consoleDir: string | null;
}

/**
 * A driver's access token is short (it is checked without a database read); the refresh token is long
 * and slides with use, since a phone may stay offline all day; one retry of a refresh whose answer was
 * lost is honoured for `refreshGraceS`. Sign-in locks the account after `signInMaxFailures` wrong PINs.
 */
export interface DriverAppConfig {
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  refreshGraceS: number;
  signInMaxFailures: number;
  lockoutS: number;
  /** Where proof photos and signatures are kept: PostgreSQL (the default, shared by every API process) or a directory. */
  proofStorage: ProofStorageConfig;
  proofMaxBytes: number;
  /** Where one-time sign-in codes are POSTed (an SMS gateway's adapter); null: they are written to the log. */
  codeWebhookUrl: string | null;
}

/**
 * `postgres`: the `proof_blob` table, so every API process reads what any other took. `disk`: files
 * under `directory`, shared between processes only if that directory is (NFS, a volume).
 */
export type ProofStorageConfig = { kind: 'postgres' } | { kind: 'disk'; directory: string };

/** `points` requests per `durationS` seconds. */
export interface RateLimitRule {
  points: number;
  durationS: number;
}

export interface RateLimitConfig {
  /** Per client address, before authentication; loose, because township drivers share carrier NAT addresses. */
  perIp: RateLimitRule;
  /** Per operator API key, after authentication. */
  perKey: RateLimitRule;
  /** Per platform on the signed webhook, after the signature is verified. */
  perPlatform: RateLimitRule;
  /** Failed sign-ins per account; past it the account is locked for `blockS`. */
  failedSignIns: RateLimitRule & { blockS: number };
}

/**
 * The planning job's BullMQ lock, renewed every half lock while the job runs (the solve is on a
 * thread, so the renewal timer is never held up), and how often workers look for jobs whose lock
 * expired: a killed worker's plan is taken over within about lock + interval.
 */
export interface PlanningJobConfig {
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** How often (and once at start) the worker re-creates planning jobs and wave schedulers that Redis lost. */
  reconcileIntervalMs: number;
}

/** Defaults retry for 25 h with delays doubling up to 1 h. */
export interface WebhookDeliveryConfig {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** After this long since the first attempt a delivery is failed and its subscription flagged. */
  retryWindowS: number;
  requestTimeoutMs: number;
  relayIntervalMs: number;
  reconcileIntervalMs: number;
  /** Deliveries in parallel per worker process. */
  concurrency: number;
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

/** An ISO 8601 instant with its offset (e.g. 2026-12-01T06:00:00+08:00), or null when unset. */
function instantVariable(env: NodeJS.ProcessEnv, name: string): Date | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const value = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(value.getTime())) {
    throw new ConfigError(`${name} must be an ISO 8601 instant with an offset, e.g. 2026-12-01T06:00:00+08:00, got ${JSON.stringify(raw)}`);
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
  // In braces ({rd}) it is a Redis Cluster hash tag: every key of the deployment lands in one slot, as BullMQ's Lua scripts need (docs/deploy.md).
  if (!/^([A-Za-z0-9_-]{1,40}|\{[A-Za-z0-9_-]{1,38}\})$/.test(queuePrefix)) {
    throw new ConfigError(`QUEUE_PREFIX must be 1-40 characters of [A-Za-z0-9_-], or such a name in braces for Redis Cluster ({rd}), got ${JSON.stringify(queuePrefix)}`);
  }
  return {
    databaseUrl: urlVariable(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/rural_dispatch', ['postgres:', 'postgresql:']),
    redisUrl: urlVariable(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    port: integerVariable(env, 'PORT', 3000, 0, 65535),
    queuePrefix,
    logLevel,
    allowPrivateWebhookTargets: booleanVariable(env, 'ALLOW_PRIVATE_WEBHOOK_TARGETS', false),
    bodyLimitBytes: integerVariable(env, 'BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    webhookDelivery: loadWebhookDeliveryConfig(env),
    matrixCacheBytes: integerVariable(env, 'MATRIX_CACHE_BYTES', 256 * MIB, MIB, 64 * 1024 * MIB),
    manifestCacheBytes: integerVariable(env, 'MANIFEST_CACHE_BYTES', 64 * MIB, MIB, 16 * 1024 * MIB),
    clockStart: instantVariable(env, 'CLOCK_START'),
    planningJob: loadPlanningJobConfig(env),
    rateLimits: loadRateLimitConfig(env),
    trustProxy: trustProxyVariable(env),
    secretKeys: secretKeysVariable(env),
    driverApp: loadDriverAppConfig(env),
    consoleSession: {
      idleS: integerVariable(env, 'CONSOLE_SESSION_IDLE_S', 4 * 3600, 60, 7 * 24 * 3600),
      maxS: integerVariable(env, 'CONSOLE_SESSION_MAX_S', 12 * 3600, 300, 30 * 24 * 3600),
    },
    consoleMap: {
      // Leaflet's {s} (subdomain) is not a valid host name: checked with a stand-in, kept as written.
      tileUrl: env.CONSOLE_TILE_URL
        ? (urlVariable({ CONSOLE_TILE_URL: env.CONSOLE_TILE_URL.replace(/\{s\}/g, 'a') }, 'CONSOLE_TILE_URL', '', ['http:', 'https:']), env.CONSOLE_TILE_URL)
        : null,
      tileAttribution: env.CONSOLE_TILE_ATTRIBUTION || null,
    },
    consoleDir: env.CONSOLE_DIR || null,
  };
}

function loadDriverAppConfig(env: NodeJS.ProcessEnv): DriverAppConfig {
  return {
    accessTokenTtlS: integerVariable(env, 'DRIVER_ACCESS_TOKEN_TTL_S', 600, 30, 3600),
    refreshTokenTtlS: integerVariable(env, 'DRIVER_REFRESH_TOKEN_TTL_S', 30 * 24 * 3600, 3600, 365 * 24 * 3600),
    refreshGraceS: integerVariable(env, 'DRIVER_REFRESH_GRACE_S', 60, 0, 600),
    signInMaxFailures: integerVariable(env, 'DRIVER_SIGN_IN_MAX_FAILURES', 5, 1, 100),
    lockoutS: integerVariable(env, 'DRIVER_LOCKOUT_S', 15 * 60, 1, 24 * 3600),
    proofStorage: proofStorageVariable(env),
    proofMaxBytes: integerVariable(env, 'PROOF_MAX_BYTES', 5 * MIB, 1024, 100 * MIB),
    codeWebhookUrl: env.DRIVER_CODE_WEBHOOK_URL ? urlVariable(env, 'DRIVER_CODE_WEBHOOK_URL', '', ['http:', 'https:']) : null,
  };
}

const PROOF_STORAGE_KINDS = ['postgres', 'disk'] as const;

function proofStorageVariable(env: NodeJS.ProcessEnv): ProofStorageConfig {
  const kind = env.PROOF_STORAGE || undefined;
  const directory = env.PROOF_STORAGE_DIR || undefined;
  if (kind !== undefined && !(PROOF_STORAGE_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(`PROOF_STORAGE must be one of ${PROOF_STORAGE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  // Proofs were on disk by default before: a deployment that named a directory keeps proofs there that PostgreSQL does not have.
  if (kind === undefined && directory !== undefined) {
    throw new ConfigError(
      'PROOF_STORAGE_DIR is set but PROOF_STORAGE is not: proofs are kept in PostgreSQL unless PROOF_STORAGE=disk. Set PROOF_STORAGE=disk to keep using the directory, or copy its proofs into PostgreSQL (rural-dispatch proofs import-disk) and unset PROOF_STORAGE_DIR',
    );
  }
  if (kind === 'postgres' && directory !== undefined) throw new ConfigError('PROOF_STORAGE_DIR is only for PROOF_STORAGE=disk: unset it, or set PROOF_STORAGE=disk');
  return kind === 'disk' ? { kind, directory: directory ?? 'data/proofs' } : { kind: 'postgres' };
}

const MAX_RATE = 1_000_000_000;

function loadRateLimitConfig(env: NodeJS.ProcessEnv): RateLimitConfig {
  return {
    perIp: { points: integerVariable(env, 'RATE_LIMIT_PER_IP_PER_MINUTE', 12_000, 1, MAX_RATE), durationS: 60 },
    perKey: { points: integerVariable(env, 'RATE_LIMIT_PER_KEY_PER_MINUTE', 6_000, 1, MAX_RATE), durationS: 60 },
    perPlatform: { points: integerVariable(env, 'RATE_LIMIT_PER_PLATFORM_PER_MINUTE', 30_000, 1, MAX_RATE), durationS: 60 },
    failedSignIns: { points: integerVariable(env, 'SIGN_IN_FAILURES_PER_15_MINUTES', 5, 1, 1000), durationS: 15 * 60, blockS: 15 * 60 },
  };
}

function trustProxyVariable(env: NodeJS.ProcessEnv): boolean | number | string {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  // Express takes names (loopback, linklocal, uniquelocal) and addresses or CIDR ranges, comma-separated.
  if (/^[0-9A-Za-z.:/, ]+$/.test(raw)) return raw;
  throw new ConfigError(`TRUST_PROXY must be false, true, a hop count, or addresses/ranges/loopback, got ${JSON.stringify(raw)}`);
}

/** WEBHOOK_SECRET_KEY (base64, 32 bytes) seals; WEBHOOK_SECRET_PREVIOUS_KEYS (comma-separated) only open, during a rotation. */
function secretKeysVariable(env: NodeJS.ProcessEnv): Buffer[] {
  const current = (env.WEBHOOK_SECRET_KEY ?? '').trim();
  const previous = (env.WEBHOOK_SECRET_PREVIOUS_KEYS ?? '').split(',').map((key) => key.trim());
  if (current === '' && previous.some((key) => key !== '')) throw new ConfigError('WEBHOOK_SECRET_PREVIOUS_KEYS needs WEBHOOK_SECRET_KEY, the key that seals from now on');
  return [current, ...previous]
    .filter((key) => key !== '')
    .map((key, index) => {
      const bytes = Buffer.from(key, 'base64');
      if (bytes.length !== 32 || bytes.toString('base64') !== key) {
        throw new ConfigError(`${index === 0 ? 'WEBHOOK_SECRET_KEY' : 'WEBHOOK_SECRET_PREVIOUS_KEYS'} must be 32 random bytes in base64 (e.g. from: openssl rand -base64 32)`);
      }
      return bytes;
    });
}

/** The API and the worker seal and open webhook secrets: without a key they must not start. */
export function requireSecretKey(config: AppConfig): void {
  if (config.secretKeys.length === 0) {
    throw new ConfigError(
      "WEBHOOK_SECRET_KEY is not set: the platforms' webhook secrets are stored sealed with it (32 random bytes in base64: openssl rand -base64 32; see docs/security.md)",
    );
  }
}

export function loadPlanningJobConfig(env: NodeJS.ProcessEnv): PlanningJobConfig {
  return {
    lockDurationMs: integerVariable(env, 'PLANNING_LOCK_DURATION_MS', 30_000, 1_000, 600_000),
    stalledIntervalMs: integerVariable(env, 'PLANNING_STALLED_INTERVAL_MS', 15_000, 500, 600_000),
    reconcileIntervalMs: integerVariable(env, 'PLANNING_RECONCILE_INTERVAL_MS', 30_000, 50, DAY_MS),
  };
}

const MIB = 1024 * 1024;
const DAY_MS = 24 * 3600 * 1000;

function loadWebhookDeliveryConfig(env: NodeJS.ProcessEnv): WebhookDeliveryConfig {
  return {
    retryBaseDelayMs: integerVariable(env, 'WEBHOOK_RETRY_BASE_DELAY_MS', 30_000, 1, DAY_MS),
    retryMaxDelayMs: integerVariable(env, 'WEBHOOK_RETRY_MAX_DELAY_MS', 3_600_000, 1, DAY_MS),
    retryWindowS: integerVariable(env, 'WEBHOOK_RETRY_WINDOW_S', 25 * 3600, 0, 30 * 24 * 3600),
    requestTimeoutMs: integerVariable(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 300_000),
    relayIntervalMs: integerVariable(env, 'WEBHOOK_RELAY_INTERVAL_MS', 500, 10, 3_600_000),
    reconcileIntervalMs: integerVariable(env, 'WEBHOOK_RECONCILE_INTERVAL_MS', 30_000, 50, DAY_MS),
    concurrency: integerVariable(env, 'WEBHOOK_DELIVERY_CONCURRENCY', 8, 1, 1000),
  };
}
