import { basename } from 'node:path';
import { detectFormat, InvalidProblemError, SolveOptions } from '@rural-dispatch/routing';
import { CliIo } from '../cli-io';

/** Flags of `solve FILE`, as the command table parses them. */
export interface SolveFlags {
  timeLimit?: number;
  seed: number;
  threads: number;
  format: 'cvrplib' | 'json';
  maxIterations?: number;
  /** What --time-limit measures: wall clock (default) or this process's CPU time. */
  clock: 'wall' | 'cpu';
}

/** Default time limit of the command when neither --time-limit nor --max-iterations is given. */
const DEFAULT_TIME_LIMIT_S = 10;

/**
 * `solve FILE ...`: detects the format, parses, solves and prints only the solution on stdout
 * (CVRPLIB text or JSON). Progress goes to stderr. Exit codes: 0 solved feasibly, 1 no feasible
 * solution found, 2 bad input (the message names the file, line or field). No database, no NestJS.
 */
export async function runSolve(file: string, flags: SolveFlags, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    io.stderr(`error: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const format = detectFormat(text, basename(file));
    const instance = format.parse(text, basename(file));
    const { name, size } = format.describe(instance);
    io.stderr(`${name}: ${format.id}, ${size} tasks\n`);
    const options: SolveOptions = {
      seed: flags.seed,
      threads: flags.threads,
      maxIterations: flags.maxIterations,
      clock: flags.clock,
      timeLimitMs: flags.timeLimit !== undefined ? flags.timeLimit * 1000 : flags.maxIterations === undefined ? DEFAULT_TIME_LIMIT_S * 1000 : undefined,
      onProgress: (event) => io.stderr(`progress ${(event.ms / 1000).toFixed(2)}s best ${event.cost}\n`),
    };
    const solution = await format.solve(instance, options);
    const summary = format.summarize(instance, solution);
    io.stderr(
      `done: cost ${summary.cost}, ${summary.vehicles} vehicles, ${summary.feasible ? 'feasible' : 'INFEASIBLE'}, ${summary.iterations} iterations in ${(summary.runtimeMs / 1000).toFixed(1)}s\n`,
    );
    io.stdout(flags.format === 'json' ? JSON.stringify(format.toJson(instance, solution), null, 2) + '\n' : format.toCvrplibText(instance, solution));
    return summary.feasible ? 0 : 1;
  } catch (error) {
    if (error instanceof InvalidProblemError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
