/**
 * Outbound delivery timing. Read from the environment when the module starts, so tests (and labs)
 * can shrink the backoff to milliseconds; defaults retry for 25 h with delays doubling up to 1 h.
 */
export interface DeliveryOptions {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** After this long since the first attempt a delivery is failed and its subscription flagged. */
  retryWindowS: number;
  requestTimeoutMs: number;
  relayIntervalMs: number;
  reconcileIntervalMs: number;
  concurrency: number;
}

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

export function loadDeliveryOptions(env: NodeJS.ProcessEnv = process.env): DeliveryOptions {
  return {
    retryBaseDelayMs: integer(env, 'WEBHOOK_RETRY_BASE_DELAY_MS', 30_000, 1),
    retryMaxDelayMs: integer(env, 'WEBHOOK_RETRY_MAX_DELAY_MS', 3_600_000, 1),
    retryWindowS: integer(env, 'WEBHOOK_RETRY_WINDOW_S', 25 * 3600, 0),
    requestTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100),
    relayIntervalMs: integer(env, 'WEBHOOK_RELAY_INTERVAL_MS', 500, 10),
    reconcileIntervalMs: integer(env, 'WEBHOOK_RECONCILE_INTERVAL_MS', 30_000, 50),
    concurrency: integer(env, 'WEBHOOK_DELIVERY_CONCURRENCY', 8, 1),
  };
}

/** Exponential: base · 2^(attempt-1), capped. */
export function retryDelayMs(options: DeliveryOptions, attemptNumber: number): number {
  return Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 2 ** Math.min(attemptNumber - 1, 30));
}
