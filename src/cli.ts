#!/usr/bin/env node
import { processIo } from './cli/cli-io';
import { runCli } from './cli/cli-program';

// Only commander and the command table load here; each command loads its own modules when it runs.
runCli(process.argv.slice(2), processIo).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
