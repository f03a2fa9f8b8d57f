/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download browsers here).
 * global-setup.ts starts a real studio on a fresh data directory with test members.
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
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
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
