import { describe, expect, it } from 'vitest'
import { encodeDocumentSignal, parseDocumentSignal } from './document-signals.ts'

describe('document signals', () => {
  it('read back what they encode', () => {
    expect(parseDocumentSignal(encodeDocumentSignal({ kind: 'proposals-changed' }))).toEqual({ kind: 'proposals-changed' })
  })

  it('read anything else as no signal, without throwing', () => {
    for (const payload of ['', 'proposals-changed', '{"kind":"everything-changed"}', '{"kind":1}', 'null', '[]', '{']) {
      expect(parseDocumentSignal(payload), payload).toBeNull()
    }
  })
})
