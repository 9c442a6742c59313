/**
 * Solver benchmark: solves every instance of one public set, checks each solution with an
 * independent verifier, compares with the best known values and writes a markdown table into
 * docs/benchmarks.md (the section of that set only).
 *
 *   npm run bench:solver -- --set cvrp_x|solomon|lilim|2ecvrp|homberger|rich_hfvrp|rich_vrpb|rich_mtvrptwr|rich_pcvrptw --time-limit S [--dir PATH] [--seed N]
 *                           [--threads T] [--instances a,b] [--clock wall|cpu]      (--help lists them)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { detectFormat } from '../src/formats/registry';
import { InvalidProblemError } from '../src/model/problem';

interface SetSpec {
  folder: string;
  extension: RegExp;
  /** `set` column prefixes in bks.csv. */
  bksSets: string[];
  hierarchical: boolean;
}

const SETS: Record<string, SetSpec> = {
  cvrp_x: { folder: 'cvrp_x', extension: /\.vrp$/, bksSets: ['cvrp_x'], hierarchical: false },
  solomon: { folder: 'solomon', extension: /\.txt$/, bksSets: ['solomon'], hierarchical: true },
  lilim: { folder: 'lilim_pdptw', extension: /\.txt$/, bksSets: ['lilim_pdptw'], hierarchical: true },
  '2ecvrp': { folder: '2ecvrp', extension: /\.dat$/, bksSets: ['2ecvrp_set2', '2ecvrp_set3', '2ecvrp_set4', '2ecvrp_set5', '2ecvrp_set6'], hierarchical: false },
  homberger: { folder: 'homberger', extension: /\.txt$/, bksSets: ['homberger'], hierarchical: true },
  // PyVRP's VRPLIB dialect: the format's independent checker verifies (the shared verifier does not read it).
  rich_hfvrp: { folder: 'rich/HFVRP', extension: /\.vrp$/, bksSets: ['rich_hfvrp'], hierarchical: false },
  rich_vrpb: { folder: 'rich/VRPB', extension: /\.vrp$/, bksSets: ['rich_vrpb'], hierarchical: false },
  rich_mtvrptwr: { folder: 'rich/MTVRPTWR', extension: /\.vrp$/, bksSets: ['rich_mtvrptwr'], hierarchical: false },
  rich_pcvrptw: { folder: 'rich/PCVRPTW', extension: /\.vrp$/, bksSets: ['rich_pcvrptw'], hierarchical: false },
};

interface Row {
  instance: string;
  size: number;
  cost: number;
  bks: number | null;
  bksVehicles: number | null;
  vehicles: number;
  secondsToBest: number;
  verdict: string;
  feasible: boolean;
}

function repoRoot(): string {
  let dir = __dirname;
  while (dir !== dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'rural-dispatch') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root (package.json of rural-dispatch)');
}

/** The flags, with the placeholder and help line `--help` prints. */
const FLAGS = {
  set: { value: 'NAME', help: `instance set: ${Object.keys(SETS).join(' | ')} (default cvrp_x)` },
  'time-limit': { value: 'S', help: 'seconds per instance, 0.1 to 3600 (default 10)' },
  dir: { value: 'PATH', help: 'benchmark folder, relative to the repository root (default ../shared/benchmarks)' },
  seed: { value: 'N', help: 'random seed (default 1)' },
  threads: { value: 'T', help: 'solver threads, 1 to 64 (default 1)' },
  instances: { value: 'a,b', help: 'only these instances (file names without extension)' },
  clock: { value: 'wall|cpu', help: "what the time limit counts: wall clock, or this process's CPU time (default wall)" },
} as const;

const USAGE = [
  'usage: npm run bench:solver -- [flags]',
  '',
  'Solves every instance of one set, verifies each solution, compares with bks.csv and rewrites',
  "that set's section of docs/benchmarks.md.",
  '',
  ...Object.entries(FLAGS).map(([name, flag]) => `  --${`${name} ${flag.value}`.padEnd(18)} ${flag.help}`),
  `  --${'help'.padEnd(18)} print this and exit`,
].join('\n');

class UsageError extends Error {}

