import { basename } from 'node:path';
import { detectFormat } from '../formats/registry';
import { InvalidProblemError, SolveOptions } from '../model/problem';
import { parseSolveArgs, SOLVE_USAGE, UsageError } from './parse-solve-args';

export interface SolveCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
}

/** Default time limit of the command when neither --time-limit nor --max-iterations is given. */
const DEFAULT_TIME_LIMIT_S = 10;

/**
 * `solve FILE ...`: detects the format, parses, solves and prints only the solution on stdout
 * (CVRPLIB text or JSON). Progress goes to stderr. Exit codes: 0 solved feasibly, 1 no feasible
 * solution found, 2 bad flags or bad input (the message names the flag, line or field).
 */
export async function runSolveCommand(argv: string[], io: SolveCommandIo): Promise<number> {
  let args;
  try {
    args = parseSolveArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n${SOLVE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  let text: string;
  try {
    text = io.readFile(args.file);
  } catch (error) {
    io.stderr(`error: cannot read ${args.file}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const format = detectFormat(text, basename(args.file));
    const instance = format.parse(text, basename(args.file));
    const { name, size } = format.describe(instance);
    io.stderr(`${name}: ${format.id}, ${size} tasks\n`);
    const options: SolveOptions = {
      seed: args.seed,
      threads: args.threads,
      maxIterations: args.maxIterations,
      clock: args.clock,
      timeLimitMs: args.timeLimitS !== undefined ? args.timeLimitS * 1000 : args.maxIterations === undefined ? DEFAULT_TIME_LIMIT_S * 1000 : undefined,
      onProgress: (event) => io.stderr(`progress ${(event.ms / 1000).toFixed(2)}s best ${event.cost}\n`),
    };
    const solution = await format.solve(instance, options);
    const summary = format.summarize(instance, solution);
    io.stderr(
      `done: cost ${summary.cost}, ${summary.vehicles} vehicles, ${summary.feasible ? 'feasible' : 'INFEASIBLE'}, ${summary.iterations} iterations in ${(summary.runtimeMs / 1000).toFixed(1)}s\n`,
    );
    io.stdout(args.output === 'json' ? JSON.stringify(format.toJson(instance, solution), null, 2) + '\n' : format.toCvrplibText(instance, solution));
    return summary.feasible ? 0 : 1;
  } catch (error) {
    if (error instanceof InvalidProblemError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
