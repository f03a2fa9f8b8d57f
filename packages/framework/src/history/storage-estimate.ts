/**
 * A simulated year of a working group's daily work, with the versions it leaves behind after
 * thinning, to estimate what the history stores (issue 13, point 2). The server's engineer
 * feeds `onCapture`/`onDelete` into SQLite and PostgreSQL and reports both in PERFORMANCE.md;
 * `estimateYearOfHistory` alone gives the bytes of the version states themselves.
 *
 * The year (deterministic: a seeded generator): on each weekday, two or three sessions on the
 * terms of reference (a paragraph added, words changed), two on the matrix (twenty cells'
 * levels and a few notes), each ending in an automatic version when the document falls
 * quiet; a four-hour meeting every Tuesday (agenda, notes typed through the meeting,
 * decisions and actions, an automatic version each hour and one at its end); a named
 * version of the terms of reference and the matrix every other Friday; an import once a
 * quarter (a before-import version). Thinning runs after every capture, as a job would.
 */
import type { HistoryKind, VersionKind } from '@studio/contract'
import * as Y from 'yjs'
import { importFramework } from '../matrix/exchange.ts'
import type { ExchangeFramework } from '../matrix/exchange-format.ts'
import { setLevel, setNote } from '../matrix/operations.ts'
import { addAction, addDecision } from '../meetings/meeting-document.ts'
import { thinVersions, type ThinnableVersion } from './thinning.ts'

export interface CapturedVersion extends ThinnableVersion {
  document: string
  kind: VersionKind
  createdAt: Date
  historyKind: HistoryKind
  state: Uint8Array
}

export interface YearOfHistoryOptions {
  /** Days to simulate; 365 by default. */
  days?: number
  /** The first day (UTC midnight); 2026-01-05, a Monday, by default. */
  start?: Date
  /** The matrix the group starts from; a generated one of 8 domains x 6 competencies and 8 roles by default. */
  framework?: ExchangeFramework
  onCapture?(version: CapturedVersion): void
  onDelete?(ids: string[]): void
}

export interface YearOfHistory {
  /** Versions kept at the end of the year. */
  kept: Array<Omit<CapturedVersion, 'state'> & { bytes: number }>
  captured: number
  deleted: number
  /** Bytes of the kept versions' states, per document kind and in all. */
  bytes: Record<HistoryKind, number> & { total: number }
}

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

export function estimateYearOfHistory(options: YearOfHistoryOptions = {}): YearOfHistory {
  const random = seeded(13)
  const start = (options.start ?? new Date('2026-01-05T00:00:00Z')).getTime()
  const days = options.days ?? 365
  const kept = new Map<string, CapturedVersion>()
  let captured = 0
  let deleted = 0
  let sequence = 0
  const capture = (document: string, historyKind: HistoryKind, doc: Y.Doc, kind: VersionKind, time: number) => {
    const version: CapturedVersion = { id: `v${++sequence}`, document, historyKind, kind, createdAt: new Date(time), state: Y.encodeStateAsUpdate(doc) }
    captured++
    kept.set(version.id, version)
    options.onCapture?.(version)
    const doomed = thinVersions([...kept.values()].filter((other) => other.document === document), time)
    for (const id of doomed) kept.delete(id)
    deleted += doomed.length
    if (doomed.length > 0) options.onDelete?.(doomed)
  }

  const terms = new Y.Doc()
  const body = terms.getXmlFragment('default')
  const matrix = new Y.Doc()
  const framework = options.framework ?? generatedFramework()
  importFramework(matrix, framework, 'replace')
  const cells = framework.domains.flatMap((domain) => domain.competencies.flatMap((competency) => framework.roles.map((role) => ({ competencyId: competency.id, roleId: role.id }))))
  const ranks = framework.levels.map((level) => level.rank)
  capture('terms-of-reference', 'terms-of-reference', terms, 'auto', start)
  capture('competency-matrix', 'competency-matrix', matrix, 'auto', start)

  for (let index = 0; index < days; index++) {
    const midnight = start + index * day
    const weekday = new Date(midnight).getUTCDay()
    if (weekday === 0 || weekday === 6) continue
    const sessions = 2 + Math.floor(random() * 2)
    for (let session = 0; session < sessions; session++) {
      const time = midnight + (9 + session * 3) * hour + Math.floor(random() * 60) * minute
      writeInTerms(body, random)
      capture('terms-of-reference', 'terms-of-reference', terms, 'auto', time + 10 * minute)
    }
    for (let session = 0; session < 2; session++) {
      const time = midnight + (10 + session * 4) * hour + Math.floor(random() * 60) * minute
      for (let edit = 0; edit < 20; edit++) {
        const cell = cells[Math.floor(random() * cells.length)]!
        setLevel(matrix, cell, ranks[Math.floor(random() * ranks.length)]!)
        if (edit % 5 === 0) setNote(matrix, cell, sentence(random, 12))
      }
      capture('competency-matrix', 'competency-matrix', matrix, 'auto', time + 10 * minute)
    }
    if (weekday === 2) holdMeeting(`meeting:week-${index}`, midnight + 13 * hour, random, capture)
    if (weekday === 5 && Math.floor(index / 7) % 2 === 1) {
      capture('terms-of-reference', 'terms-of-reference', terms, 'named', midnight + 17 * hour)
      capture('competency-matrix', 'competency-matrix', matrix, 'named', midnight + 17 * hour)
    }
    if (index % 91 === 45) {
      capture('competency-matrix', 'competency-matrix', matrix, 'before-import', midnight + 16 * hour)
      importFramework(matrix, framework, 'merge')
    }
  }
  const keptList = [...kept.values()].map(({ state, ...version }) => ({ ...version, bytes: state.byteLength }))
  const bytes = { 'terms-of-reference': 0, 'competency-matrix': 0, meeting: 0, total: 0 }
  for (const version of keptList) {
    bytes[version.historyKind] += version.bytes
    bytes.total += version.bytes
  }
  return { kept: keptList, captured, deleted, bytes }
}

