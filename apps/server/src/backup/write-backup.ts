/**
 * Writes one backup archive of the configured store (backup-format.ts): every table read
 * in one snapshot (store-snapshot.ts), streamed through gzip into `<file>.partial`, which
 * is renamed into place only once complete, so a crash never leaves a file that looks
 * like a backup.
 */
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { StoreOptions } from '../store/database.ts'
import { archiveFormat, archiveVersion, backedUpTables, encodeRow, sha256, studioVersion, type Manifest } from './backup-format.ts'
import { openSnapshot, type StoreSnapshot } from './store-snapshot.ts'

export interface WrittenBackup {
  file: string
  manifest: Manifest
}

export async function writeBackup(store: Pick<StoreOptions, 'dataDir' | 'databaseUrl'>, file: string, now: Date = new Date()): Promise<WrittenBackup> {
  const snapshot = await openSnapshot(store)
  const partial = `${file}.partial`
  try {
    const manifest: Manifest = {
      format: archiveFormat, version: archiveVersion, studioVersion: studioVersion(),
      store: snapshot.dialect, createdAt: now.toISOString(), tables: {},
    }
    await pipeline(Readable.from(archiveLines(snapshot, manifest)), createGzip(), createWriteStream(partial, { mode: 0o600 }))
    await rename(partial, file)
    return { file, manifest }
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  } finally {
    await snapshot.close()
  }
}

/** The archive's text, line by line; fills in `manifest.tables` as it goes. */
async function* archiveLines(snapshot: StoreSnapshot, manifest: Manifest): AsyncGenerator<string> {
  const whole = sha256()
  const emit = (value: unknown): string => {
    const line = `${JSON.stringify(value)}\n`
    whole.update(line)
    return line
  }
  const { tables: _, ...header } = manifest
  yield emit({ header })
  for (const table of backedUpTables) {
    yield emit({ table: table.name })
    const checksum = sha256()
    let rows = 0
    for await (const row of snapshot.rows(table)) {
      const line = emit({ row: encodeRow(table, row) })
      checksum.update(line)
      rows++
      yield line
    }
    const summary = { rows, sha256: checksum.digest('hex') }
    manifest.tables[table.name] = summary
    yield emit({ end: table.name, ...summary })
  }
  yield `${JSON.stringify({ manifest, sha256: whole.digest('hex') })}\n`
}
