/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download browsers here).
 * global-setup.ts starts a real studio per worker, each on a fresh data directory with test
 * members. Two workers, one per core: most of a browser test is waiting on the network
 * and timers, so two at a time nearly halve the run.
 */
import { defineConfig } from '@playwright/test'
import { existsSync } from 'node:fs'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const chromiumFound = existsSync(chromiumPath)
if (!chromiumFound) {
  const message = `No Chromium at ${chromiumPath}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`
  if (process.env.CI) throw new Error(message)
  console.warn(`${message}\nSkipping the end-to-end suite.`)
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: chromiumFound ? '**/*.e2e.ts' : [],
  outputDir: 'artifacts/test-results',
  fullyParallel: false,
  workers: 2,
  // On CI, a failed test runs once more: the machines CI gets differ by 2.5x in speed, and on
  // the slowest, tests timed by people's typing (undo's word grouping, a highlight following
  // another member's keystrokes) failed under two workers' load while passing alone. A real
  // failure fails twice; the report names a test that passed only the second time as flaky.
  retries: process.env.CI ? 1 : 0,
  // Two workers share two cores with their browsers and studios: a long scenario gets room.
  // 120 s since the descriptors scenario ran past 90 s on a slower day for this machine, while
  // every step in it passed (its trace ends in the last screenshot).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./e2e/support/studio-exits-reporter.ts']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
