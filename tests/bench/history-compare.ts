/**
 * What comparing two versions of the largest expected matrix costs (issue 13: the server
 * answers a compare of two 200-competency x 12-role matrices in under 200 ms): the two
 * stored states are decoded and compared, with authors from the update log (221 entries), as
 * GET /api/documents/competency-matrix/compare will do. The "from" version is the large
 * framework with every cell set (large-framework.ts); the "to" version has 150 levels and
 * 50 notes changed, 10 competencies renamed, 5 moved, 3 archived, 2 roles added. Also the
 * terms of reference (the seed) with a paragraph in every other section edited. Median and
 * p95 of 20 runs, after 3 to warm up.
 *
 *   cd tests && pnpm exec node bench/history-compare.ts
 */
import {
  addEntity, archiveEntity, attributionFromLog, compareStates, importFramework, markdownToYUpdate, moveEntity, renameEntity, seedFiles, setLevel, setNote,
  summarizeStates, type ExchangeFramework, type LogEntry,
} from '@studio/framework'
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { competencyCount, largeFramework, roleCount } from './large-framework.ts'

const runs = Number(process.env.BENCH_RUNS ?? 20)

function measure(name: string, task: () => unknown): void {
  for (let warm = 0; warm < 3; warm++) task()
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    task()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1)
  console.log(`${name.padEnd(52)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   (${runs} runs)`)
}

/** Edits a document as one person, logging each change as its own update. */
function logged(doc: Y.Doc, log: LogEntry[], authorId: string, change: () => void): void {
  const before = Y.encodeStateVector(doc)
  change()
  log.push({ update: Y.encodeStateAsUpdate(doc, before), authorId })
}

const matrix = new Y.Doc()
importFramework(matrix, largeFramework({ notes: true }).file as unknown as ExchangeFramework, 'replace')
const from = Y.encodeStateAsUpdate(matrix)
const log: LogEntry[] = [{ update: from, authorId: 'import' }]
const people = ['olga', 'sam', 'ines']
const competency = (index: number) => `competency-${(index % competencyCount) + 1}`
const role = (index: number) => `role-${(index % roleCount) + 1}`
for (let index = 0; index < 150; index++) logged(matrix, log, people[index % 3]!, () => setLevel(matrix, { competencyId: competency(index * 7), roleId: role(index) }, index % 6))
for (let index = 0; index < 50; index++) logged(matrix, log, people[index % 3]!, () => setNote(matrix, { competencyId: competency(index * 11), roleId: role(index + 3) }, `Changed note ${index}.`))
for (let index = 0; index < 10; index++) logged(matrix, log, 'sam', () => renameEntity(matrix, 'competency', competency(index * 19), `Renamed competency ${index}`))
for (let index = 0; index < 5; index++) logged(matrix, log, 'olga', () => moveEntity(matrix, 'competency', competency(index * 23), 0, `domain-${index + 2}`))
for (let index = 0; index < 3; index++) logged(matrix, log, 'ines', () => archiveEntity(matrix, 'competency', competency(index * 31 + 5)))
for (let index = 0; index < 2; index++) logged(matrix, log, 'olga', () => void addEntity(matrix, 'role', { name: `New role ${index}`, id: `new-role-${index}` }))
const to = Y.encodeStateAsUpdate(matrix)
const attribution = attributionFromLog(log)
const changes = compareStates('competency-matrix', from, to, { attribution })
console.log(`matrix: ${competencyCount} competencies x ${roleCount} roles, states of ${(from.byteLength / 1024).toFixed(0)} and ${(to.byteLength / 1024).toFixed(0)} KiB, ${log.length} log entries, ${changes.length} changes`)
measure('compare two 200x12 matrices, with authors', () => compareStates('competency-matrix', from, to, { attribution: attributionFromLog(log) }))
measure('compare two 200x12 matrices, authors already read', () => compareStates('competency-matrix', from, to, { attribution }))
measure('summary of the same two states', () => summarizeStates('competency-matrix', from, to))

const terms = new Y.Doc()
Y.applyUpdate(terms, markdownToYUpdate(readFileSync(seedFiles.termsOfReference, 'utf8')))
const termsFrom = Y.encodeStateAsUpdate(terms)
const fragment = terms.getXmlFragment('default')
for (let index = 1; index < fragment.length; index += 2) {
  const block = fragment.get(index)
  const text = block instanceof Y.XmlElement ? block.get(0) : undefined
  if (text instanceof Y.XmlText && text.length > 10) {
    text.delete(2, 5)
    text.insert(text.length, ' and a few more words')
  }
}
const termsTo = Y.encodeStateAsUpdate(terms)
measure(`compare two terms of reference (${fragment.length} blocks)`, () => compareStates('terms-of-reference', termsFrom, termsTo))
