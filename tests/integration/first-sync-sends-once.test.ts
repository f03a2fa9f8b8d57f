/**
 * A client opening a document nobody has open receives the document once. Hocuspocus 4.7
 * buffers updates for a moment to send them together, and it buffered what the durable log
 * applied while loading the document too: the first client then received the whole document
 * twice, once in the handshake and once as an update (633 KB twice for the largest matrix,
 * each decoded and applied by the browser). Patched (patches/@hocuspocus__server@4.7.0.patch).
 */
import { DocumentName } from '@studio/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn } from '../support/members.ts'
import { authFrame, openRawCollab, readServerFrame, syncStep1Frame } from '../support/raw-collab.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const syncStep2 = 1
const update = 2

describe('the first sync of a document that was not loaded', () => {
  let store: StoreTarget
  let running: RunningStudio

  beforeAll(async () => {
    store = await freshStore('sqlite')
    running = await startStudio(store, { LOG_LEVEL: 'error' })
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  it('sends the document in the handshake only, not again as an update', async () => {
    const documentName = DocumentName.termsOfReference
    const [tess] = await createMembers(store, [{ name: 'Tess Terms', role: 'contributor' }])
    const raw = await openRawCollab(running.url, await signIn(running.url, tess!.email))
    const received: Array<{ step: number; bytes: number }> = []
    raw.socket.on('message', (data: Buffer) => {
      const frame = readServerFrame(new Uint8Array(data))
      if (frame.documentName === documentName && frame.syncStep !== null) received.push({ step: frame.syncStep, bytes: data.byteLength })
    })
    // The seeded terms are in the store, and no one has them open: this socket makes the studio load them.
    expect(running.studio.collaboration.hocuspocus.documents.has(documentName)).toBe(false)
    raw.send(authFrame(documentName))
    raw.send(syncStep1Frame(documentName))
    await waitFor(() => received.some((frame) => frame.step === syncStep2), 10_000, 'the handshake')
    // A second handshake's answer comes after anything the studio had buffered for this socket.
    raw.send(syncStep1Frame(documentName))
    await waitFor(() => received.filter((frame) => frame.step === syncStep2).length === 2, 10_000, 'the second handshake')
    await raw.close()

    const [first] = received.filter((frame) => frame.step === syncStep2)
    expect(first!.bytes).toBeGreaterThan(1000)
    expect(received.filter((frame) => frame.step === update)).toEqual([])
  })
})
