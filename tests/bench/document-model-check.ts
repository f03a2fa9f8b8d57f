/**
 * What the document-model check (packages/framework model/check-update.ts) costs per update
 * on the edit path: the check alone, against a live document, for the updates people send
 * most: typing one character into meeting notes (rich text), typing into a matrix cell's
 * note, and changing a matrix cell's level in the starter framework. Median and p99 in µs.
 *
 *   cd tests && pnpm exec node bench/document-model-check.ts
 */
import { checkUpdate, importFramework, matrixModel, meetingModel, seedFiles, setLevel, setNote, validateExchange } from '@studio/framework'
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'

const samples = Number(process.env.BENCH_SAMPLES ?? 5000)

/** Makes `count` updates with `edit` on a writer's copy, checking each against the live document before applying it. */
function measure(name: string, live: Y.Doc, model: Parameters<typeof checkUpdate>[2], edit: (writer: Y.Doc, index: number) => void): void {
  const writer = new Y.Doc()
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(live))
  const times: number[] = []
  for (let index = 0; index < samples + 200; index++) {
    const before = Y.encodeStateVector(writer)
    edit(writer, index)
    const update = Y.encodeStateAsUpdate(writer, before)
    const started = performance.now()
    const verdict = checkUpdate(live, update, model)
    const took = performance.now() - started
    if (!verdict.ok) throw new Error(`${name}: refused (${verdict.reason})`)
    Y.applyUpdate(live, update)
    if (index >= 200) times.push(took * 1000) // the first 200 warm the JIT
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1)
  console.log(`${name.padEnd(34)} median ${at(0.5).padStart(6)} µs   p99 ${at(0.99).padStart(6)} µs   (${times.length} updates)`)
}

const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
if (!checked.ok) throw new Error('The starter framework is invalid')
const matrix = new Y.Doc()
importFramework(matrix, checked.framework, 'replace')
const competencies = [...matrix.getMap('competencies').keys()]
const roles = [...matrix.getMap('roles').keys()]
const cell = (index: number) => ({ competencyId: competencies[index % competencies.length]!, roleId: roles[(index >> 4) % roles.length]! })

const meeting = new Y.Doc()
const paragraph = new Y.XmlElement('paragraph')
paragraph.insert(0, [new Y.XmlText('')])
meeting.getXmlFragment('notes').insert(0, [paragraph])

measure('typing in meeting notes', meeting, meetingModel, (writer, index) => {
  const text = (writer.getXmlFragment('notes').get(0) as Y.XmlElement).get(0) as Y.XmlText
  text.insert(text.length, String.fromCharCode(97 + (index % 26)), index % 50 < 5 ? { bold: {} } : {})
})
measure('typing in a matrix cell note', matrix, matrixModel, (writer, index) => {
  const text = writer.getText(`note:${cell(0).competencyId}|${cell(0).roleId}`)
  text.insert(text.length, String.fromCharCode(97 + (index % 26)))
})
measure('changing a matrix cell level', matrix, matrixModel, (writer, index) => setLevel(writer, cell(index), index % 6))
measure('rewriting a matrix cell note', matrix, matrixModel, (writer, index) => setNote(writer, cell(index), `note ${index}`))
