/**
 * What the bench simulates. Every person has a socket of their own; typists make one
 * stamped edit at a time at a steady rate (each starting at a random moment), and everyone
 * else on the document receives it. `quick` shrinks a scenario for a smoke check.
 */

export type EditKind = 'text' | 'matrix'

export interface Scenario {
  name: string
  /** One line for the report. */
  title: string
  documents: number
  peoplePerDocument: number
  /** Typists across all documents, spread round-robin. */
  typists: number
  editsPerSecond: number
  edit: EditKind
  /** The studio's p99 must be at most this many times bare Hocuspocus's. */
  p99VersusHocuspocus?: number
  /** The studio's p99 must be below this many milliseconds. */
  p99BelowMs?: number
  /** After the studio's runs: documents unload and memory returns to where it started. */
  settleAfter?: boolean
}

/**
 * The studio's CPU time per delivery must be at most this many times bare Hocuspocus's, with
 * the durable log, the model check and vouched presence on (issue 19; 1.1 before it).
 */
export const cpuVersusHocuspocus = 1.15
/** After a run, the studio's resident memory must come back within this fraction of its start. */
export const settleTolerance = 0.1

export const scenarios: Scenario[] = [
  {
    name: 'meeting',
    title: 'A meeting: 1 document, 60 people, 10 typing at 5 edits/s',
    documents: 1, peoplePerDocument: 60, typists: 10, editsPerSecond: 5, edit: 'text',
    p99VersusHocuspocus: 1.2,
  },
  {
    name: 'busy-day',
    title: 'A busy day: 20 documents, 25 people each, 5 typing per document at 2 edits/s',
    documents: 20, peoplePerDocument: 25, typists: 100, editsPerSecond: 2, edit: 'text',
  },
  {
    name: 'matrix',
    title: 'A matrix session: 1 competency matrix (200 competencies × 12 roles), 60 people, 10 setting levels at 2 cells/s',
    documents: 1, peoplePerDocument: 60, typists: 10, editsPerSecond: 2, edit: 'matrix',
  },
  {
    name: 'conference',
    title: 'A conference: 1 document, 300 people, 10% (30) typing at 2 edits/s',
    documents: 1, peoplePerDocument: 300, typists: 30, editsPerSecond: 2, edit: 'text',
    p99BelowMs: 100,
  },
  {
    name: 'thousand',
    title: '1,000 people across 40 documents, 10% (100) typing at 2 edits/s',
    documents: 40, peoplePerDocument: 25, typists: 100, editsPerSecond: 2, edit: 'text',
    p99BelowMs: 100, settleAfter: true,
  },
]

/** A smaller copy for `--quick`: at most 200 people, the same rates. */
export function quickVersion(scenario: Scenario): Scenario {
  const people = scenario.documents * scenario.peoplePerDocument
  if (people <= 200) return scenario
  const documents = Math.max(1, Math.round((scenario.documents * 200) / people))
  const peoplePerDocument = scenario.documents === documents ? Math.floor(200 / documents) : scenario.peoplePerDocument
  const typists = Math.max(1, Math.round((scenario.typists * documents * peoplePerDocument) / people))
  return { ...scenario, documents, peoplePerDocument, typists }
}

export interface StormPlan {
  people: number
  documents: number
}

export const storm: StormPlan = { people: 500, documents: 20 }
export const quickStorm: StormPlan = { people: 100, documents: 4 }

export interface Timing {
  runs: number
  warmupSeconds: number
  measureSeconds: number
}

export const fullTiming: Timing = { runs: 3, warmupSeconds: 2, measureSeconds: 8 }
export const quickTiming: Timing = { runs: 1, warmupSeconds: 1, measureSeconds: 3 }
