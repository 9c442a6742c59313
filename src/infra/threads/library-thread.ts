import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Under ts-jest there is no compiled entry: the thread registers a TypeScript transpiler for `.ts`
 * files and maps the library's package name to its sources (jest's moduleNameMapper does not reach
 * worker threads), then loads the TypeScript entry.
 */
const TYPESCRIPT_BOOTSTRAP = `
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const ts = require(workerData.typescript);
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === '@rural-dispatch/routing' ? workerData.routing : request, ...rest);
};
require(workerData.entry);
`;

/**
 * A worker thread running `<directory>/<entry>.worker.js` (the build), or its `.ts` source under
 * ts-jest, with `@rural-dispatch/routing` resolved to the library: for CPU-bound library calls that
 * must not hold a process's event loop (solves in the worker, large travel matrices in the API).
 */
export function startLibraryThread(directory: string, entry: string): Worker {
  const compiled = join(directory, `${entry}.js`);
  if (existsSync(compiled)) return new Worker(compiled);
  return new Worker(TYPESCRIPT_BOOTSTRAP, {
    eval: true,
    workerData: {
      typescript: require.resolve('typescript'),
      routing: join(__dirname, '../../../libs/routing/src/index.ts'),
      entry: join(directory, `${entry}.ts`),
    },
  });
}
