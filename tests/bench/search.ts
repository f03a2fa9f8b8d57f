/**
 * Search over HTTP on a year of content (issue 14: under 100 ms): a real studio on SQLite
 * (and PostgreSQL with DATABASE_URL) whose store holds, before it starts,
 * - a terms of reference of about 8,000 words in 40 sections,
 * - 50 meetings, each with an agenda and notes (about 400 words) and 5 decisions and
 *   5 actions (500 in all),
 * - the 200-competency x 12-role matrix with a note on every seventh cell (large-framework.ts),
 * - 3,000 comments of about 30 words by 10 people, spread over those documents,
 * written from a vocabulary of 3,000 made-up words plus common ones, so queries hit many
 * places. The studio indexes it all at start (its catch-up, timed here too), then
 * GET /api/search is timed at the client over a mix of queries: a common word, a rare
 * word, two words in any order, a prefix while typing, a word in no document.
 * Median and p95 of 200 requests after 20 to warm up.
 *
 *   cd tests && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm exec node bench/search.ts
 */
import { type SearchResponse } from '@studio/contract'
import { addAction, addDecision, addMeeting, importFramework, markdownToYUpdate, readMeetings, validateExchange } from '@studio/framework'
import { insertComment, listComments } from '@studio/server/comments/comments-repository'
import { createSearchIndexer } from '@studio/server/search/search-indexer'
import { openStore } from '@studio/server/store/database'
import { appendUpdate } from '@studio/server/store/update-log'
import * as Y from 'yjs'
import { createMembers, signIn } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { freshStore, storeKinds } from '../support/stores.ts'
import { startStudio, waitFor } from '../support/studio.ts'
import { largeFramework } from './large-framework.ts'

const runs = Number(process.env.BENCH_RUNS ?? 200)
const common = ['the', 'group', 'project', 'office', 'portfolio', 'governance', 'report', 'review', 'risk', 'benefit', 'role', 'plan', 'and', 'of', 'to']

