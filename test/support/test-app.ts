import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { createHttpApp } from '../../src/app-setup';
import { AppConfig, loadAppConfig } from '../../src/infra/config/app-config';
import { redisConnectionOptions } from '../../src/infra/queue/redis-connection';
import { WorkerModule } from '../../src/worker.module';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';

/**
 * The instant every test's Clock starts at, unless a test overrides `clockStart`: early morning of
 * 2026-11-30 in China, so the fixed service dates of the tests (2026-11-30 to 2026-12-02) are today or
 * within the default planning horizon (7 days), whatever the machine's date.
 */
export const TEST_CLOCK_START = new Date('2026-11-30T06:00:00+08:00');

/** A configuration of its own for each test file: its own database and its own BullMQ key prefix. */
export async function createTestConfig(overrides: Partial<AppConfig> = {}): Promise<AppConfig> {
  return {
    ...loadAppConfig({ ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    // A fault test brings its own (a throwaway server's); the others copy this run's template.
    databaseUrl: overrides.databaseUrl ?? (await createTestDatabase()),
    queuePrefix: `t${randomBytes(4).toString('hex')}`,
    allowPrivateWebhookTargets: true,
    port: 0,
    clockStart: TEST_CLOCK_START,
    ...overrides,
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startTestApp(config?: AppConfig): Promise<TestApp> {
  const resolved = config ?? (await createTestConfig());
  const app = await createHttpApp(resolved);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config: resolved,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
    },
  };
}

export async function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  await worker.init();
  return worker;
}

/** Drops the file's database and its BullMQ keys. */
export async function cleanupTestConfig(config: AppConfig): Promise<void> {
  await dropTestDatabase(config.databaseUrl);
  const redis = new Redis(redisConnectionOptions(config.redisUrl));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.queuePrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * One API for the enclosing `describe`: started before its tests, closed after them with its
 * database and queue keys dropped. Register it before hooks that use it.
 */
export function useTestApp(overrides: Partial<AppConfig> = {}): TestApp {
  let started: TestApp | undefined;
  const current = (): TestApp => {
    if (!started) throw new Error('the test app is used before beforeAll started it');
    return started;
  };
  beforeAll(async () => {
    started = await startTestApp(await createTestConfig(overrides));
  });
  afterAll(async () => {
    if (!started) return;
    await started.close();
    await cleanupTestConfig(started.config);
  });
  return {
    get app() {
      return current().app;
    },
    get config() {
      return current().config;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    close: () => current().close(),
  };
}
