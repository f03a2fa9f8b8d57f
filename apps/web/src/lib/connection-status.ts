/**
 * What the connection indicator says, decided from plain facts so it can be tested
 * without a socket. The provider retries quickly after a drop, so a few failed attempts
 * read as "Reconnecting…" before the app admits to being offline; flipping on every
 * attempt would make the status region chatter at screen-reader users.
 */
export type ConnectionStatus = 'connected' | 'connecting' | 'offline'

export interface ConnectionFacts {
  /** The shared socket's own status, as the Hocuspocus provider reports it. */
  socket: 'connected' | 'connecting' | 'disconnected'
  /** navigator.onLine: false means the device has no network at all. */
  browserOnline: boolean
  /** The socket stopped for good (access revoked, signed out); it will not retry. */
  stopped: boolean
  /** Closes since the last successful connection, the drop itself included. */
  closesSinceConnected: number
}

/** Closes (the drop plus failed retries) after which "Reconnecting…" becomes "Offline". */
export const closesBeforeOffline = 3

export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (!facts.browserOnline || facts.stopped) return 'offline'
  if (facts.socket === 'connected') return 'connected'
  return facts.closesSinceConnected >= closesBeforeOffline ? 'offline' : 'connecting'
}

export interface ConnectionLabel {
  /** The indicator's data-state attribute. */
  state: 'connected' | 'reconnecting' | 'offline'
  text: string
}

export function connectionLabel(status: ConnectionStatus, unsyncedChanges: number): ConnectionLabel {
  if (status === 'connected') return { state: 'connected', text: 'Connected' }
  if (status === 'connecting') return { state: 'reconnecting', text: 'Reconnecting…' }
  const edits = unsyncedChanges === 1 ? 'edit' : 'edits'
  return { state: 'offline', text: `Offline – ${unsyncedChanges} unsynced ${edits}` }
}
