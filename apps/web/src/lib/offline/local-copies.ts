/**
 * Names and small records for the copies of documents this browser keeps for offline work.
 * Each member has their own copies: edits one person made offline must never reach the
 * server under the session of the next person who signs in on the same laptop, because the
 * server records who wrote every update.
 */

const prefix = 'studio'

/** The IndexedDB database holding `memberId`'s copy of `documentName`. */
export function localCopyName(memberId: string, documentName: string): string {
  return `${prefix}:${memberId}:${documentName}`
}

/** True for the names of `memberId`'s copies (and only theirs). */
export function isLocalCopyOf(memberId: string, databaseName: string): boolean {
  return databaseName.startsWith(`${prefix}:${memberId}:`)
}

/** The localStorage key counting edits that had not reached the server when the page closed. */
export function waitingEditsKey(memberId: string, documentName: string): string {
  return `${prefix}:waiting-edits:${memberId}:${documentName}`
}

/** The keys of every waiting-edits count for `memberId`. */
export function isWaitingEditsKeyOf(memberId: string, key: string): boolean {
  return key.startsWith(`${prefix}:waiting-edits:${memberId}:`)
}

/** The document a waiting-edits key belongs to, or null for any other key. */
export function documentOfWaitingEditsKey(memberId: string, key: string): string | null {
  return isWaitingEditsKeyOf(memberId, key) ? key.slice(`${prefix}:waiting-edits:${memberId}:`.length) : null
}

/** A stored count, read defensively: storage is shared with other code and can hold anything. */
export function parseWaitingEdits(value: string | null): number {
  const count = Number(value)
  return Number.isSafeInteger(count) && count > 0 ? count : 0
}

/**
 * The localStorage key listing the documents `memberId` has copies of on this device. Once it
 * exists the list is complete (collab/local-copy.ts): a document not on it was never kept
 * here, and a page opening it has no copy to wait for.
 */
export function heldCopiesKey(memberId: string): string {
  return `${prefix}:held-copies:${memberId}`
}

/** A stored list, read defensively: null when there is none or it is not a list of names. */
export function parseHeldCopies(value: string | null): Set<string> | null {
  if (value === null) return null
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) && parsed.every((name) => typeof name === 'string') ? new Set(parsed) : null
  } catch {
    return null
  }
}
