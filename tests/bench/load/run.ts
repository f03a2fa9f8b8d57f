/**
 * One run of one scenario against one server: start the server, bring everyone in (in
 * waves, each in sync before the next, so joining is not what is measured), type for a
 * warm-up, then measure a window: deliveries and their latencies, the server's CPU time,
 * and its memory per connected person. The studio's runs of a `settleAfter` scenario
 * then check that it lets go of documents and memory once everyone has left.
 *
 * The people live in crowd worker threads, each document's people dealt out across them,
 * so every crowd receives a share of every broadcast.
 */
import { waitFor } from '../../support/studio.ts'
import { Crowd, type CrowdTally, type Seat, type TypistPlan } from './crowd.ts'
import { matrixDocumentName } from './matrix-document.ts'
import { connectPerson, Problems } from './people.ts'
import { cpuTimes, threadCpuBetween, threadCpuTimes } from './process-stats.ts'
import type { Scenario, Timing } from './scenarios.ts'
import { startServer, type ServerKind, type ServerUnderTest } from './servers.ts'
import { settledRss, waitForUnload, type SettleResult } from './settle.ts'
import { StampTable, TextTypist } from './stamps.ts'
import { percentile } from './stats.ts'

export interface RunResult {
  server: ServerKind
  people: number
  deliveries: number
  /** Deliveries owed for edits sent in the window that never arrived (within the drain time). */
  missing: number
  p50: number
  p95: number
  p99: number
  max: number
  deliveriesPerSecond: number
  serverCpuPercent: number
  cpuMicrosPerDelivery: number
  /** The part of the server's CPU time spent in the kernel (socket writes and reads). */
  systemCpuShare: number
  rssPerPersonBytes: number
  /** The load generator's own CPU use (all its threads, % of one core) and worst crowd's event-loop delay. */
  generatorCpuPercent: number
  generatorDelayP99Ms: number
  problems: number
  problemExamples: string[]
  settle?: SettleResult
  /** The server's process id and the measuring window on the monotonic clock (µs), to cut a CPU profile. */
  pid: number
  windowMicros: [number, number]
  /** The server's CPU time in the window per kind of thread, in ms (process-stats.ts). */
  threadCpuMs: Record<string, number>
}

export interface RunOptions {
  runId: string
  timing: Timing
  /** Members signed in to the studio; their cookies are shared by all sockets. */
  members: number
  /** Worker threads the people are spread over. */
  threads: number
  profileDir?: string
}

const connectWave = 100
const syncTimeoutMs = 60_000
const drainTimeoutMs = 5_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n)

export async function runScenario(scenario: Scenario, kind: ServerKind, options: RunOptions): Promise<RunResult> {
  const people = scenario.documents * scenario.peoplePerDocument
  const server = await startServer(kind, { members: options.members, people, ...(options.profileDir ? { profileDir: options.profileDir } : {}) })
  const crowds = Array.from({ length: options.threads }, () => new Crowd())
  const everyone = (ask: (crowd: Crowd) => Promise<unknown>) => Promise.all(crowds.map(ask))
  const settling = scenario.settleAfter === true && kind === 'studio'
  try {
    if (settling) await warmUp(server, options.runId)
    const idleRss = await settledRss(server)
    const idleMemory = server.lastMemoryUsage()
    const documents = documentNames(scenario, options.runId)
    const stamps = StampTable.create(scenario.typists, stampCapacity(scenario, options.timing))
    await everyone((crowd) => crowd.ask('stamps', { buffer: stamps.buffer, typists: scenario.typists }))
    await bringEveryoneIn(scenario, server, crowds, documents)
    await Promise.all(typistsByCrowd(scenario, documents, crowds.length).map((typists, c) =>
      crowds[c]!.ask('type', { typists, editsPerSecond: scenario.editsPerSecond, edit: scenario.edit })))

    await sleep(options.timing.warmupSeconds * 1000)
    await everyone((crowd) => crowd.ask('window-start'))
    const serverCpuBefore = cpuTimes(server.pid)
    const threadsBefore = threadCpuTimes(server.pid)
    const generatorCpuBefore = process.cpuUsage()
    const monotonicStart = monotonicMicros()
    const from = performance.now()
    await sleep(options.timing.measureSeconds * 1000)
    const to = performance.now()
    const monotonicEnd = monotonicMicros()
    const serverCpuAfter = cpuTimes(server.pid)
    const threadCpuMs = threadCpuBetween(threadsBefore, threadCpuTimes(server.pid))
    const serverSystem = serverCpuAfter.system - serverCpuBefore.system
    const serverCpu = serverCpuAfter.user - serverCpuBefore.user + serverSystem
    const generatorCpu = process.cpuUsage(generatorCpuBefore)
    await everyone((crowd) => crowd.ask('window-end'))
    await everyone((crowd) => crowd.ask('stop-typing'))
    const windowMs = to - from

    const tallies = async (withLatencies: boolean) => (await everyone((crowd) => crowd.ask('tally', { from, to, withLatencies }))) as CrowdTally[]
    const drainUntil = performance.now() + drainTimeoutMs
    for (;;) {
      const counts = await tallies(false)
      if (sum(counts, (t) => t.received) >= sum(counts, (t) => t.expected) || performance.now() > drainUntil) break
      await sleep(100)
    }
    const final = await tallies(true)
    const rss = await settledRss(server, 5000)
    const sorted = concatSorted(final.map((t) => t.latencies))
    const arrivals = sum(final, (t) => t.arrivalsInWindow)
    const result: RunResult = {
      server: kind,
      people,
      deliveries: sorted.length,
      missing: Math.max(0, sum(final, (t) => t.expected) - sorted.length),
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      deliveriesPerSecond: arrivals / (windowMs / 1000),
      serverCpuPercent: (serverCpu / 1000 / windowMs) * 100,
      cpuMicrosPerDelivery: serverCpu / arrivals,
      systemCpuShare: serverSystem / serverCpu,
      rssPerPersonBytes: (rss - idleRss) / people,
      generatorCpuPercent: ((generatorCpu.user + generatorCpu.system) / 1000 / windowMs) * 100,
      generatorDelayP99Ms: Math.max(...final.map((t) => t.delayP99Ms)),
      problems: sum(final, (t) => t.problems),
      problemExamples: [...new Set(final.flatMap((t) => t.problemExamples))].slice(0, 5),
      pid: server.pid,
      windowMicros: [monotonicStart, monotonicEnd],
      threadCpuMs,
    }
    await everyone((crowd) => crowd.ask('leave'))
    if (settling) {
      const unloadMs = await waitForUnload(server)
      const endRss = await settledRss(server)
      result.settle = { startRss: idleRss, endRss, startMemory: idleMemory, endMemory: server.lastMemoryUsage(), unloadMs }
    }
    return result
  } finally {
    await Promise.all(crowds.map((crowd) => crowd.close()))
    await server.stop()
  }
}

