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

/** Fails on any serious or critical accessibility violation axe-core finds on the page. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

export function screenshotPath(name: string): string {
  return path.join(screenshotDirectory, `${name}.png`)
}
