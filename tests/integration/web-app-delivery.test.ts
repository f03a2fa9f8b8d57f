/**
 * The built web app arrives compressed and cached: brotli or gzip as the browser accepts,
 * a year's immutable caching for files named after their content, and `no-cache` for the
 * shell, the service worker and the manifest, so a deploy reaches everyone at once.
 */
import { existsSync, readFileSync } from 'node:fs'
import { get as httpGet, type IncomingHttpHeaders } from 'node:http'
import path from 'node:path'
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { repositoryRoot, startStudio, type RunningStudio } from '../support/studio.ts'

const distDirectory = path.join(repositoryRoot, 'apps/web/dist')
const built = existsSync(path.join(distDirectory, 'index.html'))
if (!built) console.warn('No built web app (run pnpm build): the web app delivery tests are skipped.')

interface RawResponse { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** node:http, because fetch decodes the body and would hide which encoding was sent. */
function get(url: string, acceptEncoding: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

describe.skipIf(!built)('web app delivery', () => {
  let store: StoreTarget
  let running: RunningStudio
  let mainScript: string

  beforeAll(async () => {
    store = await freshStore('sqlite')
    running = await startStudio(store)
    const index = readFileSync(path.join(distDirectory, 'index.html'), 'utf8')
    mainScript = /<script type="module" crossorigin src="([^"]+)"/.exec(index)![1]!
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  it('sends a hashed script as brotli, cached for a year as immutable', async () => {
    const response = await get(`${running.url}${mainScript}`, 'gzip, deflate, br')
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    const original = readFileSync(path.join(distDirectory, mainScript))
    expect(brotliDecompressSync(response.body).equals(original)).toBe(true)
    expect(response.body.length).toBeLessThan(original.length / 2)
  })

  it('sends gzip to a browser that does not take brotli, and the file itself to one that takes neither', async () => {
    const gzipped = await get(`${running.url}${mainScript}`, 'gzip')
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    const original = readFileSync(path.join(distDirectory, mainScript))
    expect(gunzipSync(gzipped.body).equals(original)).toBe(true)
    const plain = await get(`${running.url}${mainScript}`, 'identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(original)).toBe(true)
  })

  it('asks the browser to check the shell, the service worker and the manifest every time', async () => {
    for (const pathname of ['/', '/sign-in', '/competency-matrix', '/sw.js', '/manifest.webmanifest', '/favicon.svg']) {
      const response = await get(`${running.url}${pathname}`, 'gzip, br')
      expect(response.status, pathname).toBe(200)
      expect(response.headers['cache-control'], pathname).toBe('no-cache')
    }
    // The shell is the app's index.html, compressed once it is large enough to be worth it.
    const shell = await get(`${running.url}/sign-in`, 'br')
    const html = shell.headers['content-encoding'] === 'br' ? brotliDecompressSync(shell.body) : shell.body
    expect(html.toString('utf8')).toContain('<div id="app">')
  })
})
