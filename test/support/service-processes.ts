import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '../../src/infra/config/app-config';
import { API_NODE_FLAGS } from '../../src/infra/process/api-node-flags';
import { eventually } from '../integrations/support/receiver';

const ROOT = join(__dirname, '../..');

/** The compiled build the spawned processes run: built when a source is newer (up to minutes on a loaded machine). */
export function buildIfStale(): void {
  execFileSync('bash', [join(ROOT, 'scripts/build-if-stale.sh')], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
}

/** `npm start` or `npm run worker` as its own OS process, as deployed, on the test's database and queue prefix. */
function spawnService(script: 'main.js' | 'worker.js', config: AppConfig, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...(script === 'main.js' ? API_NODE_FLAGS : []), join(ROOT, 'dist/src', script)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: config.databaseUrl, REDIS_URL: config.redisUrl, QUEUE_PREFIX: config.queuePrefix, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', process.env.TEST_CHILD_STDERR ? 'inherit' : 'ignore'],
  });
}

export function spawnWorker(config: AppConfig, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawnService('worker.js', config, env);
}

/** An API process on `port`; resolves once its /health answers 200. */
export async function spawnApi(config: AppConfig, port: number, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const api = spawnService('main.js', config, { PORT: String(port), ...env });
  await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, 60_000, 200);
  return api;
}

/** SIGTERM (a graceful stop), then waits for the exit. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
