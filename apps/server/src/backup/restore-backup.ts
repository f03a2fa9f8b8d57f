/**
 * Restores a backup archive into an empty store of either kind: the archive is checked
 * whole first (read-backup.ts), the store is migrated (openStore) and must hold nothing,
 * then every row goes in inside one transaction, so a failure leaves the store as empty
 * as it was. Types need no conversion beyond binary columns: both stores keep times as
 * ISO text, booleans as 0/1 integers and JSON as text (store/schema.ts).
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import { openStore, type StoreOptions } from '../store/database.ts'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import { backedUpTables, decodeRow, leftOutTables, type BackedUpTable, type Manifest } from './backup-format.ts'
import { archiveRows, ArchiveError, verifyArchive } from './read-backup.ts'

export { ArchiveError }

/** Rows per INSERT: well under either store's limit on bound values. */
const insertBatchRows = 200

export interface RestoreResult {
  manifest: Manifest
  rows: number
}

export async function restoreBackup(file: string, target: Pick<StoreOptions, 'dataDir' | 'databaseUrl'>): Promise<RestoreResult> {
  const manifest = await verifyArchive(file)
  const store = await openStore(target)
  try {
    const occupied = await occupiedTables(store.db)
    if (occupied.length > 0) {
      throw new ArchiveError(`The target store is not empty (${occupied.join(', ')} hold rows): restore only into a new, empty store. Nothing was written.`)
    }
    const rows = await store.db.transaction().execute((trx) => insertAll(trx, store.dialect, file))
    return { manifest, rows }
  } finally {
    await store.close()
  }
}

export async function occupiedTables(db: Kysely<Database>): Promise<string[]> {
  const names = [...backedUpTables.map((table) => table.name), ...Object.keys(leftOutTables).filter((name) => name !== 'search_entries')]
  const occupied: string[] = []
  for (const name of names) {
    const result = await sql<{ found: number }>`SELECT 1 AS found FROM ${sql.table(name)} LIMIT 1`.execute(db)
    if (result.rows.length > 0) occupied.push(name)
  }
  return occupied
}

async function insertAll(trx: Transaction<Database>, dialect: Dialect, file: string): Promise<number> {
  const tables = new Map(backedUpTables.map((table) => [table.name, table]))
  let batch: Record<string, unknown>[] = []
  let batchTable: BackedUpTable | undefined
  let total = 0
  const flush = async () => {
    if (batchTable && batch.length > 0) await insertRows(trx, dialect, batchTable, batch)
    total += batch.length
    batch = []
  }
  for await (const { table, row } of archiveRows(file)) {
    if (batchTable?.name !== table || batch.length >= insertBatchRows) await flush()
    batchTable = tables.get(table)
    if (!batchTable) throw new ArchiveError(`${file} holds table ${table}, which this studio does not know.`)
    batch.push(decodeRow(batchTable, row))
  }
  await flush()
  if (dialect === 'postgres') {
    // Identity columns were given their archived values: move each sequence past them.
    for (const table of backedUpTables.filter((t) => t.identity)) {
      await sql`SELECT setval(pg_get_serial_sequence(${table.name}, ${table.identity!}), COALESCE((SELECT max(${sql.ref(table.identity!)}) FROM ${sql.table(table.name)}), 0) + 1, false)`.execute(trx)
    }
  }
  return total
}

async function insertRows(trx: Transaction<Database>, dialect: Dialect, table: BackedUpTable, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0]!)
  const values = rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`)
  // PostgreSQL generates identity keys itself unless told to keep the ones given.
  const overriding = dialect === 'postgres' && table.identity ? sql` OVERRIDING SYSTEM VALUE` : sql``
  await sql`INSERT INTO ${sql.table(table.name)} (${sql.join(columns.map((column) => sql.ref(column)))})${overriding} VALUES ${sql.join(values)}`.execute(trx)
}