/** A repeatable stream of numbers, so every run writes the same year. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}
const next = random(42)
const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vel', 'dor', 'quin', 'ba', 'zo', 'fen', 'gar', 'hil', 'ny']
const vocabulary = Array.from({ length: 3000 }, (_, index) => {
  let word = ''
  for (let n = index + 1; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length]
  return word
})
const word = () => (next() < 0.4 ? common[Math.floor(next() * common.length)]! : vocabulary[Math.floor(next() * vocabulary.length)]!)
const words = (count: number) => Array.from({ length: count }, word).join(' ')

function paragraphs(doc: Y.Doc, field: string, texts: string[]): void {
  const fragment = doc.getXmlFragment(field)
  for (const text of texts) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    fragment.insert(fragment.length, [paragraph])
  }
}

async function fillAYear(target: Awaited<ReturnType<typeof freshStore>>, authors: string[]): Promise<void> {
  const store = await openStore(target)
  try {
    // The documents are the year's, not the starter ones: mark them seeded.
    for (const document of ['terms-of-reference', 'competency-matrix', 'meetings']) {
      await store.db.insertInto('seeds').values({ document, seeded_at: new Date().toISOString() }).execute()
    }
    const sections = Array.from({ length: 40 }, (_, index) => `## Section ${index + 1} ${words(2)}\n\n${words(100)}\n\n${words(100)}\n`)
    await appendUpdate(store, { document: 'terms-of-reference', update: markdownToYUpdate(sections.join('\n')), authorId: null })

    const checked = validateExchange(largeFramework({ notes: true }).file)
    if (!checked.ok) throw new Error('the large framework is invalid')
    const matrix = new Y.Doc()
    importFramework(matrix, checked.framework, 'replace')
    await appendUpdate(store, { document: 'competency-matrix', update: Y.encodeStateAsUpdate(matrix), authorId: null })

    const index = new Y.Doc()
    const documents = ['terms-of-reference', 'competency-matrix']
    for (let week = 0; week < 50; week++) {
      const id = `meeting-${week + 1}`
      const day = new Date(Date.UTC(2026, 0, 5 + week * 7)).toISOString().slice(0, 10)
      addMeeting(index, { id, title: `Working session ${week + 1}`, start: `${day}T13:00`, timeZone: 'Europe/London', durationMinutes: 60, mode: 'remote' })
      const meeting = new Y.Doc()
      paragraphs(meeting, 'agenda', Array.from({ length: 5 }, () => words(12)))
      paragraphs(meeting, 'notes', Array.from({ length: 8 }, () => words(40)))
      for (let item = 0; item < 5; item++) {
        addDecision(meeting, { text: words(15) })
        addAction(meeting, { text: words(12) })
      }
      await appendUpdate(store, { document: `meeting:${id}`, update: Y.encodeStateAsUpdate(meeting), authorId: null })
      documents.push(`meeting:${id}`)
    }
    await appendUpdate(store, { document: 'meetings', update: Y.encodeStateAsUpdate(index), authorId: null })

    for (let n = 0; n < 3000; n++) {
      await insertComment(store.db, { document: documents[n % documents.length]!, anchor: 'text', body: words(30), authorId: authors[n % authors.length]!, replyTo: null })
    }
  } finally {
    await store.close()
  }
}

for (const kind of storeKinds) {
  const store = await freshStore(kind)
  const people = await createMembers(store, Array.from({ length: 10 }, (_, index) => ({ name: `Member ${index + 1}`, role: index === 0 ? 'organiser' as const : 'contributor' as const })))
  await fillAYear(store, people.map((person) => person.id))
  const started = performance.now()
  const running = await startStudio(store, { LOG_LEVEL: 'error' })
  try {
    const cookie = await signIn(running.url, people[1]!.email)
    const search = async (q: string) => {
      const response = await call(running, 'GET', `/api/search?q=${encodeURIComponent(q)}`, { cookie })
      const body = (await response.json()) as SearchResponse
      if (!response.ok) throw new Error(JSON.stringify(body))
      return body.results
    }
    // The catch-up indexes the year in the background: done once every source has its rows
    // (the terms, the matrix and 50 meetings, and the comments on each of them).
    const sources = () => running.studio.store.db.selectFrom('search_sources').select((eb) => eb.fn.countAll().as('sources')).executeTakeFirstOrThrow()
    await waitFor(async () => Number((await sources()).sources) === 104, 300_000, 'the year to be indexed')
    const indexedMs = performance.now() - started
    const counts = await running.studio.store.db.selectFrom('search_entries').select((eb) => eb.fn.countAll().as('rows')).executeTakeFirstOrThrow()

    const queries = ['project', vocabulary[1234]!, `${vocabulary[17]!} governance`, 'gov', vocabulary[200]!.slice(0, 3), 'portfolio risk', 'zzzzqx', 'competency 17', 'working sess']
    let resultsSeen = 0
    const once = async (index: number) => {
      const begun = performance.now()
      resultsSeen += (await search(queries[index % queries.length]!)).length
      return performance.now() - begun
    }
    for (let warm = 0; warm < 20; warm++) await once(warm)
    const times: number[] = []
    resultsSeen = 0
    for (let run = 0; run < runs; run++) times.push(await once(run))
    if (process.env.BENCH_EACH) {
      for (const [index, q] of queries.entries()) {
        const each = times.filter((_, run) => run % queries.length === index).sort((a, b) => a - b)
        console.log(`  ${q}: median ${each[Math.floor(each.length / 2)]!.toFixed(1)} ms, max ${each.at(-1)!.toFixed(1)} ms`)
      }
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1)
    console.log(`${kind}: ${Number(counts.rows)} index rows, indexed at start in ${(indexedMs / 1000).toFixed(1)} s; GET /api/search over ${queries.length} queries (${(resultsSeen / runs).toFixed(1)} results on average): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${runs} requests)`)

    // A rebuild of one meeting's rows, as while someone types in it (every 5 s at most), with
    // the meetings list not loaded: it needs the list for the meeting's label, and reading the
    // list from the store each time was most of a rebuild's cost (serverChanges.peekKept).
    const indexer = createSearchIndexer({
      store: running.studio.store, serverChanges: running.studio.serverChanges, log: running.studio.app.log,
      listComments: (document) => listComments(running.studio.store.db, document),
    })
    const medianOf = async (count: number, work: () => Promise<unknown>) => {
      const taken: number[] = []
      for (let run = 0; run < count + 5; run++) {
        const begun = performance.now()
        await work()
        if (run >= 5) taken.push(performance.now() - begun)
      }
      return taken.sort((a, b) => a - b)[Math.floor(taken.length / 2)]!.toFixed(2)
    }
    const rebuildMs = await medianOf(50, () => indexer.rebuild('meeting:meeting-7'))
    const listMs = await medianOf(50, () => running.studio.serverChanges.peek('meetings', (doc) => readMeetings(doc, { includeArchived: true })))
    console.log(`${kind}: rebuilding one meeting's rows: median ${rebuildMs} ms; reading the meetings list from the store, which each rebuild did before: median ${listMs} ms (50 each)`)
  } finally {
    await running.close()
    await store.dispose()
  }
}
