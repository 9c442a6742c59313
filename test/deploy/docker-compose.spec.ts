import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createProgram } from '../../src/cli/cli-program';
import { API_NODE_FLAGS } from '../../src/infra/process/api-node-flags';

/**
 * There is no Docker engine on the development machines or in CI, so the compose file is checked as
 * data: every long-running service has a healthcheck, the one-shot jobs run in order, and the
 * bootstrap's shell line expands to the `county create` arguments the CLI expects.
 */
interface Service {
  command?: string[];
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const ONE_SHOT = ['migrate', 'bootstrap'];

/** The bootstrap's argv after compose (`$$` → `$`, variables from `env`) and the container's shell. */
function bootstrapArgv(env: Record<string, string>): string[] {
  const [shell, flag, line] = services.bootstrap!.command!;
  expect([shell, flag]).toEqual(['sh', '-c']);
  const script = line!.replaceAll('$$', '$').replace(/^exec node dist\/src\/cli\.js /, "printf '%s\\n' ");
  return execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' })
    .trimEnd()
    .split('\n');
}

describe('docker-compose.yml', () => {
  it('has a healthcheck on every long-running service; the one-shot jobs never restart', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'bootstrap', 'migrate', 'postgres', 'redis', 'worker']);
    for (const [name, service] of Object.entries(services)) {
      // The name rides along so that a failure says which service.
      if (ONE_SHOT.includes(name)) expect({ name, restart: service.restart }).toEqual({ name, restart: 'no' });
      else expect({ name, healthcheck: service.healthcheck?.test?.[0] }).toEqual({ name, healthcheck: expect.stringMatching(/^CMD(-SHELL)?$/) });
    }
    expect(services.api!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:3000/health');
    expect(services.worker!.healthcheck!.test.join(' ')).toContain('ping()');
  });

  it('restarts the long-running services unless stopped (issue 12, item 1)', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker']) expect({ name, restart: services[name]!.restart }).toEqual({ name, restart: 'unless-stopped' });
  });

  it('keeps PostgreSQL and Redis unpublished and behind passwords from .env, and the API on the loopback unless told (issue 12, item 8)', () => {
    for (const name of ['postgres', 'redis']) expect({ name, ports: services[name]!.ports }).toEqual({ name, ports: undefined });
    const postgres = services.postgres!.environment!;
    expect(postgres.POSTGRES_HOST_AUTH_METHOD).toBeUndefined();
    // `:?` makes compose refuse to start without the variable.
    expect(postgres.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(services.redis!.environment!.REDIS_PASSWORD).toMatch(/^\$\{REDIS_PASSWORD:\?/);
    expect(services.redis!.command!.join(' ')).toContain('--requirepass "$$REDIS_PASSWORD"');
    const app = services.api!.environment!;
    expect(new URL(app.DATABASE_URL!.replace('${POSTGRES_PASSWORD}', 'p')).password).toBe('p');
    expect(new URL(app.REDIS_URL!.replace('${REDIS_PASSWORD}', 'p')).password).toBe('p');
    expect(app.WEBHOOK_SECRET_KEY).toMatch(/^\$\{WEBHOOK_SECRET_KEY:\?/);
    expect(services.api!.ports).toEqual(['${API_BIND:-127.0.0.1}:3000:3000']);
    // Every variable the file requires is listed in .env.example.
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    for (const variable of ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'WEBHOOK_SECRET_KEY']) expect(example).toMatch(new RegExp(`^${variable}=`, 'm'));
  });

  it('runs migrate after PostgreSQL is healthy, the bootstrap after migrate, and the API and worker on healthy Redis', () => {
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.bootstrap!.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    for (const name of ['api', 'worker']) {
      expect(services[name]!.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, redis: { condition: 'service_healthy' } });
    }
    // The bootstrap reaches the same database as the others (the environment anchor is merged).
    expect(services.bootstrap!.environment!.DATABASE_URL).toBe(services.api!.environment!.DATABASE_URL);
  });

  it('bootstraps the county from the environment with --if-missing, so a second up makes no second key', () => {
    expect(bootstrapArgv({ BOOTSTRAP_COUNTY: '621225', BOOTSTRAP_TIME_ZONE: 'Asia/Shanghai', BOOTSTRAP_COUNTY_NAME: '' })).toEqual([
      'county',
      'create',
      '--county',
      '621225',
      '--time-zone',
      'Asia/Shanghai',
      '--if-missing',
    ]);
    const named = bootstrapArgv({ BOOTSTRAP_COUNTY: '999901', BOOTSTRAP_TIME_ZONE: 'Asia/Urumqi', BOOTSTRAP_COUNTY_NAME: 'Test valley' });
    expect(named).toEqual(['county', 'create', '--county', '999901', '--time-zone', 'Asia/Urumqi', '--name', 'Test valley', '--if-missing']);
    // The CLI accepts exactly these flags (parsed by the real command table, action not run).
    const program = createProgram({ stdout: () => undefined, stderr: () => undefined, readFile: () => '', readStdin: () => Promise.resolve('') }, () => undefined);
    const create = program.commands.find((command) => command.name() === 'county')!.commands.find((command) => command.name() === 'create')!;
    create.action(() => undefined);
    program.parse(named, { from: 'user' });
    expect(create.opts()).toEqual({ county: '999901', timeZone: 'Asia/Urumqi', name: 'Test valley', ifMissing: true });
  });

  it('starts the API with its Node flags in compose, the Dockerfile and npm start, as the tests and benches do', () => {
    const withFlags = ['node', ...API_NODE_FLAGS, 'dist/src/main.js'];
    expect(services.api!.command).toEqual(withFlags);
    const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`CMD ${JSON.stringify(withFlags).replaceAll(',', ', ')}`);
    const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.start).toBe(withFlags.join(' '));
  });
});
