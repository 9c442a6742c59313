import { ConfigError, loadAppConfig } from '../../src/infra/config/app-config';

describe('application config', () => {
  it('gives webhook delivery timings and the matrix cache budget their defaults', () => {
    const config = loadAppConfig({});
    expect(config.webhookDelivery).toEqual({
      retryBaseDelayMs: 30_000,
      retryMaxDelayMs: 3_600_000,
      retryWindowS: 90_000,
      requestTimeoutMs: 10_000,
      relayIntervalMs: 500,
      reconcileIntervalMs: 30_000,
      concurrency: 8,
    });
    expect(config.matrixCacheBytes).toBe(256 * 1024 * 1024);
    expect(config.planningJob).toEqual({ lockDurationMs: 30_000, stalledIntervalMs: 15_000 });
  });

  it('reads them from the environment', () => {
    const config = loadAppConfig({ WEBHOOK_RELAY_INTERVAL_MS: '50', WEBHOOK_DELIVERY_CONCURRENCY: '2', MATRIX_CACHE_BYTES: String(8 * 1024 * 1024) });
    expect(config.webhookDelivery.relayIntervalMs).toBe(50);
    expect(config.webhookDelivery.concurrency).toBe(2);
    expect(config.matrixCacheBytes).toBe(8 * 1024 * 1024);
    expect(loadAppConfig({ PLANNING_LOCK_DURATION_MS: '5000', PLANNING_STALLED_INTERVAL_MS: '1000' }).planningJob).toEqual({ lockDurationMs: 5_000, stalledIntervalMs: 1_000 });
  });

  it('stops at boot on a bad value, naming the variable', () => {
    expect(() => loadAppConfig({ WEBHOOK_DELIVERY_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ WEBHOOK_RETRY_BASE_DELAY_MS: 'soon' })).toThrow(/WEBHOOK_RETRY_BASE_DELAY_MS/);
    expect(() => loadAppConfig({ MATRIX_CACHE_BYTES: '10' })).toThrow(/MATRIX_CACHE_BYTES/);
    expect(() => loadAppConfig({ PLANNING_LOCK_DURATION_MS: '660000' })).toThrow(/PLANNING_LOCK_DURATION_MS/);
  });
});
