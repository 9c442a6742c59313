import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Throwaway services for the fault tests: each runs in its own temporary directory on a free port, so
 * a test may kill and restart it. The shared PostgreSQL and Redis are never touched.
 */
export interface ThrowawayService {
  url: string;
  port: number;
  /** SIGKILL, as a crash or a pulled cable would do; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it answers. */
  start(): Promise<void>;
  /** Kills it and removes its directory. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server whose every write is on disk before it answers (append-only file, fsync always): a
 * kill and a restart is an outage that loses nothing, like a managed Redis's failover. FLUSHALL is
 * how a test loses the keys.
 */
export async function startThrowawayRedis(): Promise<ThrowawayService> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rdt-redis-'));
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'];
  const service: ThrowawayService = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await waitFor(async () => {
        const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      }, `redis-server on port ${port}`);
    },
    async kill() {
      await killProcess(child);
      child = undefined;
    },
    async destroy() {
      await killProcess(child);
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

/** Where Debian's PostgreSQL 15 server binaries live (scripts/ensure-services.sh installs PostGIS for it system-wide). */
const POSTGRES_BIN = process.env.THROWAWAY_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres extends ThrowawayService {
  /** A database URL on this server (`postgres://postgres@127.0.0.1:<port>/<name>`). */
  databaseUrl(name: string): string;
  /** A clean stop (fast shutdown: sessions are cut, work is checkpointed), as an operator's restart does; resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL 15 cluster of its own (initdb in a temporary directory, trust on 127.0.0.1, a free
 * port), with PostGIS available as on the shared server. initdb and postgres refuse to run as root, and
 * CI runs as root: then they run as the `postgres` user (`runuser`), in a directory it owns. Durability
 * settings are off for speed: a stop or a crash of the server is survived (its WAL is written), only
 * an OS crash would lose data, and the directory is thrown away anyway. `kill()` is an immediate
 * shutdown (SIGQUIT: every backend quits at once, crash recovery at the next start).
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rdt-postgres-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const command = (binary: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, binary), ...args]] : [join(POSTGRES_BIN, binary), args];
  const [initdb, initdbArgs] = command('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(initdb, initdbArgs, { stdio: 'ignore', timeout: 60_000 });
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir, fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off', max_connections: '100' };
  const serverArgs = ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // The postmaster's pid, from its pid file: runuser stands between the child we spawn and the server.
  const postmasterPid = (): number | null => (existsSync(join(data, 'postmaster.pid')) ? Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) : null);
  const signalAndWait = async (signal: NodeJS.Signals): Promise<void> => {
    const pid = postmasterPid();
    if (pid && isAlive(pid)) {
      process.kill(pid, signal);
      await waitFor(async () => !isAlive(pid), `postgres ${pid} to exit on ${signal}`);
    }
    await killProcess(child);
    child = undefined;
  };
  let child: ChildProcess | undefined;
  const service: ThrowawayPostgres = {
    url: adminUrl,
    port,
    databaseUrl: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async start() {
      const [binary, args] = command('postgres', serverArgs);
      child = spawn(binary, args, { stdio: 'ignore' });
      await waitFor(async () => {
        const probe = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.query('SELECT 1 AS ok')).rows[0].ok === 1;
        } finally {
          await probe.end().catch(() => undefined);
        }
      }, `postgres on port ${port}`);
    },
    stop: () => signalAndWait('SIGINT'),
    kill: () => signalAndWait('SIGQUIT'),
    async destroy() {
      await signalAndWait('SIGQUIT').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function waitFor(ready: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
