/**
 * Checks a restored store against the archive it came from (`pnpm studio migrate`): every
 * table's row count and row hash, and every document's content. Row hashes do not depend
 * on order (each row is hashed with its keys sorted, binary as base64, and the sorted row
 * hashes are hashed), since the two stores sort text differently. A document's content is
 * compared as its Yjs snapshot: the same items inserted and the same deleted means the
 * same content, whatever order the store replays them in.
 */
import * as Y from 'yjs'
import { openStore, type StoreOptions } from '../store/database.ts'
import { loadDocumentInto } from '../store/update-log.ts'
import { backedUpTables, decodeRow, encodeRow, sha256 } from './backup-format.ts'
import { archiveRows } from './read-backup.ts'
import { openSnapshot } from './store-snapshot.ts'

export interface TableCheck {
  table: string
  archived: number
  copied: number
  hashesMatch: boolean
}

export interface DocumentCheck {
  document: string
  contentMatches: boolean
}

export interface CopyCheck {
  tables: TableCheck[]
  documents: DocumentCheck[]
  ok: boolean
}

class RowDigest {
  private readonly hashes: string[] = []
  add(encoded: Record<string, unknown>): void {
    const canonical = JSON.stringify(Object.keys(encoded).sort().map((key) => [key, encoded[key]]))
    this.hashes.push(sha256().update(canonical).digest('hex'))
  }
  get rows(): number {
    return this.hashes.length
  }
  digest(): string {
    return sha256().update(this.hashes.sort().join('\n')).digest('hex')
  }
}

export async function verifyCopy(file: string, target: Pick<StoreOptions, 'dataDir' | 'databaseUrl'>): Promise<CopyCheck> {
  const archived = new Map(backedUpTables.map((table) => [table.name, new RowDigest()]))
  const tables = new Map(backedUpTables.map((table) => [table.name, table]))
  // Each archived document rebuilt as the store would load it: its state, then its log in order.
  const archivedDocuments = new Map<string, Y.Doc>()
  const documentOf = (name: string) => archivedDocuments.get(name) ?? archivedDocuments.set(name, new Y.Doc({ gc: false })).get(name)!
  for await (const { table, row } of archiveRows(file)) {
    archived.get(table)?.add(row)
    if (table === 'documents') Y.applyUpdate(documentOf(row.name as string), decodeRow(tables.get(table)!, row).state as Uint8Array)
    if (table === 'document_updates') Y.applyUpdate(documentOf(row.document as string), decodeRow(tables.get(table)!, row).payload as Uint8Array)
  }

  const snapshot = await openSnapshot(target)
  const tableChecks: TableCheck[] = []
  try {
    for (const table of backedUpTables) {
      const copied = new RowDigest()
      for await (const row of snapshot.rows(table)) copied.add(encodeRow(table, row))
      const source = archived.get(table.name)!
      tableChecks.push({ table: table.name, archived: source.rows, copied: copied.rows, hashesMatch: source.digest() === copied.digest() })
    }
  } finally {
    await snapshot.close()
  }

  const store = await openStore(target)
  const documentChecks: DocumentCheck[] = []
  try {
    for (const [document, expected] of [...archivedDocuments].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const copied = new Y.Doc({ gc: false })
      await loadDocumentInto(store, document, copied)
      documentChecks.push({ document, contentMatches: Y.equalSnapshots(Y.snapshot(expected), Y.snapshot(copied)) })
    }
  } finally {
    await store.close()
  }
  const ok = tableChecks.every((check) => check.hashesMatch && check.archived === check.copied) && documentChecks.every((check) => check.contentMatches)
  return { tables: tableChecks, documents: documentChecks, ok }
}
