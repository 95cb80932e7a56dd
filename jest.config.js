/**
 * Tests run from TypeScript sources through ts-jest; the suite lives in test/.
 * franc-min and its few dependencies ship only as ES modules, which Node loads with require() but
 * jest's module system does not: ts-jest turns those files into CommonJS for the tests.
 * The global setup starts a throwaway PostgreSQL cluster for the run (TEST_DATABASE_URL) and the teardown removes it.
 */
const ESM_ONLY = ['franc-min', 'trigram-utils', 'n-gram', 'collapse-white-space'];

module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testTimeout: 30000,
  // On a 2-core CI machine jest runs every file in its own main process (in band), and since the PostgreSQL
  // and hybrid-search merges something stays open after the last file (not yet found: the files tried
  // alone exit), so the run would never end. The results are final by then.
  forceExit: true,
  globalSetup: '<rootDir>/test/postgres/globalSetup.ts',
  globalTeardown: '<rootDir>/test/postgres/globalTeardown.ts',
  transform: {
    '^.+\\.ts$': 'ts-jest',
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};
