/**
 * How many bytes a first visit transfers: the sign-in page on an empty cache, then the terms
 * of reference after signing in (what that adds). Counted in Chromium from each response's
 * encoded body and headers (Playwright's request.sizes()), with the service worker blocked so
 * only what the page itself waits for is counted; the worker's background precache is
 * reported apart. Needs a built web app (pnpm build) and Chromium.
 *
 *   pnpm --filter @studio/tests exec node bench/first-visit-bytes.ts
 */
import { chromium, type BrowserContext, type Request } from '@playwright/test'
import { createMembers, testPassword } from '../support/members.ts'
import { startStudio } from '../support/studio.ts'
import { freshStore } from '../support/stores.ts'

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

interface Transfer { requests: number; bytes: number; scriptBytes: number }

function tally(context: BrowserContext): { take(): Promise<Transfer> } {
  let finished: Request[] = []
  context.on('requestfinished', (request) => finished.push(request))
  return {
    async take() {
      const taken = finished
      finished = []
      const transfer: Transfer = { requests: taken.length, bytes: 0, scriptBytes: 0 }
      for (const request of taken) {
        const sizes = await request.sizes()
        const bytes = sizes.responseBodySize + sizes.responseHeadersSize
        transfer.bytes += bytes
        if (request.resourceType() === 'script') transfer.scriptBytes += bytes
      }
      return transfer
    },
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const line = (what: string, t: Transfer) => `${what}: ${t.requests} requests, ${kb(t.bytes)} in all, ${kb(t.scriptBytes)} of JavaScript`

const store = await freshStore('sqlite')
const [member] = await createMembers(store, [{ name: 'Ada Visitor', role: 'contributor' }])
const running = await startStudio(store)
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs })
try {
  const context = await browser.newContext({ baseURL: running.url, serviceWorkers: 'block' })
  const page = await context.newPage()
  const counted = tally(context)
  await page.goto('/sign-in', { waitUntil: 'networkidle' })
  const signInPage = await counted.take()
  await page.getByLabel('Email').fill(member!.email)
  await page.getByLabel('Password').fill(testPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Workspace' }).waitFor()
  await page.goto('/terms-of-reference', { waitUntil: 'networkidle' })
  const termsAfterSignIn = await counted.take()
  await context.close()

  const withWorker = await browser.newContext({ baseURL: running.url })
  const workerTally = tally(withWorker)
  const workerPage = await withWorker.newPage()
  await workerPage.goto('/sign-in', { waitUntil: 'networkidle' })
  await workerPage.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 })
  const withPrecache = await workerTally.take()
  await withWorker.close()

  console.log(line('sign-in page, first visit', signInPage))
  console.log(line('terms of reference after signing in (added)', termsAfterSignIn))
  console.log(line('sign-in page with the service worker precaching the shell', withPrecache))
} finally {
  await browser.close()
  await running.close()
  await store.dispose()
}