/** A meeting per document; the matrix session is the studio's one competency matrix. */
function documentNames(scenario: Scenario, runId: string): string[] {
  if (scenario.edit !== 'matrix') return Array.from({ length: scenario.documents }, (_, d) => `meeting:load-${runId}-${d + 1}`)
  if (scenario.documents !== 1) throw new Error(`${scenario.name}: the studio has one competency matrix, not ${scenario.documents}.`)
  return [matrixDocumentName]
}

/**
 * Clocks each typist's row of the stamp table holds: every edit takes one (a character, or
 * a cell's level), a typist's paragraph two; typing runs through the warm-up and the
 * window, and a minute more is room to spare.
 */
function stampCapacity(scenario: Scenario, timing: Timing): number {
  return Math.ceil(scenario.editsPerSecond * (timing.warmupSeconds + timing.measureSeconds + 60)) + 16
}

/**
 * Every document's first person, then everyone's second, and so on, in waves; seat s of a
 * document goes to crowd s mod n, so each crowd holds part of every document.
 */
async function bringEveryoneIn(scenario: Scenario, server: ServerUnderTest, crowds: Crowd[], documents: string[]): Promise<void> {
  const seats: Seat[] = []
  for (let seat = 0; seat < scenario.peoplePerDocument; seat++) {
    for (const document of documents) seats.push({ id: `p${seats.length + 1}`, index: seats.length, document, seat })
  }
  const crowdOf = (seat: Seat) => crowds[seat.seat % crowds.length]!
  for (let start = 0; start < seats.length; start += connectWave) {
    const wave = seats.slice(start, start + connectWave)
    await Promise.all(crowds.map((crowd) =>
      crowd.ask('join', { endpoint: server.endpoint, seats: wave.filter((seat) => crowdOf(seat) === crowd), timeoutMs: syncTimeoutMs })))
    if (start === 0 && scenario.edit === 'matrix') await crowds[0]!.ask('write-matrix', { documents })
  }
  if (scenario.edit === 'matrix') {
    await waitFor(async () => (await Promise.all(crowds.map((crowd) => crowd.ask('has-matrix')))).every(Boolean), syncTimeoutMs, 'everyone to have the matrix')
  }
}

/** Typists dealt round-robin over documents, then seats; grouped by the crowd that holds each. */
function typistsByCrowd(scenario: Scenario, documents: string[], crowdCount: number): TypistPlan[][] {
  const plans: TypistPlan[][] = Array.from({ length: crowdCount }, () => [])
  for (let typist = 0; typist < scenario.typists; typist++) {
    const seat = Math.floor(typist / documents.length)
    plans[seat % crowdCount]!.push({ document: documents[typist % documents.length]!, seat, slot: typist, recipients: scenario.peoplePerDocument - 1 })
  }
  return plans
}

/** A person opens a document, types a little and leaves, so one-off start-up costs are paid before the start figure. */
async function warmUp(server: ServerUnderTest, runId: string): Promise<void> {
  const person = connectPerson({ id: 'warm-up', index: 0, documentName: `meeting:warm-up-${runId}`, endpoint: server.endpoint, problems: new Problems() })
  await person.whenSynced(syncTimeoutMs)
  const typist = new TextTypist(person)
  for (let key = 0; key < 50; key++) {
    typist.edit()
    await sleep(10)
  }
  await sleep(500)
  person.destroy()
  await waitForUnload(server)
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0)
}

function concatSorted(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(sum(parts, (part) => part.length))
  let offset = 0
  for (const part of parts) {
    all.set(part, offset)
    offset += part.length
  }
  return all.sort()
}
