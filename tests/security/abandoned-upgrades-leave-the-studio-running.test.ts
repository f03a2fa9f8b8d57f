/**
 * A client that drops its connection while the studio answers its WebSocket upgrade (a
 * refusal written to a socket already closed: EPIPE or ECONNRESET) must not stop the studio.
 * It once did: an 'error' on the raw socket had no listener, so it ended the process, which
 * a browser leaving the sign-in page could do by chance and anyone could do at will.
 */
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore } from '../support/stores.ts'
import { freePort, spawnStudio, type StudioProcess } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Sends an upgrade request for `path` and resets the connection at once, before any answer. */
function abandonUpgrade(port: number, path: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write([
        `GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade',
        'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', '', '',
      ].join('\r\n'))
      socket.resetAndDestroy()
    })
    socket.on('error', () => undefined)
    socket.on('close', () => resolve())
  })
}

describe('upgrades abandoned by the client', () => {
  it('leave the studio answering, whether the upgrade is refused (no session) or not found', async () => {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    const port = await freePort()
    const studio: StudioProcess = await spawnStudio(store, port)
    cleanups.push(async () => {
      studio.child.kill('SIGKILL')
      await studio.exited
    })

    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => abandonUpgrade(port, i % 2 ? '/collab' : '/elsewhere')))
    }

    const health = await fetch(`${studio.url}/healthz`).then((response) => response.status, () => 'no answer')
    expect(health, studio.output()).toBe(200)
    expect(studio.child.exitCode, studio.output()).toBeNull()
    expect(studio.output()).not.toMatch(/EPIPE|ECONNRESET|Unhandled 'error'/)
  }, 60_000)
})
