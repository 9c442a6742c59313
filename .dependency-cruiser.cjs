// dependency-cruiser: the module boundaries of ../shared/design/ARCHITECTURE.md, checked in CI
// (npm run lint). Paths are relative to the repository root.

/** Root entry files and root modules (main.ts, worker.ts, cli.ts, app.module.ts, worker.module.ts, app-setup.ts). */
const ROOT_FILES = '^src/[^/]+[.]ts$';
/** Domain modules and infrastructure: every folder of src/ but the entries' own folders (cli, demo). */
const DOMAIN = '^src/(?!cli/|demo/)[^/]+/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules import each other without cycles (a cycle needs forwardRef in Nest and hides an unclear owner). ' +
        "TypeORM entities that name each other in a relation's two sides are the one exception: a cycle made only of entities.",
      from: { pathNot: '[.]entity[.]ts$' },
      to: { circular: true },
    },
    {
      name: 'routing-library-stands-alone',
      severity: 'error',
      comment: 'libs/routing is framework-free: nothing from src/, test/ or scripts/, no NestJS, TypeORM, pg, ioredis or BullMQ.',
      from: { path: '^libs/routing/' },
      to: { path: ['^(src|test|scripts)/', '(^|/)node_modules/(@nestjs/[^/]+|typeorm|pg|pg-[^/]+|ioredis|bullmq|reflect-metadata)(/|$)'] },
    },
    {
      name: 'routing-library-has-no-runtime-dependencies',
      severity: 'warn',
      comment: 'The solver should need no npm package at run time (Node built-ins are fine).',
      from: { path: '^libs/routing/src/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'routing-library-only-through-its-entry',
      severity: 'error',
      comment: 'The service, its tests and scripts reach the solver only through @rural-dispatch/routing (libs/routing/src/index.ts).',
      from: { path: '^(src|test|scripts)/' },
      to: { path: '^libs/routing/src/', pathNot: '^libs/routing/src/index[.]ts$' },
    },
    {
      name: 'no-domain-imports-demo',
      severity: 'error',
      comment: 'The demo uses what the domain modules export; nothing in the domain depends on the demo.',
      from: { path: [DOMAIN, ROOT_FILES] },
      to: { path: '^src/demo/' },
    },
    {
      name: 'no-domain-imports-root-modules',
      severity: 'error',
      comment: 'Root modules and entries assemble the domain modules; a domain module importing them makes a cycle in waiting.',
      from: { path: DOMAIN },
      to: { path: ROOT_FILES },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    // Type-only imports count: a cycle through types is still two modules that cannot be read apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'types'], mainFields: ['main', 'types'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
