import { FlagSpec } from './cli-flags';

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  flags: Record<string, FlagSpec>;
  /** Returns the process exit code: 0 success, 1 failure, 2 bad usage or input. */
  run(argv: string[]): Promise<number>;
}
