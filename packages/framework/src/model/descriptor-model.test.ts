/**
 * The matrix model's rules for descriptors, indicators and references: what the studio's
 * operations write is accepted; a wrong type under a key, a value out of range, a level not
 * in the scale, or a list or text past its limit is refused, counting the update's own
 * deletions (a summary replaced in one transaction is not twice its length).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addIndicator, addReference, moveIndicator, removeIndicator, replaceIndicators, setIndicator, setSummary, updateReference } from '../matrix/descriptor-operations.ts'
import { descriptorLimits, indicatorMaps, referenceMaps, summaryText } from '../matrix/descriptors.ts'
import { setLevelDefinition } from '../matrix/operations.ts'
import { checkUpdate } from './check-update.ts'
import { matrixModel } from './matrix-model.ts'

function scale(): Y.Doc {
  const doc = new Y.Doc()
  for (let rank = 0; rank <= 5; rank++) setLevelDefinition(doc, rank, `Level ${rank}`, '')
  return doc
}

/** The verdict on an edit made on a copy of `live`; an accepted edit is applied to `live`. */
function verdictOn(live: Y.Doc, edit: (copy: Y.Doc) => void): string {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  const before = Y.encodeStateVector(copy)
  edit(copy)
  const update = Y.encodeStateAsUpdate(copy, before)
  const verdict = checkUpdate(live, update, matrixModel)
  if (verdict.ok) Y.applyUpdate(live, update)
  return verdict.ok ? 'ok' : verdict.reason
}

