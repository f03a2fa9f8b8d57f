import { defineConfig } from 'vitest/config'

// One run for every unit and integration suite; Playwright runs the end-to-end suite.
export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites start real servers and databases and spend much of their time waiting on them:
    // three files at a time keep two cores busy (two left a third of the CPU idle; 360 s → 252 s).
    fileParallelism: true,
    maxWorkers: 3,
  },
})
