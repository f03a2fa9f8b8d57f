/**
 * What the connection indicator says, decided from plain facts so it can be tested
 * without a socket. The provider retries quickly after a drop, so a few failed attempts
 * read as "Reconnecting…" before the app admits to being offline; flipping on every
 * attempt would make the status region chatter at screen-reader users.
 *
 * What is waiting is counted in documents, not in Yjs updates: one typed sentence is dozens
 * of updates, and "41 unsynced edits" for a sentence alarms more than it informs.
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

/** `documentsWaiting`: how many documents hold changes the studio has not received yet. */
export function connectionLabel(status: ConnectionStatus, documentsWaiting: number): ConnectionLabel {
  if (status === 'connected') return { state: 'connected', text: 'Connected' }
  if (status === 'connecting') return { state: 'reconnecting', text: 'Reconnecting…' }
  if (documentsWaiting === 0) return { state: 'offline', text: 'Offline – no unsent changes' }
  return { state: 'offline', text: `Offline – unsent changes in ${documentsPhrase(documentsWaiting)}` }
}

/** The question asked before signing out discards changes the studio has not received. */
export function unsentChangesWarning(documentsWaiting: number): string {
  return `Changes in ${documentsPhrase(documentsWaiting)} have not reached the studio yet. Signing out now discards them. Sign out anyway?`
}

function documentsPhrase(count: number): string {
  return count === 1 ? '1 document' : `${count} documents`
}
