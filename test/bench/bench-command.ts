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
