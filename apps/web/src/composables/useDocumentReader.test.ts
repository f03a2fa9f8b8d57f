import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useDocumentReader } from './useDocumentReader.ts'

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('useDocumentReader', () => {
  it('reads again inside each change by default', () => {
    const doc = new Y.Doc()
    const scope = effectScope()
    const value = scope.run(() => useDocumentReader(doc, (d) => d.getArray<string>('items').length))!
    doc.getArray<string>('items').push(['a'])
    expect(value.value).toBe(1)
    scope.stop()
  })

  it('with whenIdle, reads once after a burst of changes, not inside them', async () => {
    const doc = new Y.Doc()
    let reads = 0
    const scope = effectScope()
    const value = scope.run(() =>
      useDocumentReader(doc, (d) => {
        reads++
        return d.getArray<string>('items').length
      }, { whenIdle: true }),
    )!
    for (let i = 0; i < 5; i++) doc.getArray<string>('items').push([`item ${i}`])
    expect(value.value).toBe(0)
    await until(() => value.value === 5)
    expect(reads).toBe(2)
    scope.stop()
  })

  it('skips this page\'s own changes when they cannot matter, but not changes from elsewhere', async () => {
    const doc = new Y.Doc()
    const elsewhere = new Y.Doc()
    let reads = 0
    const scope = effectScope()
    const value = scope.run(() =>
      useDocumentReader(doc, (d) => {
        reads++
        return d.getArray<string>('bad').toArray()
      }, { whenIdle: true, localChangeMatters: (current) => current.length > 0 }),
    )!
    doc.getArray<string>('items').push(['a local edit'])
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(reads).toBe(1)

    elsewhere.getArray<string>('bad').push(['an entry from the log'])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere), 'provider')
    await until(() => value.value.length === 1)
    // Now a local edit may repair it, so it is read again.
    doc.getArray<string>('bad').delete(0, 1)
    await until(() => value.value.length === 0)
    scope.stop()
  })

  it('stops reading once its scope ends', async () => {
    const doc = new Y.Doc()
    const scope = effectScope()
    const value = scope.run(() => useDocumentReader(doc, (d) => d.getArray<string>('items').length, { whenIdle: true }))!
    doc.getArray<string>('items').push(['a'])
    scope.stop()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(value.value).toBe(0)
  })
})
