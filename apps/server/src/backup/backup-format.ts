/**
 * The backup archive (docs/backup-format.md): gzip'd NDJSON, one JSON value a line. A
 * header, then each table's rows between a `table` line and an `end` line carrying its
 * row count and checksum, then a manifest repeating the counts and checksums with one for
 * the whole archive. Version 1. A reader refuses any other format name or version.
 */
import { createHash, type Hash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Dialect } from '../store/migrations.ts'

export const archiveFormat = 'working-group-studio-backup'
export const archiveVersion = 1

/**
 * Every table the archive holds, in the order a restore inserts them: members first, since
 * most tables refer to them. `key` orders each table's rows (the update log by id, so a
 * restored log replays in order; comments threads before replies, which refer to them).
 */
export interface BackedUpTable {
  name: string
  orderBy: string
  /** Binary columns, written as base64 strings. */
  binary?: readonly string[]
  /** Keys PostgreSQL generates (identity columns): a restore supplies them and moves the sequence on. */
  identity?: string
}

export const backedUpTables: readonly BackedUpTable[] = [
  { name: 'members', orderBy: 'id' },
  { name: 'settings', orderBy: 'key' },
  { name: 'setup_tokens', orderBy: 'token_hash' },
  { name: 'invites', orderBy: 'id' },
  { name: 'email_confirmations', orderBy: 'token_hash' },
  { name: 'attachments', orderBy: 'member_id', binary: ['data'] },
  { name: 'audit_log', orderBy: 'id', identity: 'id' },
  { name: 'seeds', orderBy: 'document' },
  { name: 'documents', orderBy: 'name', binary: ['state'] },
  { name: 'document_updates', orderBy: 'id', binary: ['payload'], identity: 'id' },
  { name: 'document_versions', orderBy: 'id', binary: ['state'] },
  { name: 'document_pending_authors', orderBy: 'document, author_id' },
  { name: 'document_visits', orderBy: 'member_id, document' },
  { name: 'comments', orderBy: '(reply_to IS NOT NULL), created_at, id' },
  { name: 'meeting_participants', orderBy: 'meeting_id, member_id' },
  { name: 'notifications', orderBy: 'id' },
  { name: 'notification_mails', orderBy: 'id' },
  { name: 'unsubscribe_tokens', orderBy: 'token_hash' },
  { name: 'releases', orderBy: 'id' },
  { name: 'rounds', orderBy: 'id' },
  { name: 'reviewer_accounts', orderBy: 'id' },
  { name: 'round_reviewers', orderBy: 'round_id, email' },
  { name: 'round_comments', orderBy: 'id' },
  { name: 'assessment_settings', orderBy: 'member_id' },
  { name: 'assessment_feedback', orderBy: 'id' },

  { name: 'proposals', orderBy: 'id' },
  { name: 'proposal_responses', orderBy: 'proposal_id, member_id' },
]

/**
 * Left out, with why (docs/backup-format.md): sessions and password-reset links are live
 * credentials that must not travel in a file; the search tables are rebuilt from the
 * documents and comments when the restored studio starts. Sign-in attempt counters live in
 * memory or Redis, never in the store.
 */
export const leftOutTables: Readonly<Record<string, string>> = {
  sessions: 'live sign-in credentials; everyone signs in again after a restore',
  password_resets: 'live one-hour password-reset links',
  reviewer_sessions: 'outside reviewers\' live sign-in credentials; they sign in again after a restore',
  search_entries: 'rebuilt from documents and comments when the studio starts',
  search_sources: 'rebuilt with search_entries',
}

export interface ArchiveHeader {
  format: string
  version: number
  studioVersion: string
  store: Dialect
  createdAt: string
}

export interface TableSummary {
  rows: number
  /** sha256 of the table's row lines, each with its newline. */
  sha256: string
}

export interface Manifest extends ArchiveHeader {
  tables: Record<string, TableSummary>
}

/** The archive's lines, one of these each. */
export type ArchiveLine =
  | { header: ArchiveHeader }
  | { table: string }
  | { row: Record<string, unknown> }
  | { end: string; rows: number; sha256: string }
  | { manifest: Manifest; sha256: string }

export function studioVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return packageJson.version
}

export function sha256(): Hash {
  return createHash('sha256')
}

/** A stored row as it is written: binary columns as base64. */
export function encodeRow(table: BackedUpTable, row: Record<string, unknown>): Record<string, unknown> {
  if (!table.binary) return { ...row }
  const encoded = { ...row }
  for (const column of table.binary) {
    const value = row[column]
    if (value instanceof Uint8Array) encoded[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
  }
  return encoded
}

/** An archived row as either store takes it: base64 back to bytes. */
export function decodeRow(table: BackedUpTable, row: Record<string, unknown>): Record<string, unknown> {
  if (!table.binary) return row
  const decoded = { ...row }
  for (const column of table.binary) {
    const value = row[column]
    if (typeof value === 'string') decoded[column] = Buffer.from(value, 'base64')
  }
  return decoded
}
