import * as fs from 'fs';
import { runSolveCommand } from '@rural-dispatch/routing';
import { CliCommand } from './cli-command';

/** Solving needs no database: the routing library owns parsing, solving and printing. */
export const solveCommand: CliCommand = {
  name: 'solve',
  summary: 'solve a benchmark or VROOM JSON problem file (no database needed)',
  usage: 'rural-dispatch solve FILE [--time-limit S] [--seed N] [--threads T] [--format cvrplib|json]',
  flags: {},
  run(argv) {
    return runSolveCommand(argv, {
      stdout: (text: string) => process.stdout.write(text),
      stderr: (text: string) => process.stderr.write(text),
      readFile: (path: string) => fs.readFileSync(path, 'utf8'),
    });
  },
};
