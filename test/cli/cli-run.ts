import { readFileSync } from 'node:fs';
import { runCli } from '../../src/cli/cli-program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `rural-dispatch ...argv` in this process, capturing what it prints. Files named in `files` are
 * read from memory; others from disk, as the CLI would.
 */
export async function runCliCaptured(argv: string[], files?: Record<string, string>, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      if (files === undefined) return readFileSync(path, 'utf8');
      if (!(path in files)) throw new Error('ENOENT: no such file');
      return files[path]!;
    },
    readStdin: () => Promise.resolve(stdin),
  });
  return { code, stdout, stderr };
}
