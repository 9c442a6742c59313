import { readFileSync } from 'node:fs';
import { runSolveCommand } from './solve-command';

/** Stand-alone entry for the library: `node dist/libs/routing/src/cli/main.js solve FILE ...`. */
const argv = process.argv.slice(2);
const rest = argv[0] === 'solve' ? argv.slice(1) : argv;
runSolveCommand(rest, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
}).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
