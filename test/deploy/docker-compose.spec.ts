import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createProgram } from '../../src/cli/cli-program';

/**
 * There is no Docker engine on the development machines or in CI, so the compose file is checked as
 * data: every long-running service has a healthcheck, the one-shot jobs run in order, and the
 * bootstrap's shell line expands to the `county create` arguments the CLI expects.
 */
interface Service {
  command?: string[];
  restart?: string;
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
    const program = createProgram({ stdout: () => undefined, stderr: () => undefined, readFile: () => '' }, () => undefined);
    const create = program.commands.find((command) => command.name() === 'county')!.commands.find((command) => command.name() === 'create')!;
    create.action(() => undefined);
    program.parse(named, { from: 'user' });
    expect(create.opts()).toEqual({ county: '999901', timeZone: 'Asia/Urumqi', name: 'Test valley', ifMissing: true });
  });
});
