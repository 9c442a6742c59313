import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import { AddressInfo, createServer } from 'net';
import * as path from 'path';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, loadAppConfig } from '../../src/infra/config/app-config';
import { redisConnectionOptions } from '../../src/infra/queue/redis-connection';
import { API_NODE_FLAGS } from '../../src/infra/process/api-node-flags';

/** What the benches that drive a server need: a free port, a database of their own, the API as a child process, its CPU time. */

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A new empty database `rd_bench_<name>_<random>` (never the default one), dropped by `drop()`. */
export async function createBenchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `rd_bench_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** The morning the service benches run on, unless CLOCK_START says otherwise. */
const BENCH_CLOCK_START = '2026-11-30T06:00:00+08:00';

/**
 * A scratch deployment for a bench that runs the API and workers as child processes: its own database,
 * queue prefix and clock, the config of the bench's own process (logging at `logLevel`) and the
 * environment of its children.
 */
export async function createBenchDeployment(
  name: string,
  logLevel: string,
): Promise<{ database: Awaited<ReturnType<typeof createBenchDatabase>>; config: AppConfig; env: NodeJS.ProcessEnv; release: () => Promise<void> }> {
  process.env.WEBHOOK_SECRET_KEY ||= BENCH_SECRET_KEY;
  const base = loadAppConfig({ ...process.env, LOG_LEVEL: logLevel, CLOCK_START: process.env.CLOCK_START ?? BENCH_CLOCK_START });
  const database = await createBenchDatabase(name);
  const config = { ...base, databaseUrl: database.url, queuePrefix: `${name}bench${process.pid}` };
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    LOG_LEVEL: 'warn',
    CLOCK_START: config.clockStart!.toISOString(),
    WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY,
  };
  // Drops what the deployment made: its database and its queue keys (once its processes have stopped).
  const release = async () => {
    await database.drop();
    await dropQueueKeys(config.redisUrl, config.queuePrefix);
  };
  return { database, config, env, release };
}

/** Starts a compiled script as a child process and waits until `healthUrl` answers 2xx. */
export async function startServer(script: string, env: NodeJS.ProcessEnv, healthUrl: string, nodeFlags: readonly string[] = []): Promise<ChildProcess> {
  // BENCH_API_NODE_ARGS passes flags to the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, ...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(healthUrl)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`${path.basename(script)} did not become healthy within 20 s`);
}

/** Seals the secrets a bench writes into its throwaway database; the API it starts opens them with it. */
export const BENCH_SECRET_KEY = randomBytes(32).toString('base64');

/**
 * The real API (dist/src/main.js) on `port`, with quiet logs and a BullMQ prefix of its own. The load
 * comes from one address and one client, so its rate budgets (still counted in Redis on every request)
 * are raised above what a bench sends, or it would measure 429s.
 */
export function startApi(databaseUrl: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  return startServer(
    path.join(__dirname, '..', '..', 'src', 'main.js'),
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
      WEBHOOK_SECRET_KEY: BENCH_SECRET_KEY,
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_KEY_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_PLATFORM_PER_MINUTE: '100000000',
      ...env,
    },
    `http://127.0.0.1:${port}/health`,
    API_NODE_FLAGS,
  );
}

/** The real worker (dist/src/worker.js) with `env` (its database, Redis and queue prefix); its stderr is the bench's, its stdout (the log) dropped or piped. */
export function spawnWorker(env: NodeJS.ProcessEnv, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, [path.join(__dirname, '..', '..', 'src', 'worker.js')], { env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit'] });
}

/** How long a child may take to stop on SIGTERM before it is killed (the bench must end, and drop its database). */
const STOP_GRACE_MS = 15_000;

/** Ends a child and waits for it, so that the database is not dropped under open connections. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    // Seen after the intake bench's batches: the API did not stop on SIGTERM (a shutdown hook waiting); say so, and kill it.
    console.error(`!! ${path.basename(String(child.spawnargs.at(-1)))} (pid ${child.pid}) did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killed`);
    child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user + system) a process has used, ms; Linux only. Load-independent cost per request. */
export function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms) of the PostgreSQL backends serving `database` on this machine (Linux),
 * from construction on: what the queries of a load cost the database, which a server's own CPU time
 * does not show. Backends are found by their process title (`postgres: user database client state`)
 * at each sample(); one that started since counts whole, one that ended between samples counts up to
 * its last sample, so sample every few seconds.
 */
export class DatabaseBackendsCpu {
  private readonly backends = new Map<number, { firstMs: number; lastMs: number }>();

  constructor(private readonly database: string) {
    for (const [pid, cpuMs] of this.read()) this.backends.set(pid, { firstMs: cpuMs, lastMs: cpuMs });
  }

  sample(): void {
    for (const [pid, cpuMs] of this.read()) {
      const known = this.backends.get(pid);
      if (known) known.lastMs = cpuMs;
      else this.backends.set(pid, { firstMs: 0, lastMs: cpuMs });
    }
  }

  totalMs(): number {
    this.sample();
    return [...this.backends.values()].reduce((sum, backend) => sum + backend.lastMs - backend.firstMs, 0);
  }

  private read(): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (!title.startsWith('postgres: ') || !title.includes(` ${this.database} `)) continue;
        const cpuMs = processCpuMs(Number(entry));
        if (cpuMs !== null) found.push([Number(entry), cpuMs]);
      } catch {
        // the process ended meanwhile
      }
    }
    return found;
  }
}

/** Deletes every key of a bench's own BullMQ prefix (queues, schedulers, rate counters); nothing else is touched. */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisConnectionOptions(redisUrl));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
