const tsJest = (tsconfig) => ({ '^.+\\.tsx?$': ['ts-jest', { tsconfig, diagnostics: false }] });

/** Server tests over HTTP and sockets, and pure unit tests. */
const server = {
  displayName: 'server',
  testEnvironment: '<rootDir>/test/helpers/node-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // the web client's component tests run in jsdom, the browser tests in their own project
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/client/', '<rootDir>/test/e2e/'],
  transform: tsJest('<rootDir>/test/tsconfig.json'),
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
};

/** The web client's components in jsdom (React Testing Library). */
const client = {
  displayName: 'client',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/client'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: tsJest('<rootDir>/test/client/tsconfig.json'),
  moduleNameMapper: { '\\.css$': '<rootDir>/test/client/style-stub.js' },
  testTimeout: 20000,
};

/**
 * The web client in Debian's Chromium against a real server. `npm test` runs this project on
 * its own, after the others (scripts/test.sh): a page load competes for the 2 cores with the
 * server in the same process and Chromium's renderers, and must not also compete with the
 * CPU-heavy server test files.
 */
const e2e = {
  displayName: 'e2e',
  testEnvironment: '<rootDir>/test/helpers/node-environment.js',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: tsJest('<rootDir>/test/tsconfig.json'),
  setupFiles: ['reflect-metadata'],
  testTimeout: 300000,
};

module.exports = {
  projects: [server, client, e2e],
  testTimeout: 120000,
  maxWorkers: 2,
  // a worker that has nothing open still needs a moment to exit, and on a busy 2-core machine
  // that moment outlasted jest's default 500 ms, even for a file of pure arithmetic: jest then
  // killed the worker and reported a leak. A worker kept alive by a real leak still fails to
  // exit, is reported, and test/helpers/node-environment.js names the file that left it.
  workerGracefulExitTimeout: 10000,
  // no forceExit: every test file closes what it opened, so jest exits on its own; a hang is
  // bounded by the caller (scripts/test.sh runs jest under `timeout`)
};
