import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { importFramework } from '../matrix/exchange.ts'
import { validateExchange } from '../matrix/exchange-format.ts'
import { setLevel } from '../matrix/operations.ts'
import { readCompetencies, readEntities } from '../matrix/read.ts'
import { seedFiles } from '../seed.ts'
import { compareStates } from './compare.ts'

describe('comparing two states', () => {
  it('answers "no changes" for the same bytes without reading them', () => {
    // Not a Yjs update at all: only the shortcut can answer without failing.
    const notAnUpdate = Uint8Array.from([0xff, 0xff, 0xff, 0xff])
    expect(compareStates('competency-matrix', notAnUpdate, Uint8Array.from(notAnUpdate))).toEqual([])
    expect(() => compareStates('competency-matrix', notAnUpdate, Uint8Array.from([0xff, 0xff, 0xff, 0xfe]))).toThrow()
  })

  it('still reads states that differ, and a document reloaded from its state encodes to the same bytes', () => {
    const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
    if (!checked.ok) throw new Error('starter framework invalid')
    const doc = new Y.Doc()
    importFramework(doc, checked.framework, 'replace')
    const cell = { competencyId: readCompetencies(doc)[0]!.id, roleId: readEntities(doc, 'role')[0]!.id }
    const before = Y.encodeStateAsUpdate(doc)
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, before)
    expect(Y.encodeStateAsUpdate(reloaded)).toEqual(before)
    setLevel(doc, cell, 4)
    expect(compareStates('competency-matrix', before, Y.encodeStateAsUpdate(doc))).toEqual([expect.objectContaining({ type: 'cell' })])
  })
})
