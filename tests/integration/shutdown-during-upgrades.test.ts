/**
 * Shutting down while sockets are still being let in: an upgrade decided after the studio
 * began to close is refused or closed at once, so the shutdown finishes instead of waiting
 * for a socket that nothing would ever close.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMembers, signIn } from '../support/members.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor } from '../support/studio.ts'

let store: StoreTarget | undefined
afterEach(async () => {
  await store?.dispose()
})

describe('shutdown during upgrades', () => {
  it('finishes while sockets are still arriving, and leaves none of them open', async () => {
    store = await freshStore('sqlite')
    const [carl] = await createMembers(store, [{ name: 'Carl Contributor', role: 'contributor' }])
    const running = await startStudio(store)
    const cookie = await signIn(running.url, carl!.email)
    const sockets: WebSocket[] = []
    const openSockets = () => sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length
    // Upgrades arriving one after another, so some are mid-decision when the shutdown starts.
    const arriving = setInterval(() => {
      const socket = new WebSocket(`${running.url.replace(/^http/, 'ws')}/collab`, { headers: { cookie, origin: running.origin } })
      socket.on('error', () => {})
      sockets.push(socket)
    }, 2)
    await waitFor(() => openSockets() >= 5, 5000, 'some sockets to be open')
    let closed = false
    const closing = running.close().then(() => (closed = true))
    try {
      await waitFor(() => closed, 15_000, 'the shutdown to finish')
    } finally {
      clearInterval(arriving)
    }
    await closing
    await waitFor(() => openSockets() === 0, 5000, 'every socket to be closed')
    expect(sockets.length).toBeGreaterThan(5)
  }, 40_000)
})
