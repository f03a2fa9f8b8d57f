import { attributionFromLog, compareStates, importFramework, readCompetencies, readEntities, seedFiles, setLevel, validateExchange, type LogEntry } from '@studio/framework'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCompareThread, type CompareThread } from './compare-thread.ts'

let thread: CompareThread | null = null
afterEach(async () => {
  await thread?.close()
  thread = null
})

/** The starter matrix, and the same after one member set a level: both states and the log. */
function twoStates(): { older: Uint8Array; newer: Uint8Array; log: LogEntry[] } {
  const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
  if (!checked.ok) throw new Error('starter framework invalid')
  const doc = new Y.Doc()
  importFramework(doc, checked.framework, 'replace')
  const older = Y.encodeStateAsUpdate(doc)
  // Olga edits on her own device (her own Yjs client), as the log records her.
  const olgas = new Y.Doc()
  Y.applyUpdate(olgas, older)
  const before = Y.encodeStateVector(olgas)
  setLevel(olgas, { competencyId: readCompetencies(olgas)[0]!.id, roleId: readEntities(olgas, 'role')[0]!.id }, 4)
  return { older, newer: Y.encodeStateAsUpdate(olgas), log: [{ update: older, authorId: 'seed' }, { update: Y.encodeStateAsUpdate(olgas, before), authorId: 'olga' }] }
}

/** Counts turns of the event loop until `until` resolves. */
async function turnsWhile(until: Promise<unknown>): Promise<number> {
  let turns = 0
  let answered = false
  const turn = () => {
    turns += 1
    if (!answered) setImmediate(turn)
  }
  setImmediate(turn)
  await until
  answered = true
  return turns
}

describe('the comparison thread (every comparison on it)', () => {
  it('answers what compareStates answers, authors included', async () => {
    const { older, newer, log } = twoStates()
    thread = createCompareThread({ offThreadBytes: 0 })
    const changes = await thread.compare('competency-matrix', older, newer, log)
    expect(changes).toEqual(compareStates('competency-matrix', older, newer, { attribution: attributionFromLog(log) }))
    expect(changes).toEqual([expect.objectContaining({ type: 'cell', authors: ['olga'] })])
    expect(await thread.compare('competency-matrix', older, older)).toEqual([])
  })

  it('leaves the studio\'s thread free meanwhile: its own work goes on before the answer comes', async () => {
    const { older, newer } = twoStates()
    thread = createCompareThread({ offThreadBytes: 0 })
    // Compared on this thread, the answer would be there before any other work could run.
    expect(await turnsWhile(thread.compare('competency-matrix', older, newer))).toBeGreaterThan(0)
  })

  it('fails a comparison it cannot make, and answers the next one', async () => {
    thread = createCompareThread({ offThreadBytes: 0 })
    await expect(thread.compare('competency-matrix', Uint8Array.from([0xff, 0xff, 0xff]), Uint8Array.from([0xff, 0xfe]))).rejects.toThrow()
    const { older, newer } = twoStates()
    expect(await thread.compare('competency-matrix', older, newer)).toHaveLength(1)
  })
})

describe('small states', () => {
  it('are compared in place, where starting the thread would cost more than the comparison', async () => {
    const { older, newer } = twoStates()
    expect(older.byteLength + newer.byteLength).toBeLessThan(256 * 1024)
    thread = createCompareThread()
    const answer = thread.compare('competency-matrix', older, newer)
    expect(await turnsWhile(answer)).toBe(0)
    expect(await answer).toHaveLength(1)
  })
})