type Capture = (document: string, historyKind: HistoryKind, doc: Y.Doc, kind: VersionKind, time: number) => void

function holdMeeting(name: string, begins: number, random: () => number, capture: Capture): void {
  const meeting = new Y.Doc()
  meeting.getXmlFragment('agenda').insert(0, Array.from({ length: 6 }, () => paragraph(sentence(random, 8))))
  const notes = meeting.getXmlFragment('notes')
  for (let hourOfMeeting = 0; hourOfMeeting < 4; hourOfMeeting++) {
    for (let line = 0; line < 25; line++) notes.insert(notes.length, [paragraph(sentence(random, 14))])
    addDecision(meeting, { text: sentence(random, 10), createdAt: new Date(begins).toISOString() })
    addAction(meeting, { text: sentence(random, 8), due: '2026-12-31', ownerId: 'member', createdAt: new Date(begins).toISOString() })
    capture(name, 'meeting', meeting, hourOfMeeting === 3 ? 'meeting-end' : 'auto', begins + (hourOfMeeting + 1) * hour)
  }
  meeting.destroy()
}

function writeInTerms(body: Y.XmlFragment, random: () => number): void {
  body.insert(body.length, [paragraph(sentence(random, 40))])
  if (body.length < 2) return
  const block = body.get(Math.floor(random() * body.length))
  const text = block instanceof Y.XmlElement ? block.get(0) : undefined
  if (!(text instanceof Y.XmlText) || text.length < 20) return
  const at = Math.floor(random() * (text.length - 10))
  text.delete(at, 6)
  text.insert(at, sentence(random, 2))
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

const vocabulary = 'the group agrees competency framework role level office portfolio programme project evidence practice review draft scope members consult publish'.split(' ')

function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ') + '.'
}

function generatedFramework(): ExchangeFramework {
  const levels = [0, 1, 2, 3, 4, 5].map((rank) => ({ rank, name: `Level ${rank}`, description: `What level ${rank} means.` }))
  const roles = Array.from({ length: 8 }, (_, index) => ({ id: `role-${index + 1}`, name: `Role ${index + 1}`, description: '' }))
  const domains = Array.from({ length: 8 }, (_, d) => ({
    id: `domain-${d + 1}`,
    name: `Domain ${d + 1}`,
    description: '',
    competencies: Array.from({ length: 6 }, (_, c) => ({
      id: `competency-${d * 6 + c + 1}`,
      name: `Competency ${d * 6 + c + 1}`,
      description: 'What it covers.',
      expectations: Object.fromEntries(roles.map((role, r) => [role.id, { level: (d + c + r) % 6, note: '' }])),
    })),
  }))
  return { format: 'pmo-framework/v1', title: 'Simulated framework', levels, roles, pmoTypes: [], domains }
}

/** mulberry32: a small deterministic generator, so every run simulates the same year. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
