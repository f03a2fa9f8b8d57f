/**
 * Reports the malformed entries a download skipped. The readers skip an entry that breaks
 * its document's model (written before the server enforced it) instead of failing; this is
 * how the skipping is told rather than silent. The downloader gets a count in the
 * `X-Studio-Skipped-Entries` header; the log gets one warning per document naming the
 * entries, once for each distinct set, so an export taken every minute does not repeat it
 * forever. The entries are listed on the same copy the reader read, so the count is exactly
 * what that download left out.
 */
import { skippedEntriesHeader } from '@studio/contract'
import { describeMalformedEntry, documentModelFor, listMalformedEntries, type MalformedEntry, type MalformedEntryOptions } from '@studio/framework'
import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import { createHash } from 'node:crypto'
import type * as Y from 'yjs'
import type { ServerChanges } from './server-changes.ts'

export interface SkippedEntries {
  document: string
  entries: MalformedEntry[]
}

/** How many entries a log line names; the count says how many there are in all. */
const namedInLog = 20
/** Sets remembered per document (a calendar file reports one meeting's part of the index, my actions all of it). */
const setsRemembered = 16

/**
 * One per group of routes: it remembers the sets it logged for each document it reads, so
 * each distinct set is logged once (a set only changes when someone repairs an entry).
 */
export class SkippedEntriesReporter {
  private readonly log: FastifyBaseLogger
  private readonly serverChanges: ServerChanges
  private readonly logged = new Map<string, Set<string>>()

  constructor(log: FastifyBaseLogger, serverChanges: ServerChanges) {
    this.log = log
    this.serverChanges = serverChanges
  }

  /** A download of one document: reads it with `reader` and tells what was skipped. */
  async read<T>(reply: FastifyReply, document: string, reader: (doc: Y.Doc) => T, options: MalformedEntryOptions = {}): Promise<T> {
    const { value, skipped } = await this.readListing(document, reader, options)
    this.tell(reply, [skipped])
    return value
  }

  /** Reads a copy of the document with `reader`, and lists its malformed entries on that same copy (for a download of several). */
  readListing<T>(document: string, reader: (doc: Y.Doc) => T, options: MalformedEntryOptions = {}): Promise<{ value: T; skipped: SkippedEntries }> {
    const model = documentModelFor(document)
    return this.serverChanges.read(document, (doc) => ({
      value: reader(doc),
      skipped: { document, entries: model ? listMalformedEntries(doc, model, options) : [] },
    }))
  }

  /** Sets the header on `reply` (the total over `skipped`) and logs each document's set if it is new. */
  tell(reply: FastifyReply, skipped: SkippedEntries[]): void {
    let count = 0
    for (const { document, entries } of skipped) {
      count += entries.length
      this.logOnce(document, entries)
    }
    reply.header(skippedEntriesHeader, String(count))
  }

  private logOnce(document: string, entries: MalformedEntry[]): void {
    // Nothing skipped says nothing about the rest of the document (a calendar file reads one meeting of the index).
    if (entries.length === 0) return
    const lines = entries.map(describeMalformedEntry)
    // The lister returns entries in path order, so the same set always gives the same digest.
    const fingerprint = createHash('sha256').update(lines.join('\n')).digest('base64')
    let sets = this.logged.get(document)
    if (sets?.has(fingerprint)) return
    if (!sets || sets.size >= setsRemembered) this.logged.set(document, (sets = new Set()))
    sets.add(fingerprint)
    this.log.warn(
      { document, skippedEntries: entries.length, entries: lines.slice(0, namedInLog) },
      'a download skipped malformed entries of a document (written before the server checked the document model); an organiser can repair the matrix with a replace import',
    )
  }
}
