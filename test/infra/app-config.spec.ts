import { randomBytes } from 'crypto';
import { ConfigError, loadAppConfig, requireSecretKey } from '../../src/infra/config/app-config';
import { SecretBox } from '../../src/infra/crypto/secret-box';

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
    expect(config.planningJob).toEqual({ lockDurationMs: 30_000, stalledIntervalMs: 15_000, reconcileIntervalMs: 30_000 });
  });

  it('reads them from the environment', () => {
    const config = loadAppConfig({ WEBHOOK_RELAY_INTERVAL_MS: '50', WEBHOOK_DELIVERY_CONCURRENCY: '2', MATRIX_CACHE_BYTES: String(8 * 1024 * 1024) });
    expect(config.webhookDelivery.relayIntervalMs).toBe(50);
    expect(config.webhookDelivery.concurrency).toBe(2);
    expect(config.matrixCacheBytes).toBe(8 * 1024 * 1024);
    expect(loadAppConfig({ PLANNING_LOCK_DURATION_MS: '5000', PLANNING_STALLED_INTERVAL_MS: '1000', PLANNING_RECONCILE_INTERVAL_MS: '2000' }).planningJob).toEqual({
      lockDurationMs: 5_000,
      stalledIntervalMs: 1_000,
      reconcileIntervalMs: 2_000,
    });
  });

  it('stops at boot on a bad value, naming the variable', () => {
    expect(() => loadAppConfig({ WEBHOOK_DELIVERY_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ WEBHOOK_RETRY_BASE_DELAY_MS: 'soon' })).toThrow(/WEBHOOK_RETRY_BASE_DELAY_MS/);
    expect(() => loadAppConfig({ MATRIX_CACHE_BYTES: '10' })).toThrow(/MATRIX_CACHE_BYTES/);
    expect(() => loadAppConfig({ PLANNING_LOCK_DURATION_MS: '660000' })).toThrow(/PLANNING_LOCK_DURATION_MS/);
  });

  it('takes a queue prefix in braces, a Redis Cluster hash tag, and refuses other punctuation', () => {
    expect(loadAppConfig({ QUEUE_PREFIX: '{rd}' }).queuePrefix).toBe('{rd}');
    expect(loadAppConfig({ QUEUE_PREFIX: 'rd-prod' }).queuePrefix).toBe('rd-prod');
    for (const bad of ['{rd', 'rd}', '{}', 'r:d', '{r:d}']) expect(() => loadAppConfig({ QUEUE_PREFIX: bad })).toThrow(/QUEUE_PREFIX/);
  });

  it('reads the rate limits and the proxy trust (issue 12)', () => {
    const defaults = loadAppConfig({});
    expect(defaults.rateLimits).toEqual({
      perIp: { points: 12_000, durationS: 60 },
      perKey: { points: 6_000, durationS: 60 },
      perPlatform: { points: 30_000, durationS: 60 },
      failedSignIns: { points: 5, durationS: 900, blockS: 900 },
    });
    expect(defaults.trustProxy).toBe(false);
    expect(loadAppConfig({ RATE_LIMIT_PER_KEY_PER_MINUTE: '60', TRUST_PROXY: '1' })).toMatchObject({ rateLimits: { perKey: { points: 60 } }, trustProxy: 1 });
    expect(loadAppConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadAppConfig({ RATE_LIMIT_PER_IP_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_IP_PER_MINUTE/);
    expect(() => loadAppConfig({ TRUST_PROXY: '$(reboot)' })).toThrow(/TRUST_PROXY/);
  });

  it('takes the webhook secret keys as 32 bytes of base64, the first sealing and all opening', () => {
    const [current, previous] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const config = loadAppConfig({ WEBHOOK_SECRET_KEY: current, WEBHOOK_SECRET_PREVIOUS_KEYS: previous });
    expect(config.secretKeys.map((key) => key.toString('base64'))).toEqual([current, previous]);
    expect(() => requireSecretKey(loadAppConfig({}))).toThrow(/WEBHOOK_SECRET_KEY is not set/);
    expect(() => loadAppConfig({ WEBHOOK_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/WEBHOOK_SECRET_KEY must be 32 random bytes/);
    expect(() => loadAppConfig({ WEBHOOK_SECRET_PREVIOUS_KEYS: previous })).toThrow(/needs WEBHOOK_SECRET_KEY/);
    // Sealed under the previous key, opened by a box that has both, and reported as not current.
    const old = new SecretBox(loadAppConfig({ WEBHOOK_SECRET_KEY: previous }));
    const both = new SecretBox(config);
    const sealed = old.seal('whsec_example');
    expect(sealed).not.toContain('whsec_example');
    expect(both.open(sealed)).toBe('whsec_example');
    expect(both.isCurrent(sealed)).toBe(false);
    expect(both.isCurrent(both.seal('whsec_example'))).toBe(true);
    // A value stored before sealing opens as itself, until `secrets reseal`.
    expect(both.open('whsec_legacy')).toBe('whsec_legacy');
    expect(() => new SecretBox(loadAppConfig({ WEBHOOK_SECRET_KEY: current })).open(sealed)).toThrow(/not among WEBHOOK_SECRET_KEY/);
  });

  it('keeps proofs in PostgreSQL unless PROOF_STORAGE=disk, and refuses a setting that would leave proofs unread (issue 12)', () => {
    expect(loadAppConfig({}).driverApp.proofStorage).toEqual({ kind: 'postgres' });
    expect(loadAppConfig({ PROOF_STORAGE: 'postgres' }).driverApp.proofStorage).toEqual({ kind: 'postgres' });
    expect(loadAppConfig({ PROOF_STORAGE: 'disk' }).driverApp.proofStorage).toEqual({ kind: 'disk', directory: 'data/proofs' });
    expect(loadAppConfig({ PROOF_STORAGE: 'disk', PROOF_STORAGE_DIR: '/data/proofs' }).driverApp.proofStorage).toEqual({ kind: 'disk', directory: '/data/proofs' });
    expect(() => loadAppConfig({ PROOF_STORAGE: 's3' })).toThrow(/PROOF_STORAGE must be one of postgres, disk/);
    // A deployment that named a directory before PostgreSQL became the default has its proofs there.
    expect(() => loadAppConfig({ PROOF_STORAGE_DIR: '/data/proofs' })).toThrow(/PROOF_STORAGE_DIR is set but PROOF_STORAGE is not/);
    expect(() => loadAppConfig({ PROOF_STORAGE: 'postgres', PROOF_STORAGE_DIR: '/data/proofs' })).toThrow(/PROOF_STORAGE_DIR is only for PROOF_STORAGE=disk/);
  });
});
