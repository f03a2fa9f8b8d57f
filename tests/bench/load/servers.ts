/**
 * The three servers under test, each a child process of its own so that its CPU time and
 * memory can be read from /proc apart from the load generator's:
 *   studio       the real entry point (apps/server/src/main.ts), a fresh SQLite DATA_DIR, the
 *                durable log on, members created in the store and signed in over HTTP;
 *   hocuspocus   @hocuspocus/server's own Server with no extensions;
 *   y-websocket  y-websocket 1.5.4's reference server;
 * and, on request, diagnostics that split the studio's cost: Hocuspocus with only the
 * studio's durable log, bare Hocuspocus beside an idle studio, and the studio's
 * collaboration server alone in a process of its own.
 * Each is started with `--expose-gc` and servers/settle-hook.ts, so the bench can force a
 * garbage collection before reading memory; nothing else about them changes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { maxSocketsPerMember } from '@studio/server/collab/member-connections'
import { createSession, sessionCookieName } from '@studio/server/sessions/sessions'
import { openStore } from '@studio/server/store/database'
import { createMembers, signIn, type TestMember } from '../../support/members.ts'
import { freshStore, type StoreTarget } from '../../support/stores.ts'
import { freePort, repositoryRoot, studioEnv, waitFor } from '../../support/studio.ts'
import { cpuTimes } from './process-stats.ts'

export type ServerKind = 'studio' | 'hocuspocus' | 'y-websocket' | 'hocuspocus-log' | 'hocuspocus-beside-studio' | 'studio-collab-alone'
/** The servers a run compares by default. */
export const serverKinds: ServerKind[] = ['studio', 'hocuspocus', 'y-websocket']
/** Every server the bench can start: the three, and three diagnostics (servers/hocuspocus-with-log.ts, hocuspocus-beside-studio.ts, studio-collab-alone.ts). */
export const allServerKinds: ServerKind[] = [...serverKinds, 'hocuspocus-log', 'hocuspocus-beside-studio', 'studio-collab-alone']
export const serverLabels: Record<ServerKind, string> = {
  studio: 'studio',
  hocuspocus: 'bare Hocuspocus',
  'y-websocket': 'y-websocket',
  'hocuspocus-log': 'Hocuspocus + durable log',
  'hocuspocus-beside-studio': 'Hocuspocus beside an idle studio',
  'studio-collab-alone': "the studio's collaboration server alone",
}

const scripts: Record<Exclude<ServerKind, 'studio' | 'studio-collab-alone'>, string> = {
  hocuspocus: 'servers/bare-hocuspocus.ts',
  'y-websocket': 'servers/y-websocket.ts',
  'hocuspocus-log': 'servers/hocuspocus-with-log.ts',
  'hocuspocus-beside-studio': 'servers/hocuspocus-beside-studio.ts',
}

/** How a simulated person reaches a server: which client library, where, with what. */
export type Endpoint =
  | { protocol: 'hocuspocus'; url: string; origin: string; cookies: string[] }
  | { protocol: 'y-websocket'; url: string }

export interface ServerUnderTest {
  kind: ServerKind
  pid: number
  endpoint: Endpoint
  /** Documents the server holds in memory, where it says (the studio's /metrics); else null. */
  loadedDocuments(): Promise<number | null>
  /** Asks the server for a full garbage collection (SIGUSR2, see settle-hook.ts). */
  collectGarbage(): void
  /** process.memoryUsage() as the server last printed it after a collection. */
  lastMemoryUsage(): NodeJS.MemoryUsage | undefined
  stop(): Promise<void>
}

export interface StartOptions {
  /**
   * Members signed in to the studio; every socket uses one of their cookies. Raised where
   * needed so no member holds more sockets than the studio allows one member (4429 beyond).
   */
  members: number
  /** Everyone who will connect at once, to size the members by. */
  people: number
  /** Directory for a V8 CPU profile of the server (`node --cpu-prof`), written when it stops. */
  profileDir?: string
}

const here = path.dirname(fileURLToPath(import.meta.url))
const settleHook = path.join(here, 'servers/settle-hook.ts')

let stoppedServersCpu = 0
/** CPU time (µs) used by every server this bench has stopped so far, to tell its load from the machine's. */
export function serversCpuMicros(): number {
  return stoppedServersCpu
}

export async function startServer(kind: ServerKind, options: StartOptions): Promise<ServerUnderTest> {
  if (kind === 'studio') return startStudio(options)
  if (kind === 'studio-collab-alone') return startStudioCollabAlone(options)
  const logDir = await mkdtemp(path.join(tmpdir(), `bench-${kind}-`))
  const port = await freePort()
  // The diagnostic keeps its SQLite file beside its log.
  const child = spawnNode(path.join(here, scripts[kind]), { ...process.env, PORT: String(port), DATA_DIR: logDir }, logDir, options.profileDir)
  const url = `ws://127.0.0.1:${port}`
  await waitForHttp(`http://127.0.0.1:${port}/`, child, logDir)
  const endpoint: Endpoint = kind === 'y-websocket' ? { protocol: 'y-websocket', url } : { protocol: 'hocuspocus', url, origin: `http://127.0.0.1:${port}`, cookies: [] }
  return handle(kind, child, endpoint, logDir, async () => null, async () => rm(logDir, { recursive: true, force: true }))
}

