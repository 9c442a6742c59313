import { Command } from 'commander';

/**
 * A benchmark's command line, on commander like the CLI: `--help` lists the flags, and a bad flag or
 * value exits 2 with a message naming it.
 */
export function benchCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .showHelpAfterError('(add --help for usage)');
}

/** Runs a benchmark's main and exits: 0 when it finished, 1 with the error printed when it failed (open handles never keep it alive). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
