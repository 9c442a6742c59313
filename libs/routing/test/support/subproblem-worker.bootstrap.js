// Starts the TypeScript helper-thread entry inside a jest run (worker threads do not go through
// ts-jest): compiles .ts files on require with the project's own TypeScript.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
require(join(__dirname, '../../src/search/hgs/subproblem-worker.ts'));
