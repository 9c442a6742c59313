// Three projects, by what a test needs:
//  - routing: the solver library's tests (libs/routing/test), pure;
//  - unit: the service's pure tests, test/**/*.spec.ts: no database, no Redis, no global setup;
//  - e2e: test/**/*.e2e.spec.ts, on real PostgreSQL + PostGIS and Redis; the global setup migrates one
//    template database per run, and each file copies it.
// `npx jest --selectProjects routing unit` runs every pure test without the services.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }];
// The library's public entry, as src/ imports it (tsconfig paths; tsc-alias rewrites it in the build).
const moduleNameMapper = { '^@rural-dispatch/routing$': '<rootDir>/libs/routing/src/index.ts' };
const E2E = '\\.e2e\\.spec\\.ts$';
// Packages that ship ES modules only (osm-pbf-parser-node; quick-lru, which geotiff requires): Node >= 20.19
// requires them natively, jest needs them compiled to CommonJS.
const ESM_ONLY_PACKAGES = ['osm-pbf-parser-node', 'quick-lru'];
const esmPackages = {
  [`^.+/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`];
module.exports = {
  // Service tests boot NestJS and copy a database; on a busy two-core machine that takes seconds.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'routing',
      testEnvironment: 'node',
      rootDir: '<rootDir>',
      testMatch: ['<rootDir>/libs/routing/test/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '<rootDir>',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', E2E],
      transform: { '^.+\\.ts$': tsJest, ...esmPackages },
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '<rootDir>',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      transform: { '^.+\\.ts$': tsJest, ...esmPackages },
      transformIgnorePatterns,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['reflect-metadata'],
    },
  ],
};
