import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_SOLOMON, TINY_VRP } from '../../libs/routing/test/parsers/tiny-instances';
import { runCliCaptured } from './cli-run';

const run = (argv: string[], files: Record<string, string>) => runCliCaptured(['solve', ...argv], files);

describe('rural-dispatch solve', () => {
  it('prints only the solution on stdout, progress on stderr', async () => {
    const result = await run(['tiny.vrp', '--max-iterations', '10', '--seed', '3'], { 'tiny.vrp': TINY_VRP });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Route #1: [\d ]+\nRoute #2: [\d ]+\nCost 18\n$/);
    expect(result.stderr).toMatch(/progress/);
  });

  it('prints JSON with steps and totals', async () => {
    const result = await run(['c.txt', '--max-iterations', '10', '--format', 'json'], { 'c.txt': TINY_SOLOMON });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.feasible).toBe(true);
    expect(json.routes[0].steps[0].type).toBe('start');
    expect(json.unassigned).toEqual([]);
  });

  it.each([
    [['tiny.vrp', '--threads', '0'], /--threads/],
    [['tiny.vrp', '--threads', '1.5'], /--threads/],
    [['tiny.vrp', '--seed', 'x'], /--seed/],
    [['tiny.vrp', '--time-limit', '-1'], /--time-limit/],
    [['tiny.vrp', '--max-iterations', '0'], /--max-iterations/],
    [['tiny.vrp', '--format', 'xml'], /--format/],
    [['tiny.vrp', '--clock', 'sundial'], /--clock/],
    [['tiny.vrp', '--bogus', '1'], /unknown option '--bogus'/],
    [['tiny.vrp', 'other.vrp'], /too many arguments/],
    [[], /missing required argument 'file'/],
    [['missing.vrp'], /cannot read missing.vrp/],
  ])('exits 2 naming the problem for %j', async (argv, message) => {
    const result = await run(argv, { 'tiny.vrp': TINY_VRP });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 2 naming the line of bad input', async () => {
    const result = await run(['tiny.vrp'], { 'tiny.vrp': TINY_VRP.replace('3 3 4', '3 3 x') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 9/);
  });
});

describe('rural-dispatch help and version', () => {
  it('lists every command', async () => {
    const result = await runCliCaptured(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['demo', 'migrate', 'import-roads', 'solve']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('lists the flags of a command', async () => {
    const result = await runCliCaptured(['solve', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--time-limit', '--seed', '--threads', '--format', '--max-iterations', '--clock']) expect(result.stdout).toContain(flag);
    expect((await runCliCaptured(['help', 'import-roads'])).stdout).toContain('--county <adminCode>');
  });

  it('prints the version from package.json', async () => {
    const result = await runCliCaptured(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version);
  });

  it('exits 2 on an unknown command or none', async () => {
    const unknown = await runCliCaptured(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect((await runCliCaptured([])).code).toBe(2);
  });

  it('exits 2 naming a bad --county before touching the database', async () => {
    const result = await runCliCaptured(['import-roads', '--county', '12', '--geojson', 'x.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--county/);
    expect((await runCliCaptured(['demo', '--plan-time-limit', '601'])).stderr).toMatch(/--plan-time-limit/);
  });
});
