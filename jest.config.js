/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Handler logs off unless RATIFY_LOG_LEVEL is set: the output shows test results.
  setupFiles: ['<rootDir>/test/support/quietLogs.ts'],
  transform: {
    // isolatedModules: type-checking runs separately (`npm run typecheck`), which keeps jest fast.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', isolatedModules: true, esModuleInterop: true, rootDir: '.' } }],
  },
  // middy 6 ships ESM only; let the TS transform turn it into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  testTimeout: 60000,
};
