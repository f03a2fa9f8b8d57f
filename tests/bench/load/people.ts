/**
 * Simulated people: each one a Y.Doc, a real client library and a socket of their own.
 * Studio and bare Hocuspocus people use @hocuspocus/provider (the studio's with a member's
 * session cookie and the studio's Origin, as a browser sends them); y-websocket people use
 * y-websocket's own WebsocketProvider with `disableBc: true`. Everyone publishes a small
 * presence (awareness) state, as the web app does.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Endpoint } from './servers.ts'

export interface Person {
  id: string
  documentName: string
  doc: Y.Doc
  readonly synced: boolean
  /** When this person's latest socket was opened (performance.now()). */
  readonly lastAttemptAt: number
  /** Resolves once the copy is in sync with the server (at once if it is); rejects after `timeoutMs`. */
  whenSynced(timeoutMs: number): Promise<void>
  /** Cuts the socket as a dropped network would; the client reconnects by itself. */
  dropConnection(): void
  destroy(): void
}

/**
 * Everything that went wrong on the client side: refused or failed sockets, closes nobody
 * asked for, a document the server closed under an open socket (the studio does that to
 * an update that breaks the document's model).
 */
export class Problems {
  count = 0
  readonly examples = new Set<string>()

  add(what: string): void {
    this.count += 1
    if (this.examples.size < 5) this.examples.add(what)
  }
}

export interface PersonOptions {
  id: string
  index: number
  documentName: string
  endpoint: Endpoint
  problems: Problems
}

export function connectPerson(options: PersonOptions): Person {
  return options.endpoint.protocol === 'hocuspocus' ? hocuspocusPerson(options, options.endpoint) : yWebsocketPerson(options, options.endpoint)
}

/** Sync state and its waiters, shared by both kinds of person. */
class SyncState {
  synced = false
  lastAttemptAt = 0
  private waiters: Array<() => void> = []

  set(synced: boolean): void {
    this.synced = synced
    if (!synced) return
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  wait(timeoutMs: number, who: string): Promise<void> {
    if (this.synced) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${who} did not sync within ${timeoutMs} ms`)), timeoutMs)
      this.waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}

/** A `ws` socket that sends the given headers and reports its failures. */
function socketClass(headers: Record<string, string>, state: SyncState, onError: (message: string) => void) {
  return class BenchSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers })
      state.lastAttemptAt = performance.now()
      this.on('error', (error) => onError(error.message))
    }
  }
}

/**
 * What a person is whichever client library connects them: their sync state, and whether a
 * close was their own doing (a drop or leaving) or the server's, which is a problem.
 */
class Connection {
  readonly state = new SyncState()
  private leaving = false
  private readonly options: PersonOptions

  constructor(options: PersonOptions) {
    this.options = options
  }

  socketClass(headers: Record<string, string>) {
    return socketClass(headers, this.state, (message) => this.options.problems.add(`socket error: ${message}`))
  }

  closed(event: { code: number; reason: string }): void {
    this.state.set(false)
    if (!this.leaving) this.options.problems.add(`closed by the server: ${event.code} ${event.reason}`)
    this.leaving = false
  }

  documentClosed(reason: string): void {
    if (!this.leaving) this.options.problems.add(`document closed by the server: ${reason}`)
  }

  person(doc: Y.Doc, socket: () => WebSocket | null, destroy: () => void): Person {
    const { state, options } = this
    return {
      id: options.id,
      documentName: options.documentName,
      doc,
      get synced() {
        return state.synced
      },
      get lastAttemptAt() {
        return state.lastAttemptAt
      },
      whenSynced: (timeoutMs) => state.wait(timeoutMs, options.id),
      dropConnection: () => {
        this.leaving = true
        state.set(false)
        socket()?.terminate()
      },
      destroy: () => {
        this.leaving = true
        destroy()
        doc.destroy()
      },
    }
  }
}

function hocuspocusPerson(options: PersonOptions, endpoint: Extract<Endpoint, { protocol: 'hocuspocus' }>): Person {
  const connection = new Connection(options)
  const cookie = endpoint.cookies.length > 0 ? endpoint.cookies[options.index % endpoint.cookies.length] : undefined
  const headers = { origin: endpoint.origin, ...(cookie ? { cookie } : {}) }
  const doc = new Y.Doc()
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: endpoint.url,
    WebSocketPolyfill: connection.socketClass(headers),
    maxAttempts: 0,
  })
  const provider = new HocuspocusProvider({ websocketProvider, name: options.documentName, document: doc, token: 'session' })
  provider.setAwarenessField('user', { name: options.id })
  provider.on('synced', ({ state: synced }: { state: boolean }) => connection.state.set(synced))
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => options.problems.add(`authentication failed: ${reason}`))
  websocketProvider.on('close', ({ event }: { event: { code: number; reason: string } }) => connection.closed(event))
  // The provider reports its socket's closes too; by then the socket's status says so.
  provider.on('close', ({ event }: { event: { reason: string } }) => {
    if (websocketProvider.status === WebSocketStatus.Connected) connection.documentClosed(event.reason)
  })
  provider.attach()
  return connection.person(doc, () => websocketProvider.webSocket as unknown as WebSocket | null, () => {
    provider.destroy()
    websocketProvider.destroy()
  })
}

function yWebsocketPerson(options: PersonOptions, endpoint: Extract<Endpoint, { protocol: 'y-websocket' }>): Person {
  const connection = new Connection(options)
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(endpoint.url, options.documentName, doc, {
    // y-websocket's types name the DOM WebSocket; `ws` is what it expects in Node.
    WebSocketPolyfill: connection.socketClass({}) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  provider.awareness.setLocalStateField('user', { name: options.id })
  provider.on('sync', (synced: boolean) => connection.state.set(synced))
  provider.on('connection-close', (event: { code: number; reason: string }) => connection.closed(event))
  return connection.person(doc, () => provider.ws as unknown as WebSocket | null, () => provider.destroy())
}

/** Connects `count` people to one document, `batch` at a time, each batch in sync before the next. */
export async function connectPeople(count: number, batch: number, make: (index: number) => Person, timeoutMs = 60_000): Promise<Person[]> {
  const people: Person[] = []
  for (let start = 0; start < count; start += batch) {
    const wave = Array.from({ length: Math.min(batch, count - start) }, (_, offset) => make(start + offset))
    people.push(...wave)
    await Promise.all(wave.map((person) => person.whenSynced(timeoutMs)))
  }
  return people
}
