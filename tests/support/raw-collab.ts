/**
 * A raw WebSocket speaking the Hocuspocus protocol by hand, as an attacker would: frames are
 * built byte by byte (lib0's variable-length integers and strings), so a test can send what no
 * provider would (thousands of document names, another client's awareness entry) and read
 * the server's replies without a provider interpreting them.
 */
import WebSocket from 'ws'

/** Hocuspocus message types (`MessageType` in @hocuspocus/server) and auth subtypes. */
export const FrameType = { Sync: 0, Awareness: 1, Auth: 2, Close: 7 } as const
const authToken = 0
const authAuthenticated = 2
const syncStep1 = 0

class FrameWriter {
  private readonly bytes: number[] = []

  varUint(value: number): this {
    let rest = value
    while (rest > 0x7f) {
      this.bytes.push(0x80 | (rest & 0x7f))
      rest = Math.floor(rest / 128)
    }
    this.bytes.push(rest)
    return this
  }

  varBytes(data: Uint8Array): this {
    this.varUint(data.length)
    for (const byte of data) this.bytes.push(byte)
    return this
  }

  varString(text: string): this {
    return this.varBytes(new TextEncoder().encode(text))
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes)
  }
}

class FrameReader {
  private offset = 0
  private readonly data: Uint8Array

  constructor(data: Uint8Array) {
    this.data = data
  }

  varUint(): number {
    let value = 0
    let scale = 1
    for (;;) {
      const byte = this.data[this.offset++]
      if (byte === undefined) throw new Error('frame ended early')
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
      scale *= 128
    }
  }

  varString(): string {
    const length = this.varUint()
    const text = new TextDecoder().decode(this.data.subarray(this.offset, this.offset + length))
    this.offset += length
    return text
  }
}

/** Asks for a document: the token is a formality, the session cookie on the upgrade is the credential. */
export const authFrame = (documentName: string) =>
  new FrameWriter().varString(documentName).varUint(FrameType.Auth).varUint(authToken).varString('session').done()

/** Sync step 1 from an empty document (its state vector is a single zero). */
export const syncStep1Frame = (documentName: string) =>
  new FrameWriter().varString(documentName).varUint(FrameType.Sync).varUint(syncStep1).varBytes(Uint8Array.of(0)).done()

/** An awareness update (as y-protocols encodes it) for a document. */
export const awarenessFrame = (documentName: string, update: Uint8Array) =>
  new FrameWriter().varString(documentName).varUint(FrameType.Awareness).varBytes(update).done()

/** An awareness update as y-protocols encodes it: for each entry its client id, clock and state as JSON. */
export function awarenessUpdate(entries: ReadonlyArray<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const writer = new FrameWriter().varUint(entries.length)
  for (const entry of entries) writer.varUint(entry.clientId).varUint(entry.clock).varString(JSON.stringify(entry.state))
  return writer.done()
}

/** What a server frame is: its document, its type, whether it says "authenticated", and a sync frame's step (0, 1, or 2 for an update). */
export function readServerFrame(data: Uint8Array): { documentName: string; type: number; authenticated: boolean; syncStep: number | null } {
  const reader = new FrameReader(data)
  const documentName = reader.varString()
  const type = reader.varUint()
  const subtype = type === FrameType.Auth || type === FrameType.Sync ? reader.varUint() : null
  return { documentName, type, authenticated: type === FrameType.Auth && subtype === authAuthenticated, syncStep: type === FrameType.Sync ? subtype : null }
}

export interface RawCollabSocket {
  socket: WebSocket
  /** Names the server said this socket is authenticated for. */
  authenticated: Set<string>
  /** The close code, once closed. */
  closeCode: number | null
  send(frame: Uint8Array): void
  close(): Promise<void>
}

/** Opens `/collab` with the session cookie and the studio's Origin, as a browser would. */
export async function openRawCollab(baseUrl: string, cookie: string): Promise<RawCollabSocket> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab`, { headers: { cookie, origin: new URL(baseUrl).origin } })
  const raw: RawCollabSocket = {
    socket,
    authenticated: new Set(),
    closeCode: null,
    send: (frame) => socket.send(frame),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve()
        socket.once('close', () => resolve())
        socket.close()
      }),
  }
  socket.on('message', (data: Buffer) => {
    const frame = readServerFrame(new Uint8Array(data))
    if (frame.authenticated) raw.authenticated.add(frame.documentName)
  })
  socket.on('close', (code) => (raw.closeCode = code))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)))
  })
  return raw
}
