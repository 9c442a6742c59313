/** A small, strict flag parser: unknown flags and bad values are errors that name the flag. */
export class CliUsageError extends Error {}

export type FlagKind = 'string' | 'integer' | 'number' | 'boolean';

export interface FlagSpec {
  kind: FlagKind;
  description: string;
  min?: number;
  max?: number;
  choices?: readonly string[];
}

export type FlagValues = Record<string, string | number | boolean | undefined>;

export interface ParsedArgs {
  flags: FlagValues;
  positionals: string[];
}

function convert(name: string, spec: FlagSpec, raw: string): string | number {
  if (spec.kind === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) throw new CliUsageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${raw}"`);
    return raw;
  }
  const value = Number(raw);
  const integer = spec.kind === 'integer';
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new CliUsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${raw}"`);
  }
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw new CliUsageError(`--${name} must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, got ${raw}`);
  }
  return value;
}

export function parseArgs(argv: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const flags: FlagValues = {};
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const [name, inlineValue] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs[name];
    if (!spec) throw new CliUsageError(`unknown flag --${name}`);
    if (spec.kind === 'boolean') {
      if (inlineValue !== undefined) throw new CliUsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const raw = inlineValue ?? argv[++index];
    if (raw === undefined) throw new CliUsageError(`--${name} needs a value`);
    flags[name] = convert(name, spec, raw);
  }
  return { flags, positionals };
}

export function describeFlags(specs: Record<string, FlagSpec>): string {
  return Object.entries(specs)
    .map(([name, spec]) => `  --${name}${spec.kind === 'boolean' ? '' : ` <${spec.kind}>`}`.padEnd(28) + spec.description)
    .join('\n');
}