describe('the model of descriptors, indicators and references', () => {
  it('accepts what the operations write', () => {
    const live = scale()
    expect(verdictOn(live, (doc) => setSummary(doc, 'c1', 3, 'Works without supervision.'))).toBe('ok')
    let id = ''
    expect(verdictOn(live, (doc) => { id = addIndicator(doc, 'c1', 3, 'Plans the week.') })).toBe('ok')
    expect(verdictOn(live, (doc) => addIndicator(doc, 'c1', 3, 'Reports on Fridays.', 0))).toBe('ok')
    expect(verdictOn(live, (doc) => setIndicator(doc, 'c1', 3, id, 'Plans the month.'))).toBe('ok')
    expect(verdictOn(live, (doc) => moveIndicator(doc, 'c1', 3, id, 0))).toBe('ok')
    expect(verdictOn(live, (doc) => removeIndicator(doc, 'c1', 3, id))).toBe('ok')
    let reference = ''
    expect(verdictOn(live, (doc) => { reference = addReference(doc, 'c1', { scheme: 'SFIA 9', code: 'PROF', uri: 'https://sfia-online.org/', relation: 'close' }) })).toBe('ok')
    expect(verdictOn(live, (doc) => updateReference(doc, 'c1', reference, { scheme: 'SFIA 9', code: 'PROF', relation: 'exact' }))).toBe('ok')
  })

  it('refuses a wrong type or value under each key', () => {
    const live = scale()
    expect(verdictOn(live, (doc) => doc.getMap('descriptor:c1|3').set('x', 1))).toBe('a plain text holds characters only')
    expect(verdictOn(live, (doc) => indicatorMaps(doc, 'c1', 3).set('i1', 'a plain string' as never))).toMatch(/"i1" must be a map/)
    expect(verdictOn(live, (doc) => {
      const entry = new Y.Map<unknown>()
      entry.set('text', 'not shared text')
      indicatorMaps(doc, 'c1', 3).set('i1', entry as never)
    })).toMatch(/"text" must be a plain text/)
    const reference = (fields: Record<string, string>) => (doc: Y.Doc) => {
      const entry = new Y.Map<string>()
      for (const [key, value] of Object.entries({ scheme: 'SFIA 9', relation: 'close', order: 'a0', ...fields })) entry.set(key, value)
      referenceMaps(doc, 'c1').set('r1', entry)
    }
    expect(verdictOn(live, reference({ relation: 'same' }))).toMatch(/"relation" must be one of exact, close, related/)
    expect(verdictOn(live, reference({ uri: 'javascript:alert(1)' }))).toMatch(/"uri" must be nothing, or an http\(s\) address/)
    expect(verdictOn(live, reference({ uri: `https://example.org/${'a'.repeat(2000)}` }))).toMatch(/"uri" must be/)
    expect(verdictOn(live, reference({ scheme: '' }))).toMatch(/"scheme" must be text of 1 to 100 characters/)
    expect(verdictOn(live, reference({ colour: 'blue' }))).toMatch(/"colour" is not a key this map may hold/)
    expect(verdictOn(live, reference({}))).toBe('ok')
  })

  it('refuses a descriptor of a level the scale does not have, or a name it cannot read', () => {
    const live = scale()
    expect(verdictOn(live, (doc) => summaryText(doc, 'c1', 7).insert(0, 'Beyond'))).toBe('"descriptor:c1|7" is about level 7, which is not in the scale')
    expect(verdictOn(live, (doc) => doc.getText('descriptor:c1|03').insert(0, 'x'))).toMatch(/not part of a competency-matrix document/)
    expect(verdictOn(live, (doc) => doc.getMap('references:c1|3').set('r', 1))).toMatch(/not part of a competency-matrix document/)
    // A level defined in the same update, as an import defines it, counts.
    expect(verdictOn(live, (doc) => { setLevelDefinition(doc, 7, 'Beyond', ''); setSummary(doc, 'c1', 7, 'Sets the field.') })).toBe('ok')
  })

  it('refuses a summary, an indicator or a list past its limit, counting what the update deletes', () => {
    const live = scale()
    expect(verdictOn(live, (doc) => summaryText(doc, 'c1', 2).insert(0, 'x'.repeat(descriptorLimits.summary + 1)))).toBe('a text here holds at most 1000 characters, not 1001')
    expect(verdictOn(live, (doc) => summaryText(doc, 'c1', 2).insert(0, 'x'.repeat(900)))).toBe('ok')
    expect(verdictOn(live, (doc) => summaryText(doc, 'c1', 2).insert(0, 'y'.repeat(101)))).toBe('a text here holds at most 1000 characters, not 1001')
    // Replaced in one transaction: 900 deleted, 900 inserted.
    expect(verdictOn(live, (doc) => doc.transact(() => { summaryText(doc, 'c1', 2).delete(0, 900); summaryText(doc, 'c1', 2).insert(0, 'z'.repeat(900)) }))).toBe('ok')
    let id = ''
    expect(verdictOn(live, (doc) => { id = addIndicator(doc, 'c1', 2, 'Short') })).toBe('ok')
    expect(verdictOn(live, (doc) => indicatorMaps(doc, 'c1', 2).get(id)!.get('text')!.constructor && (indicatorMaps(doc, 'c1', 2).get(id)!.get('text') as Y.Text).insert(5, 'x'.repeat(496)))).toBe('a text here holds at most 500 characters, not 501')
    expect(verdictOn(live, (doc) => { const entry = new Y.Map<Y.Text | string>(); entry.set('text', new Y.Text('x'.repeat(501))); entry.set('order', 'a1'); indicatorMaps(doc, 'c1', 2).set('long', entry) })).toBe('a text here holds at most 500 characters, not 501')
    expect(verdictOn(live, (doc) => replaceIndicators(doc, 'c1', 2, Array.from({ length: 20 }, (_, n) => `Indicator ${n}`)))).toBe('ok')
    expect(verdictOn(live, (doc) => { const entry = new Y.Map<Y.Text | string>(); entry.set('text', new Y.Text('One more')); entry.set('order', 'z9'); indicatorMaps(doc, 'c1', 2).set('extra', entry) })).toBe('a list here holds at most 20 entries, not 21')
    expect(verdictOn(live, (doc) => replaceIndicators(doc, 'c1', 2, ['Fewer']))).toBe('ok')
    for (let n = 0; n < descriptorLimits.references; n++) expect(verdictOn(live, (doc) => addReference(doc, 'c1', { scheme: `S${n}`, relation: 'related' }))).toBe('ok')
    expect(verdictOn(live, (doc) => { const entry = new Y.Map<string>(); entry.set('scheme', 'One too many'); entry.set('relation', 'related'); entry.set('order', 'z9'); referenceMaps(doc, 'c1').set('extra', entry) })).toBe('a list here holds at most 30 entries, not 31')
  })
})
