/**
 * Presence carries only what the server vouches for. Every awareness update a connection
 * sends is cut down before it is applied and relayed (to the other sockets and, through
 * Redis, to the other instances): it keeps only the entry of the client id that connection
 * owns, so no one can overwrite someone else's entry, and that entry's identity (member id,
 * name and role in `presence`, the caret's `user.name`) is replaced with the session's.
 *
 * A connection owns the first client id it publishes that is not already someone else's.
 * Hocuspocus hands `beforeHandleAwareness` the update decoded into a scratch awareness,
 * which adds an empty entry of its own; `beforeHandleMessage` reads which ids the client
 * actually sent, so that entry is never mistaken for the client's.
 */
import { MessageType, type Connection, type Document, type Extension, type beforeHandleAwarenessPayload, type beforeHandleMessagePayload } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import type { CollabContext } from './websocket-gate.ts'

type Member = CollabContext['member']

export class VouchedPresenceExtension implements Extension {
  extensionName = 'VouchedPresence'
  // A gatekeeper: runs with access control, before anything else sees the update.
  priority = 200

  /** The client id each connection owns on its document. */
  private readonly owners = new WeakMap<Connection, number>()
  /** The ids the client put in the awareness message being handled on that connection. */
  private readonly sentIds = new WeakMap<Connection, ReadonlySet<number>>()

  async beforeHandleMessage({ connection, update }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    const sent = awarenessClientIds(update)
    if (sent) this.sentIds.set(connection, sent)
  }

  async beforeHandleAwareness({ connection, context, document, states }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    // From Redis (vouched for by the instance the client is on) or from the studio itself.
    if (!connection || !context) return
    const sent = this.sentIds.get(connection) ?? new Set<number>()
    this.sentIds.delete(connection)
    for (const [clientId, state] of [...states]) {
      if (sent.has(clientId) && this.owns(connection, document, clientId)) {
        states.set(clientId, vouchedState(state, context.member))
      } else {
        states.delete(clientId)
      }
    }
  }

  /** Whether the connection owns `clientId`, claiming it when the connection owns none yet. */
  private owns(connection: Connection, document: Document, clientId: number): boolean {
    const owned = this.owners.get(connection)
    if (owned !== undefined) return owned === clientId
    // An entry already there belongs to another socket, here or on another instance.
    if (document.awareness.getStates().has(clientId)) return false
    for (const other of document.getConnections()) {
      if (other !== connection && this.owners.get(other) === clientId) return false
    }
    this.owners.set(connection, clientId)
    return true
  }
}

/**
 * A client's awareness state with the identity the session vouches for. `presence` and
 * the caret's `user` keep their other fields (colour, zone, idle, attendance); a client
 * that publishes neither is not made to appear, and a field that is not an object is dropped.
 */
export function vouchedState(state: unknown, member: Member): Record<string, unknown> {
  const vouched: Record<string, unknown> = isRecord(state) ? { ...state } : {}
  if (isRecord(vouched.presence)) {
    vouched.presence = { ...vouched.presence, memberId: member.id, name: member.name, role: member.role }
  } else {
    delete vouched.presence
  }
  if (isRecord(vouched.user)) vouched.user = { ...vouched.user, name: member.name }
  else delete vouched.user
  return vouched
}

/** The client ids in an awareness message, or null when the message is something else. */
function awarenessClientIds(message: Uint8Array): Set<number> | null {
  try {
    const decoder = decoding.createDecoder(message)
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return null
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const ids = new Set<number>()
    for (let entries = decoding.readVarUint(update); entries > 0; entries--) {
      ids.add(decoding.readVarUint(update))
      decoding.readVarUint(update) // clock
      decoding.readVarString(update) // state, as JSON
    }
    return ids
  } catch {
    // Undecodable: nothing from it is kept, and Hocuspocus refuses the message itself.
    return new Set()
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
