/** Flags of `solve FILE [--time-limit S] [--seed N] [--threads T] [--format cvrplib|json] [--max-iterations N]`. */
export interface SolveArgs {
  file: string;
  timeLimitS?: number;
  seed: number;
  threads: number;
  output: 'cvrplib' | 'json';
  maxIterations?: number;
  /** What --time-limit measures: wall clock (default) or this process's CPU time. */
  clock: 'wall' | 'cpu';
}

/** A usage error naming the flag; the command prints it and exits with code 2. */
export class UsageError extends Error {}

export const SOLVE_USAGE = 'usage: solve FILE [--time-limit S] [--seed N] [--threads T] [--format cvrplib|json] [--max-iterations N] [--clock wall|cpu]';

export function parseSolveArgs(argv: string[]): SolveArgs {
  let file: string | undefined;
  const args: Partial<SolveArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (file !== undefined) throw new UsageError(`unexpected argument "${arg}" (only one FILE)`);
      file = arg;
      continue;
    }
    const [flag, inline] = arg.split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    switch (flag) {
      case '--time-limit':
        args.timeLimitS = positiveNumber(flag, value);
        break;
      case '--seed':
        args.seed = integer(flag, value, 0);
        break;
      case '--threads':
        args.threads = integer(flag, value, 1);
        break;
      case '--max-iterations':
        args.maxIterations = integer(flag, value, 1);
        break;
      case '--clock':
        if (value !== 'wall' && value !== 'cpu') throw new UsageError(`--clock must be wall or cpu, got "${value}"`);
        args.clock = value;
        break;
      case '--format':
        if (value !== 'cvrplib' && value !== 'json') throw new UsageError(`--format must be cvrplib or json, got "${value}"`);
        args.output = value;
        break;
      default:
        throw new UsageError(`unknown flag ${flag}`);
    }
  }
  if (file === undefined) throw new UsageError('missing FILE');
  return {
    file,
    seed: args.seed ?? 1,
    threads: args.threads ?? 1,
    output: args.output ?? 'cvrplib',
    timeLimitS: args.timeLimitS,
    maxIterations: args.maxIterations,
    clock: args.clock ?? 'wall',
  };
}

function positiveNumber(flag: string, value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return x;
}

function integer(flag: string, value: string, min: number): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${flag} must be an integer >= ${min}, got "${value}"`);
  return x;
}