async function startStudio(options: StartOptions): Promise<ServerUnderTest> {
  const { store, members } = await storeWithMembers(options)
  const port = await freePort()
  // The studio's normal configuration: durable log on, info logging (to a file here).
  const env = { ...process.env, ...studioEnv(store, port, { LOG_LEVEL: 'info' }) }
  const child = spawnNode(path.join(repositoryRoot, 'apps/server/src/main.ts'), env, store.dataDir, options.profileDir)
  const baseUrl = `http://127.0.0.1:${port}`
  await waitForHttp(`${baseUrl}/healthz`, child, store.dataDir)
  // Each sign-in costs a scrypt hash: a few members, each cookie shared by many sockets.
  const cookies = await Promise.all(members.map((member) => signIn(baseUrl, member.email)))
  const endpoint: Endpoint = { protocol: 'hocuspocus', url: `ws://127.0.0.1:${port}/collab`, origin: baseUrl, cookies }
  return handle('studio', child, endpoint, store.dataDir, () => studioLoadedDocuments(baseUrl), () => disposeStore(store))
}

/** The studio's collaboration server in a process of its own; its members' sessions are made in the store, as it has no sign-in. */
async function startStudioCollabAlone(options: StartOptions): Promise<ServerUnderTest> {
  const { store, members } = await storeWithMembers(options)
  const opened = await openStore(store)
  const cookies = await Promise.all(members.map(async (member) => `${sessionCookieName}=${await createSession(opened.db, member.id)}`))
  await opened.close()
  const port = await freePort()
  const child = spawnNode(path.join(here, 'servers/studio-collab-alone.ts'), { ...process.env, ...studioEnv(store, port) }, store.dataDir, options.profileDir)
  const baseUrl = `http://127.0.0.1:${port}`
  await waitForHttp(`${baseUrl}/`, child, store.dataDir)
  const endpoint: Endpoint = { protocol: 'hocuspocus', url: `ws://127.0.0.1:${port}/collab`, origin: baseUrl, cookies }
  return handle('studio-collab-alone', child, endpoint, store.dataDir, async () => null, () => disposeStore(store))
}

async function storeWithMembers(options: StartOptions): Promise<{ store: StoreTarget; members: TestMember[] }> {
  const store = await freshStore('sqlite')
  // Each member holds at most half the studio's per-member limit: in a reconnect storm a
  // member's new sockets arrive while the studio is still closing the old ones, and people
  // past the limit would be refused (4429), as a member with that many tabs would be.
  const count = Math.max(options.members, Math.ceil(options.people / (maxSocketsPerMember / 2)))
  const people = Array.from({ length: count }, (_, index) => ({ name: `Bench Person ${index + 1}`, role: 'contributor' as const }))
  return { store, members: await createMembers(store, people) }
}

function spawnNode(script: string, env: NodeJS.ProcessEnv, logDir: string, profileDir: string | undefined): ChildProcess {
  // BENCH_SERVER_LOG and BENCH_SERVER_FLAGS are for looking inside a server (main.ts lists them).
  const log = openSync(process.env.BENCH_SERVER_LOG ? `${process.env.BENCH_SERVER_LOG}-${path.basename(script)}.log` : path.join(logDir, 'server.log'), 'a')
  // V8 samples every 1 ms by default: too few samples in a window where a server is busy
  // for a few hundred milliseconds. Every 250 µs is finer without slowing it much.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${profileDir}`] : []
  const extraFlags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []
  return spawn(process.execPath, ['--expose-gc', ...extraFlags, '--import', settleHook, ...profile, script], { env, stdio: ['ignore', log, log] })
}

async function waitForHttp(url: string, child: ChildProcess, logDir: string): Promise<void> {
  await waitFor(async () => child.exitCode !== null || (await fetch(url).then((response) => response.ok, () => false)), 30_000, `${url} to answer`)
  if (child.exitCode !== null) throw new Error(`The server exited at start:\n${readLog(logDir)}`)
}

function handle(
  kind: ServerKind, child: ChildProcess, endpoint: Endpoint, logDir: string,
  loadedDocuments: () => Promise<number | null>, dispose: () => Promise<void>,
): ServerUnderTest {
  return {
    kind,
    pid: child.pid!,
    endpoint,
    loadedDocuments,
    collectGarbage: () => child.kill('SIGUSR2'),
    lastMemoryUsage() {
      const line = readLog(logDir).split('\n').findLast((text) => text.startsWith('bench-memory '))
      return line ? (JSON.parse(line.slice('bench-memory '.length)) as NodeJS.MemoryUsage) : undefined
    },
    async stop() {
      if (child.exitCode === null) {
        const used = cpuTimes(child.pid!)
        stoppedServersCpu += used.user + used.system
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const forced = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(forced)
      }
      await dispose()
    },
  }
}

async function studioLoadedDocuments(baseUrl: string): Promise<number | null> {
  // /metrics answers loopback callers without a token.
  const text = await fetch(`${baseUrl}/metrics`).then((response) => response.text())
  const match = /^studio_documents_loaded (\d+)/m.exec(text)
  return match ? Number(match[1]) : null
}

async function disposeStore(store: StoreTarget): Promise<void> {
  await store.dispose()
}

function readLog(logDir: string): string {
  try {
    return readFileSync(path.join(logDir, 'server.log'), 'utf8').slice(-4000)
  } catch {
    return ''
  }
}
