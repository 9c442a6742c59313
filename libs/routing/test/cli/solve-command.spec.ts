import { runSolveCommand } from '../../src/cli/solve-command';
import { TINY_SOLOMON, TINY_VRP } from '../parsers/tiny-instances';

async function run(argv: string[], files: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSolveCommand(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      if (!(path in files)) throw new Error('ENOENT: no such file');
      return files[path];
    },
  });
  return { code, stdout, stderr };
}

describe('solve command', () => {
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
    [['tiny.vrp', '--format', 'xml'], /--format/],
    [['tiny.vrp', '--bogus', '1'], /unknown flag --bogus/],
    [[], /missing FILE/],
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
