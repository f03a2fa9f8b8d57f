/**
 * What listing a document's malformed entries (packages/framework model/malformed-entries.ts)
 * costs on each download, beside the export it accompanies: the starter matrix, a matrix ten
 * times its size (2,000 competencies, 20,000 cells), and the seeded terms of reference.
 * Median of 50 runs after 5 warm-up runs, in ms.
 *
 *   cd tests && pnpm exec node bench/malformed-entries.ts
 */
import {
  importFramework, listMalformedEntries, markdownToYUpdate, matrixModel, seedFiles, termsOfReferenceModel, toExchange, validateExchange, yDocToMarkdown,
} from '@studio/framework'
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'

function median(work: () => unknown, runs = 50): number {
  for (let i = 0; i < 5; i++) work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
}

function report(name: string, doc: Y.Doc, model: typeof matrixModel, exporter: (doc: Y.Doc) => unknown, exportName: string): void {
  const listing = median(() => listMalformedEntries(doc, model))
  const exporting = median(() => exporter(doc), 10)
  console.log(`${name}: listing ${listing.toFixed(2)} ms, ${exportName} ${exporting.toFixed(2)} ms`)
}

const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
if (!checked.ok) throw new Error('The starter framework is invalid')
const matrix = new Y.Doc()
importFramework(matrix, checked.framework, 'replace')
report('starter matrix', matrix, matrixModel, toExchange, 'JSON export (toExchange)')

const domains = checked.framework.domains.map((domain) => domain.id)
const roles = checked.framework.roles.map((role) => role.id)
matrix.transact(() => {
  for (let i = 0; i < 2000; i++) {
    const competency = new Y.Map<unknown>()
    competency.set('name', new Y.Text(`Competency ${i}`))
    competency.set('description', new Y.Text('described'))
    competency.set('order', `a${i}`)
    competency.set('archived', false)
    competency.set('domainId', domains[i % domains.length])
    matrix.getMap('competencies').set(`c-${i}`, competency)
    for (const role of roles.slice(0, 10)) matrix.getMap('expectations').set(`c-${i}|${role}`, i % 6)
  }
})
report('matrix of 2,000 competencies and 20,000 cells', matrix, matrixModel, toExchange, 'JSON export (toExchange)')

const terms = new Y.Doc()
Y.applyUpdate(terms, markdownToYUpdate(readFileSync(seedFiles.termsOfReference, 'utf8')))
report('seeded terms of reference', terms, termsOfReferenceModel, (doc) => yDocToMarkdown(doc), 'Markdown export')
