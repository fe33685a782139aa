// The cluster tests (`npm run test:cluster`): each file starts its own Temporal cluster on
// PostgreSQL (src/dev/cluster), so they live apart from `npm test`, which needs neither.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster.ts'],
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
  setupFiles: base.setupFiles,
  testTimeout: 300_000,
  maxWorkers: 1,
};
