/**
 * A document that unloads and is opened again at once stays open. Hocuspocus leaves a timer
 * behind when a document unloads; unpatched, that timer later unloaded whatever document
 * then had the same name, so a reader who had just opened it was left on a copy nobody
 * writes to (a comment reached one reader of a meeting and not the other).
 */
import type { Hocuspocus } from '@hocuspocus/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

describe('unloading a document', () => {
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

  it('never unloads the document that replaced it under the same name', async () => {
    // As the studio's own changes see it (server-changes.ts): no socket context.
    const hocuspocus: Hocuspocus = running.studio.collaboration.hocuspocus
    const name = 'comments:meeting:reopened'
    // The studio reads and writes like this when it mirrors comments: open, change, let go.
    const first = await hocuspocus.openDirectConnection(name, {})
    await first.disconnect()
    expect(hocuspocus.documents.has(name)).toBe(false)

    const second = await hocuspocus.openDirectConnection(name, {})
    const reopened = hocuspocus.documents.get(name)
    expect(reopened).toBeDefined()
    // Timers due now, the one the first unload left among them, run before this one.
    await new Promise((resolve) => setTimeout(resolve, 0))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(hocuspocus.documents.get(name)).toBe(reopened)
    await second.disconnect()
  })
})
