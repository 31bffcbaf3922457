// Three tiers, told apart by file suffix: *.unit.spec.ts (no I/O beyond loopback fixtures in-process),
// *.int.spec.ts (real servers: Kafka, FerretDB, SQLite, files), *.e2e.spec.ts (trawl as processes).

// Every tier, whatever the entry point (npm test, npx jest): the apps honour this as a second guard that keeps
// their traffic on loopback. Set here, before jest forks its workers, which inherit it (as do the processes
// that e2e tests start).
process.env.TRAWL_EGRESS_ONLY = '127.0.0.0/8';

const shared = {
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^@trawl/([^/]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    {
      ...shared,
      displayName: 'int',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/infra/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/infra/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts/int-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/test/support/infra/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/infra/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts/e2e-timeout.ts'],
    },
  ],
};
