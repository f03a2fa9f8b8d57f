/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port, that the
 * test may stop and start at will (the shared one on 5432 must never be touched). Built
 * from the binaries under /usr/lib/postgresql/<version>/bin; PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` user in a directory that user owns.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './studio.ts'

const run = promisify(execFile)

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  start(): Promise<void>
  /** A fast shutdown: open connections are ended, as in a restart. */
  stop(): Promise<void>
  dispose(): Promise<void>
}

/** Why a private PostgreSQL cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!findBinaries()) return 'no PostgreSQL binaries under /usr/lib/postgresql/*/bin (install postgresql to run this test)'
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser') && !existsSync('/usr/bin/runuser')) {
    return 'running as root without runuser, so PostgreSQL (which refuses root) cannot be started'
  }
  return null
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findBinaries()
  if (!bin) throw new Error(privatePostgresUnavailable()!)
  const root = await mkdtemp(path.join(tmpdir(), 'studio-private-pg-'))
  const asRoot = process.getuid?.() === 0
  const asPostgres = asRoot ? ['runuser', '-u', 'postgres', '--'] : []
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: group } = await run('id', ['-g', 'postgres'])
    await chown(root, Number(stdout.trim()), Number(group.trim()))
  }
  const pgCommand = async (tool: string, args: string[]) => {
    const [command, ...rest] = [...asPostgres, path.join(bin, tool), ...args]
    await run(command!, rest, { timeout: 60_000 })
  }
  const data = path.join(root, 'data')
  await pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`
  const start = () => pgCommand('pg_ctl', ['-D', data, '-l', path.join(root, 'server.log'), '-o', serverOptions, '-w', '-t', '30', 'start'])
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: () => pgCommand('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']),
    async dispose() {
      await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {})
      await rm(root, { recursive: true, force: true })
    },
  }
}

/** The newest installed version's bin directory holding initdb and pg_ctl. */
function findBinaries(): string | null {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base).filter((version) => existsSync(path.join(base, version, 'bin', 'pg_ctl')) && existsSync(path.join(base, version, 'bin', 'initdb')))
  versions.sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(base, versions[0], 'bin') : null
}
