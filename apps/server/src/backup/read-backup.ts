/**
 * Reads a backup archive back (backup-format.ts): `verifyArchive` checks it whole (format,
 * version, every table's row count and checksum, the archive's own checksum) before
 * anything is written; `archiveRows` then streams its rows table by table.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { archiveFormat, archiveVersion, backedUpTables, sha256, type ArchiveHeader, type Manifest } from './backup-format.ts'

/** An archive that cannot be restored; the message says why. */
export class ArchiveError extends Error {
  override name = 'ArchiveError'
}

interface Line {
  text: string
  value: Record<string, unknown>
}

async function* archiveLines(file: string): AsyncGenerator<Line> {
  const gunzip = createGunzip()
  const input = createReadStream(file)
  input.on('error', (error) => gunzip.destroy(error))
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity })
  let number = 0
  try {
    for await (const text of lines) {
      number++
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        throw new ArchiveError(`${file} is damaged: line ${number} is not JSON.`)
      }
      if (typeof value !== 'object' || value === null) throw new ArchiveError(`${file} is damaged: line ${number} is not an archive line.`)
      yield { text: `${text}\n`, value: value as Record<string, unknown> }
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new ArchiveError(`${file} does not exist.`)
    if (code?.startsWith('Z_')) throw new ArchiveError(`${file} is not a readable gzip archive (${(error as Error).message}).`)
    throw error
  }
}

/** Checks the whole archive and returns its manifest; throws ArchiveError saying what is wrong. */
export async function verifyArchive(file: string): Promise<Manifest> {
  const whole = sha256()
  let header: ArchiveHeader | undefined
  let table: { name: string; rows: number; checksum: ReturnType<typeof sha256> } | undefined
  const seen: Record<string, { rows: number; sha256: string }> = {}
  for await (const { text, value } of archiveLines(file)) {
    if ('manifest' in value) {
      const manifest = value.manifest as Manifest
      if (!header || table) throw new ArchiveError(`${file} is damaged: the manifest comes before the archive is complete.`)
      if (value.sha256 !== whole.digest('hex')) throw new ArchiveError(`${file} is damaged: its checksum does not match its contents.`)
      for (const { name } of backedUpTables) {
        // A table added since the archive was made (in neither its rows nor its manifest) restores empty.
        if (!seen[name] && !(name in manifest.tables)) continue
        if (!seen[name] || manifest.tables[name]?.rows !== seen[name].rows || manifest.tables[name]?.sha256 !== seen[name].sha256) {
          throw new ArchiveError(`${file} is damaged: table ${name} does not match the manifest.`)
        }
      }
      return manifest
    }
    whole.update(text)
    if (!header) {
      header = value.header as ArchiveHeader | undefined
      if (header?.format !== archiveFormat) throw new ArchiveError(`${file} is not a Working Group Studio backup.`)
      if (header.version !== archiveVersion) {
        throw new ArchiveError(`${file} is archive format version ${header.version}; this studio reads version ${archiveVersion}. Restore it with a studio of version ${header.studioVersion}.`)
      }
    } else if (typeof value.table === 'string') {
      table = { name: value.table, rows: 0, checksum: sha256() }
    } else if ('row' in value && table) {
      table.rows++
      table.checksum.update(text)
    } else if (typeof value.end === 'string' && table?.name === value.end) {
      const summary = { rows: table.rows, sha256: table.checksum.digest('hex') }
      if (value.rows !== summary.rows || value.sha256 !== summary.sha256) {
        throw new ArchiveError(`${file} is damaged: table ${table.name}'s checksum does not match its rows.`)
      }
      seen[table.name] = summary
      table = undefined
    } else {
      throw new ArchiveError(`${file} is damaged: an unexpected line in ${table ? `table ${table.name}` : 'the archive'}.`)
    }
  }
  throw new ArchiveError(`${file} is incomplete: it ends before its manifest (was it copied while still being written?).`)
}

/** The rows of each table, in archive order. Call verifyArchive first. */
export async function* archiveRows(file: string): AsyncGenerator<{ table: string; row: Record<string, unknown> }> {
  let table = ''
  for await (const { value } of archiveLines(file)) {
    if (typeof value.table === 'string') table = value.table
    else if ('row' in value) yield { table, row: value.row as Record<string, unknown> }
  }
}
