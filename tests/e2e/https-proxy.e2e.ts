/**
 * The studio behind Caddy over HTTPS (issue 18): the repository's deploy/Caddyfile, with a
 * certificate from Caddy's own local authority, in front of a studio of this test's own
 * (PUBLIC_URL=https://localhost:<Caddy's port>, TRUST_PROXY=127.0.0.1). Members sign in
 * through the proxy and get a Secure cookie, two of them write the terms of reference
 * together over wss, and an X-Forwarded-For a client invents does not reach the studio.
 * Caddy runs on free ports with its admin endpoint off and everything it stores in a
 * temporary directory; skipped with a message where Caddy is not installed (CI installs it).
 */
import { expect, request, test, type Browser, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createMembers, testPassword, type TestMember } from '../support/members.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { freePort, repositoryRoot, spawnStudio, waitFor, type StudioProcess } from '../support/studio.ts'
import { screenshotPath } from './support/people.ts'

const caddyPath = process.env.CADDY_PATH ?? '/usr/bin/caddy'
const caddyFound = existsSync(caddyPath)
const missingCaddy = `No Caddy at ${caddyPath}: install Debian's caddy package (apt-get install caddy) or set CADDY_PATH to run the HTTPS-behind-a-proxy test.`
if (!caddyFound && process.env.CI) throw new Error(missingCaddy)
if (!caddyFound) console.warn(`${missingCaddy}\nSkipping it.`)

interface ProxiedStudio {
  /** https://localhost:<Caddy's port>: the studio's PUBLIC_URL. */
  url: string
  members: TestMember[]
  stop(): Promise<void>
}