/** The flags' values; `help` when --help was given. Unknown flags, positionals and missing values are UsageErrors. */
function readFlags(argv: string[]): { values: Record<string, string | undefined>; help: boolean } {
  const options = Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: 'string' as const }]));
  try {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    const { help, ...flags } = values;
    return { values: flags as Record<string, string | undefined>, help: help === true };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function numberFlag(args: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, integer: boolean): number {
  if (args[name] === undefined) return fallback;
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${args[name]}`);
  }
  return value;
}

function listFiles(dir: string, extension: RegExp): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...listFiles(path, extension));
    else if (extension.test(entry)) found.push(path);
  }
  return found;
}

function readBks(path: string, sets: string[]): Map<string, { bks: number; vehicles: number | null }> {
  const map = new Map<string, { bks: number; vehicles: number | null }>();
  if (!existsSync(path)) return map;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    const [set, instance, bks, ...rest] = line.split(',');
    if (!sets.includes(set) || !bks) continue;
    const vehicles = rest.join(',').match(/vehicles=(\d+)/);
    map.set(instance, { bks: Number(bks), vehicles: vehicles ? Number(vehicles[1]) : null });
  }
  return map;
}

function sizeOrder(name: string): number {
  const m = name.match(/n(\d+)/);
  return m ? Number(m[1]) : 0;
}

async function main(): Promise<void> {
  const { values: args, help } = readFlags(process.argv.slice(2));
  if (help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const setName = args.set ?? 'cvrp_x';
  const spec = SETS[setName];
  if (!spec) throw new UsageError(`--set must be one of ${Object.keys(SETS).join(', ')}`);
  const root = repoRoot();
  const dir = resolve(root, args.dir ?? '../shared/benchmarks');
  const timeLimitS = numberFlag(args, 'time-limit', 10, 0.1, 3600, false);
  const seed = numberFlag(args, 'seed', 1, 0, 2 ** 31 - 1, true);
  const threads = numberFlag(args, 'threads', 1, 1, 64, true);
  if (args.clock !== undefined && args.clock !== 'cpu' && args.clock !== 'wall') throw new UsageError(`--clock must be wall or cpu, got ${args.clock}`);
  // `--clock cpu` stops on this process's CPU time: fairer on a machine shared with other jobs.
  const clock = args.clock === 'cpu' ? 'cpu' : 'wall';
  const only = args.instances ? new Set(args.instances.split(',')) : null;
  const verifier = resolve(dir, '../tools/verify-solution.mjs');
  const bks = readBks(join(dir, 'bks.csv'), spec.bksSets);
  let files = listFiles(join(dir, spec.folder), spec.extension).filter((f) => !only || only.has(basename(f).replace(/\.[^.]+$/, '')));
  if (setName === 'cvrp_x') files = files.sort((a, b) => sizeOrder(basename(a)) - sizeOrder(basename(b)));
  const work = mkdtempSync(join(tmpdir(), 'solver-bench-'));
  const rows: Row[] = [];
  for (const file of files) {
    const instance = basename(file).replace(/\.[^.]+$/, '');
    const text = readFileSync(file, 'utf8');
    const format = detectFormat(text, basename(file));
    const parsed = format.parse(text, basename(file));
    const { size } = format.describe(parsed);
    process.stderr.write(`${instance} (${format.id}, ${size} tasks) ... `);
    let solution: unknown;
    try {
      solution = await format.solve(parsed, { seed, threads, timeLimitMs: timeLimitS * 1000, clock });
    } catch (error) {
      // A model no engine solves yet is refused by name: record it and go on with the set.
      if (!(error instanceof InvalidProblemError)) throw error;
      rows.push({
        instance,
        size,
        cost: NaN,
        bks: bks.get(instance)?.bks ?? null,
        bksVehicles: null,
        vehicles: 0,
        secondsToBest: 0,
        verdict: `not solved: ${error.message}`,
        feasible: false,
      });
      process.stderr.write(`not solved: ${error.message}\n`);
      continue;
    }
    const summary = format.summarize(parsed, solution);
    const solutionText = format.toCvrplibText(parsed, solution);
    const solutionPath = join(work, `${instance}.sol`);
    writeFileSync(solutionPath, solutionText);
    let feasible: boolean;
    let verdict: string;
    // A verifier NO says whether the solver admitted it (no feasible solution found in time) or claimed feasibility (a bug).
    const admitted = summary.feasible ? 'solver claimed feasible' : 'solver: infeasible';
    if (format.verify) {
      const v = format.verify(text, solutionText);
      feasible = v.feasible;
      verdict = v.feasible ? 'yes' : `NO (${admitted}): ${v.message}`;
    } else {
      const run = spawnSync(process.execPath, [verifier, file, solutionPath, '--json'], { encoding: 'utf8' });
      try {
        const result = JSON.parse(run.stdout) as { feasible: boolean; errors: string[] };
        feasible = result.feasible;
        verdict = result.feasible ? 'yes' : `NO (${admitted}): ${result.errors.slice(0, 2).join('; ')}`;
      } catch {
        feasible = false;
        verdict = `verifier failed: ${run.stderr.trim().split('\n')[0]}`;
      }
    }
    const known = bks.get(instance);
    rows.push({
      instance,
      size,
      cost: summary.cost,
      bks: known?.bks ?? null,
      bksVehicles: known?.vehicles ?? null,
      vehicles: summary.vehicles,
      secondsToBest: summary.timeToBestMs / 1000,
      verdict,
      feasible,
    });
    const gap = known ? ` gap ${((100 * (summary.cost - known.bks)) / known.bks).toFixed(2)}%` : '';
    process.stderr.write(`cost ${summary.cost}, ${summary.vehicles} vehicles${gap}, verifier ${verdict}\n`);
  }
  const command = `npm run bench:solver -- ${process.argv.slice(2).join(' ')}`;
  const section = renderSection(setName, spec, rows, command, timeLimitS, threads, clock);
  process.stdout.write(section + '\n');
  const docPath = join(root, 'docs', 'benchmarks.md');
  const title = sectionTitle(setName, timeLimitS, threads, clock);
  writeFileSync(docPath, replaceSection(existsSync(docPath) ? readFileSync(docPath, 'utf8') : '', title, section));
  process.stderr.write(`written to ${docPath}\n`);
}

/** One section per set and run configuration, so 10 s and 60 s tables live side by side. */
function sectionTitle(setName: string, timeLimitS: number, threads: number, clock: string): string {
  return `${setName}, ${timeLimitS} s, ${threads} thread${threads > 1 ? 's' : ''}, ${clock} clock`;
}

function gapOf(row: Row): number | null {
  return row.bks ? (100 * (row.cost - row.bks)) / row.bks : null;
}

function renderSection(setName: string, spec: SetSpec, rows: Row[], command: string, timeLimitS: number, threads: number, clock: string): string {
  const cpu = cpus();
  const lines: string[] = [];
  lines.push(`## ${sectionTitle(setName, timeLimitS, threads, clock)}`, '');
  lines.push(`- machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores; load average ${loadavg()[0]!.toFixed(2)} when the set finished`);
  lines.push(`- date: ${new Date().toISOString()}`);
  lines.push(`- command: \`${command}\``);
  lines.push(`- time limit ${timeLimitS} s per instance (${clock === 'cpu' ? 'process CPU time' : 'wall clock'}), ${threads} thread(s); "s to best" on the same clock`, '');
  const header = spec.hierarchical
    ? '| instance | size | cost | best known | gap % | vehicles | BKS vehicles | s to best | feasible |'
    : '| instance | size | cost | best known | gap % | vehicles | s to best | feasible |';
  lines.push(header, header.replace(/[^|]+/g, ' --- '));
  for (const r of rows) {
    const gap = gapOf(r);
    // A distance gap between solutions with different vehicle counts means nothing: bracket it.
    const comparable = !spec.hierarchical || r.bksVehicles === null || r.vehicles === r.bksVehicles;
    const gapText = gap === null ? '-' : comparable ? gap.toFixed(2) : `(${gap.toFixed(2)}, other fleet)`;
    const cells = [
      r.instance,
      String(r.size),
      Number.isNaN(r.cost) ? '-' : String(r.cost),
      r.bks === null ? '-' : String(r.bks),
      Number.isNaN(r.cost) ? '-' : gapText,
      String(r.vehicles),
    ];
    if (spec.hierarchical) cells.push(r.bksVehicles === null ? '-' : String(r.bksVehicles));
    cells.push(r.secondsToBest.toFixed(1), r.verdict);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
  const withBks = rows.filter((r) => r.bks !== null && r.feasible);
  if (spec.hierarchical) {
    const sameFleet = withBks.filter((r) => r.bksVehicles === null || r.vehicles === r.bksVehicles);
    const fewer = withBks.filter((r) => r.bksVehicles !== null && r.vehicles < r.bksVehicles).length;
    lines.push(`- best-known vehicle count reached on ${sameFleet.length + fewer} of ${rows.length} instances`);
    lines.push(`- mean distance gap on those with the best-known vehicle count: ${mean(sameFleet.map((r) => gapOf(r) as number))}`);
  } else {
    lines.push(`- mean gap: ${mean(withBks.map((r) => gapOf(r) as number))} over ${withBks.length} instances`);
  }
  lines.push(`- feasible per verifier: ${rows.filter((r) => r.feasible).length} of ${rows.length}`);
  return lines.join('\n');
}

function mean(values: number[]): string {
  if (values.length === 0) return '-';
  return `${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(2)}%`;
}

/**
 * Replaces the `## title` section (up to the next `## ` or `<!-- ` line, the start marker of a
 * section another bench writes) or appends it; other sections are kept.
 */
function replaceSection(document: string, sectionName: string, section: string): string {
  const title = '# Solver benchmarks\n\nGenerated by `npm run bench:solver`; one section per benchmark set. Gap = 100 x (cost - best known) / best known.\n';
  const body = document.trim() ? document : title;
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${sectionName}`);
  if (start < 0) return `${body.trimEnd()}\n\n${section}\n`;
  let end = lines.findIndex((l, i) => i > start && (l.startsWith('## ') || l.startsWith('<!-- ')));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start), ...section.split('\n'), '', ...lines.slice(end)].join('\n').trimEnd() + '\n';
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    // Bad flags: say which, show the flags, exit 2 as the solve command does.
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
