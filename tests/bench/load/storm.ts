/**
 * The reconnect storm: `people` people spread over `documents` documents, each with some
 * notes in it, all connect in the same instant; once everyone is in sync, everyone's socket
 * is cut at once (the room's Wi-Fi dropping) and the clients reconnect by themselves. For
 * both waves: how long until everyone is in sync again, and every client-side error
 * (refused or failed sockets, closes nobody asked for, people never back in sync).
 *
 * The reconnect time is counted from the drop, and also from the first new socket: the
 * client libraries wait before reconnecting (Hocuspocus's provider about a second,
 * y-websocket's 100 ms), which is theirs, not the server's.
 */
import { connectPerson, Problems, type Person } from './people.ts'
import type { StormPlan } from './scenarios.ts'
import { startServer, type ServerKind } from './servers.ts'
import { TextTypist } from './stamps.ts'

export interface StormResult {
  server: ServerKind
  people: number
  joinMs: number
  reconnectMs: number
  reconnectFromFirstSocketMs: number
  errors: number
  examples: string[]
}

const stormTimeoutMs = 60_000
const notesPerDocument = 2000

export async function runStorm(plan: StormPlan, kind: ServerKind, runId: string, members: number): Promise<StormResult> {
  const server = await startServer(kind, { members, people: plan.people + plan.documents })
  const problems = new Problems()
  const writers: Person[] = []
  const crowd: Person[] = []
  let errors = 0
  try {
    // One writer per document puts notes in it and stays, so every server holds the same content.
    for (let d = 0; d < plan.documents; d++) {
      const writer = connectPerson({ id: `writer-${d}`, index: d, documentName: `meeting:storm-${runId}-${d + 1}`, endpoint: server.endpoint, problems })
      writers.push(writer)
      await writer.whenSynced(stormTimeoutMs)
      const typist = new TextTypist(writer)
      writer.doc.transact(() => {
        for (let key = 0; key < notesPerDocument; key++) typist.edit()
      })
    }
    await Promise.all(writers.map((writer) => writer.whenSynced(stormTimeoutMs)))

    const joinStarted = performance.now()
    for (let index = 0; index < plan.people; index++) {
      const documentName = writers[index % plan.documents]!.documentName
      crowd.push(connectPerson({ id: `p${index + 1}`, index, documentName, endpoint: server.endpoint, problems }))
    }
    errors += await allSynced(crowd)
    const joinMs = performance.now() - joinStarted

    const dropped = performance.now()
    for (const person of crowd) person.dropConnection()
    errors += await allSynced(crowd)
    const everyoneBack = performance.now()
    // Each person's latest socket: the earliest of them is no earlier than the first reconnect.
    const firstNewSocket = Math.min(...crowd.map((person) => person.lastAttemptAt))
    return {
      server: kind,
      people: plan.people,
      joinMs,
      reconnectMs: everyoneBack - dropped,
      reconnectFromFirstSocketMs: everyoneBack - firstNewSocket,
      errors: errors + problems.count,
      examples: [...problems.examples],
    }
  } finally {
    for (const person of [...crowd, ...writers]) person.destroy()
    await server.stop()
  }
}

/** Waits for everyone to be in sync; returns how many never were within the timeout. */
async function allSynced(people: Person[]): Promise<number> {
  const outcomes = await Promise.allSettled(people.map((person) => person.whenSynced(stormTimeoutMs)))
  return outcomes.filter((outcome) => outcome.status === 'rejected').length
}