/** Caddy's process, with its log kept for a failure message. */
function startCaddy(configFile: string, home: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(caddyPath, ['run', '--config', configFile, '--adapter', 'caddyfile'], {
    // Caddy keeps its autosaved config and anything else it writes under these: the temp dir.
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return { child, output: () => output }
}

async function startProxiedStudio(): Promise<ProxiedStudio> {
  const store: StoreTarget = await freshStore('sqlite')
  const members = await createMembers(store, [
    { name: 'Alice Organiser', role: 'organiser' },
    { name: 'Bob Contributor', role: 'contributor' },
  ])
  const [studioPort, httpsPort, httpPort] = [await freePort(), await freePort(), await freePort()]
  const url = `https://localhost:${httpsPort}`
  let studio: StudioProcess | null = null
  let caddy: ReturnType<typeof startCaddy> | null = null
  const stop = async () => {
    if (caddy && caddy.child.exitCode === null) {
      const exited = new Promise((resolve) => caddy!.child.once('exit', resolve))
      caddy.child.kill('SIGTERM')
      await exited
    }
    if (studio) {
      studio.child.kill('SIGTERM')
      await studio.exited
    }
    await store.dispose()
  }
  try {
    // Two failed sign-ins per address: enough to show whose address the studio counts.
    studio = await spawnStudio(store, studioPort, { PUBLIC_URL: url, TRUST_PROXY: '127.0.0.1', RATE_LIMIT_SIGNIN: '100,2,15' })
    const home = path.join(store.dataDir, 'caddy')
    await mkdir(home, { recursive: true })
    // The test's global options (loopback only, free ports, no admin endpoint, no change to
    // the system's trust store, storage in the temp dir), then the repository's site block.
    const configFile = path.join(home, 'Caddyfile')
    await writeFile(configFile, [
      '{',
      '\tadmin off',
      '\tdefault_bind 127.0.0.1',
      '\tauto_https disable_redirects',
      '\tskip_install_trust',
      `\thttp_port ${httpPort}`,
      `\thttps_port ${httpsPort}`,
      `\tstorage file_system ${path.join(home, 'storage')}`,
      '}',
      `import ${path.join(repositoryRoot, 'deploy/Caddyfile')}`,
      '',
    ].join('\n'))
    caddy = startCaddy(configFile, home, { STUDIO_ADDRESS: url, STUDIO_TLS: 'tls internal', STUDIO_UPSTREAM: `127.0.0.1:${studioPort}` })
    const probe = await request.newContext({ ignoreHTTPSErrors: true })
    const started = caddy
    await waitFor(async () => started.child.exitCode !== null || (await probe.get(`${url}/healthz`).then((r) => r.ok(), () => false)), 20_000, 'Caddy to serve the studio')
    await probe.dispose()
    if (started.child.exitCode !== null) throw new Error(`Caddy exited at start:\n${started.output()}`)
    return { url, members, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

async function signedInThroughProxy(browser: Browser, proxied: ProxiedStudio, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: proxied.url, ignoreHTTPSErrors: true, timezoneId: 'Europe/London', viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(proxied.members.find((member) => member.name === name)!.email)
  await page.getByLabel('Password').fill(testPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible()
  return page
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: 'Terms of reference' })
}

async function typeAtEndOfSection(page: Page, heading: string, words: string): Promise<void> {
  const paragraph = editorOf(page).locator(`:is(h2, h3, h4):has-text("${heading}") + p`).first()
  const box = (await paragraph.boundingBox())!
  await paragraph.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await page.keyboard.type(words, { delay: 15 })
}

test.describe('behind Caddy over HTTPS', () => {
  test.skip(!caddyFound, missingCaddy)
  let proxied: ProxiedStudio

  test.beforeAll(async () => {
    proxied = await startProxiedStudio()
  })
  test.afterAll(async () => {
    await proxied?.stop()
  })

  test('members sign in with a Secure cookie, write together over wss, and cannot forge their address', async ({ browser }) => {
    const alice = await signedInThroughProxy(browser, proxied, 'Alice Organiser')
    const [cookie] = (await alice.context().cookies()).filter((c) => c.name === 'studio_session')
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' })

    const bob = await signedInThroughProxy(browser, proxied, 'Bob Contributor')
    const sockets: string[] = []
    for (const page of [alice, bob]) {
      page.on('websocket', (socket) => sockets.push(socket.url()))
      await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
      await expect(editorOf(page)).toContainText('Purpose')
      await expect(page.getByTestId('connection-status')).toHaveText('Connected')
    }
    await typeAtEndOfSection(alice, 'Purpose', ' Alice writes through the proxy.')
    await typeAtEndOfSection(bob, 'Commitment', ' Bob answers over wss.')
    for (const page of [alice, bob]) {
      await expect(editorOf(page)).toContainText('Alice writes through the proxy.')
      await expect(editorOf(page)).toContainText('Bob answers over wss.')
    }
    // The app opened its socket once the page loaded; reloading shows which URL it takes.
    await bob.reload()
    await expect(editorOf(bob)).toContainText('Alice writes through the proxy.')
    await expect(bob.getByTestId('connection-status')).toHaveText('Connected')
    expect(sockets.length).toBeGreaterThan(0)
    expect(sockets.every((socket) => socket === `${proxied.url.replace('https:', 'wss:')}/collab`)).toBe(true)
    await alice.screenshot({ path: screenshotPath('https-proxy-terms-alice') })

    // Caddy replaces a client's X-Forwarded-For with the address it saw, and the studio
    // trusts only Caddy's: failed sign-ins claiming three different addresses all count
    // against this one, so the third is refused (the limit is two per address).
    const api = await request.newContext({ ignoreHTTPSErrors: true, baseURL: proxied.url })
    const statuses: number[] = []
    for (const [attempt, claimed] of ['198.51.100.1', '198.51.100.2', '198.51.100.3'].entries()) {
      const response = await api.post('/api/session', {
        headers: { origin: proxied.url, 'x-forwarded-for': claimed },
        data: { email: `nobody${attempt}@example.org`, password: 'not the password' },
      })
      statuses.push(response.status())
    }
    expect(statuses).toEqual([401, 401, 429])
    await api.dispose()
    await alice.context().close()
    await bob.context().close()
  })
})
