#!/usr/bin/env node
import 'reflect-metadata';
import { RoadNetworkCsvError } from '@rural-dispatch/routing';
import { CliCommand } from './cli/cli-command';
import { CliUsageError, describeFlags } from './cli/cli-flags';
import { demoCommand } from './cli/demo/demo.command';
import { importOsmCommand } from './cli/import-osm.command';
import { importRoadsCommand } from './cli/import-roads.command';
import { migrateCommand } from './cli/migrate.command';
import { solveCommand } from './cli/solve.command';
import { DomainError } from './infra/errors/domain-error';

const COMMANDS: CliCommand[] = [demoCommand, importOsmCommand, importRoadsCommand, migrateCommand, solveCommand];

function help(): string {
  return ['usage: rural-dispatch <command> [options]', '', ...COMMANDS.map((command) => `  ${command.name.padEnd(14)}${command.summary}`)].join('\n');
}

/** Bad files and rejected data are the user's to fix (exit 2), unlike failures of ours (exit 1). */
function isBadInput(error: unknown): error is Error {
  return error instanceof RoadNetworkCsvError || error instanceof SyntaxError || (error instanceof DomainError && error.code === 'validation_failed');
}

function describeBadInput(error: Error): string {
  const problems = error instanceof DomainError ? error.problems.slice(0, 20).map((problem) => `\n  ${problem.field}: ${problem.message}`) : [];
  return error.message + problems.join('');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help')) {
    console.log(`usage: ${command.usage}\n${describeFlags(command.flags)}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`${command.name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    if (isBadInput(error)) {
      console.error(`${command.name}: ${describeBadInput(error)}`);
      return 2;
    }
    console.error(`${command.name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
