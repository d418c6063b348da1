/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: ['TS151001'] } }
    ]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  testTimeout: 20000,
  // Jest's default on a 2-core machine is one worker, which idles while the end-to-end suites wait
  // on the bundle's child processes and the sandbox: two workers halve the suite's wall time
  // there (5 min 40 s → 3 min; three workers, 2 min 10 s, leave less slack for the timeouts).
  maxWorkers: 2
}
