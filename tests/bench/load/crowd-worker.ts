/**
 * A crowd: some of the simulated people, living in a worker thread of the load generator
 * so that receiving and applying tens of thousands of deliveries a second is spread over
 * the machine's cores rather than queueing behind one event loop. It joins people, runs
 * their typists, and logs every send and every arrival with its times; crowd.ts (the main
 * thread's side) cuts the measuring window out of those logs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parentPort } from 'node:worker_threads'
import type { CrowdRequest, CrowdTally, TypistPlan } from './crowd.ts'
import { matrixContent, writeMatrix } from './matrix-document.ts'
import { connectPerson, Problems, type Person } from './people.ts'
import { CellEditor, observeDeliveries, StampTable, TextTypist, type Editor } from './stamps.ts'

// y-websocket's provider listens for the process's exit once per person.
process.setMaxListeners(0)

const people = new Map<string, Person>()
const problems = new Problems()
/** Pairs of (sent at, arrived at), every delivery this crowd received. */
const arrivals: number[] = []
/** Pairs of (sent at, recipients), every edit this crowd's typists made. */
const sends: number[] = []
const timers = new Set<NodeJS.Timeout>()
let stamps: StampTable | undefined
let typing = false
let delay = monitorEventLoopDelay({ resolution: 5 })

const seatKey = (document: string, seat: number) => `${document}#${seat}`

function startTyping(plans: TypistPlan[], editsPerSecond: number, edit: 'text' | 'matrix'): void {
  typing = true
  const interval = 1000 / editsPerSecond
  for (const plan of plans) {
    const person = people.get(seatKey(plan.document, plan.seat))!
    const stamp = { table: stamps!, slot: plan.slot }
    const editor: Editor = edit === 'matrix' ? new CellEditor(person, matrixContent(), stamp) : new TextTypist(person, stamp)
    // Each typist starts at a random moment and then keeps a steady rate, without drift.
    let next = performance.now() + Math.random() * interval
    const tick = () => {
      timers.delete(timer)
      if (!typing) return
      if (person.synced) {
        const sentAt = editor.edit()
        if (sentAt === null) problems.add(`the stamp table is full for typist ${plan.slot}`)
        else sends.push(sentAt, plan.recipients)
      }
      next += interval
      timer = setTimeout(tick, Math.max(0, next - performance.now()))
      timers.add(timer)
    }
    let timer = setTimeout(tick, next - performance.now())
    timers.add(timer)
  }
}

function tally(from: number, to: number, withLatencies: boolean): CrowdTally {
  const inside = (time: number) => time >= from && time < to
  const latencies: number[] = []
  let arrivalsInWindow = 0
  for (let index = 0; index < arrivals.length; index += 2) {
    const sentAt = arrivals[index]!
    const arrivedAt = arrivals[index + 1]!
    if (inside(sentAt)) latencies.push(arrivedAt - sentAt)
    if (inside(arrivedAt)) arrivalsInWindow += 1
  }
  let expected = 0
  for (let index = 0; index < sends.length; index += 2) if (inside(sends[index]!)) expected += sends[index + 1]!
  return {
    received: latencies.length,
    latencies: withLatencies ? Float64Array.from(latencies) : new Float64Array(0),
    arrivalsInWindow,
    expected,
    delayP99Ms: delay.percentile(99) / 1e6,
    problems: problems.count,
    problemExamples: [...problems.examples],
  }
}

async function handle(request: CrowdRequest): Promise<unknown> {
  switch (request.kind) {
    case 'stamps':
      stamps = new StampTable(request.buffer, request.typists)
      return null
    case 'join': {
      if (!stamps) throw new Error('The stamp table comes before anyone joins.')
      const table = stamps
      const joined = request.seats.map((seat) => {
        const person = connectPerson({ id: seat.id, index: seat.index, documentName: seat.document, endpoint: request.endpoint, problems })
        people.set(seatKey(seat.document, seat.seat), person)
        observeDeliveries(person, table, (sentAt, now) => arrivals.push(sentAt, now))
        return person
      })
      await Promise.all(joined.map((person) => person.whenSynced(request.timeoutMs)))
      return null
    }
    case 'write-matrix':
      // The first person on a matrix document writes the whole matrix, as an import would.
      for (const document of request.documents) writeMatrix(people.get(seatKey(document, 0))!.doc)
      return null
    case 'has-matrix':
      return [...people.values()].every((person) => person.doc.getMap('expectations').size >= matrixContent().cells.length)
    case 'type':
      startTyping(request.typists, request.editsPerSecond, request.edit)
      return null
    case 'window-start':
      delay = monitorEventLoopDelay({ resolution: 5 })
      delay.enable()
      return null
    case 'window-end':
      delay.disable()
      return null
    case 'stop-typing':
      typing = false
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return null
    case 'tally':
      return tally(request.from, request.to, request.withLatencies)
    case 'leave':
      for (const person of people.values()) person.destroy()
      people.clear()
      return null
  }
}

parentPort!.on('message', (request: CrowdRequest) => {
  handle(request).then(
    (result) => parentPort!.postMessage({ id: request.id, result }),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
