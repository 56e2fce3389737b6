/** One jest run for the whole repository: server tests over HTTP and sockets, pure unit tests. */
const server = {
  displayName: 'server',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // the web client's component tests run in the jsdom project below
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/client/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
};

/** The web client's components in jsdom (React Testing Library). */
const client = {
  displayName: 'client',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/client'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/client/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: { '\\.css$': '<rootDir>/test/client/style-stub.js' },
  testTimeout: 20000,
};

module.exports = {
  projects: [server, client],
  testTimeout: 120000,
  maxWorkers: 2,
  // a failed beforeAll can leave a server open; CI must end, leaks are tested explicitly
  forceExit: true,
};
