/** People in the studio: one browser context each, signed in through the real sign-in page. */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import path from 'node:path'
import { testPassword } from '../../support/members.ts'
import { repositoryRoot } from '../../support/studio.ts'
import { e2eState, memberNamed } from './state.ts'

export const screenshotDirectory = path.join(repositoryRoot, 'tests/artifacts/screenshots')

export async function signedInPage(browser: Browser, name: string, timezoneId = 'Europe/London'): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eState().baseUrl, timezoneId, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, name)
  return page
}

/** The two screens every page must work on: the most common laptop, and a phone held upright. */
export const devices = {
  laptop: { viewport: { width: 1366, height: 768 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
} as const satisfies Record<string, BrowserContextOptions>

export type DeviceName = keyof typeof devices

/** A page on the given device, signed in as `name`, or signed out when `name` is null. */
export async function pageOn(browser: Browser, device: DeviceName, name: string | null): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eState().baseUrl, timezoneId: 'Europe/London', ...devices[device] })
  const page = await context.newPage()
  if (name) await signIn(page, name)
  return page
}

export async function signIn(page: Page, name: string): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(memberNamed(name).email)
  await page.getByLabel('Password').fill(testPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible()
}

/** The matrix's grid: its own test checks it (matrix.e2e.ts); elsewhere it is only the page around a panel. */
export const matrixGrid = '[role="grid"]'

/**
 * Fails on any serious or critical accessibility violation axe-core finds on the page, less
 * what `exclude` (a CSS selector) names. A step about a panel or a form on the matrix page
 * excludes the grid: axe takes 5–11 s over its cells on two busy cores, and the grid's own
 * tests check it whole, for an editor and for an observer.
 */
export async function expectNoSeriousViolations(page: Page, options: { exclude?: string } = {}): Promise<void> {
  const builder = new AxeBuilder({ page })
  if (options.exclude) builder.exclude(options.exclude)
  const results = await builder.analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

export function screenshotPath(name: string): string {
  return path.join(screenshotDirectory, `${name}.png`)
}
