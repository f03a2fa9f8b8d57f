/**
 * Starts a real studio for a test: in this process (buildStudio, listening on a free
 * port) or as a child process running the real entry point, which a test can SIGKILL.
 */
import { buildStudio, type Studio, type StudioOptions } from '@studio/server'
import { loadConfig } from '@studio/server/config'
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { StoreTarget } from './stores.ts'

export const repositoryRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))

/**
 * A loopback port nobody is listening on. It is drawn from below the kernel's ephemeral
 * range: a port the kernel handed out (listen on 0) can be handed out again at once as the
 * local end of some outgoing connection (to PostgreSQL, Redis, another test's studio), and
 * the studio about to listen on it would then fail with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  const lowest = 20_000
  const ceiling = ephemeralRangeStart()
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = lowest + Math.floor(Math.random() * (ceiling - lowest))
    if (await canListen(port)) return port
  }
  throw new Error(`No free port between ${lowest} and ${ceiling}`)
}

function ephemeralRangeStart(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)
    const port = Number(start)
    return Number.isInteger(port) && port > 21_000 ? port : 32_768
  } catch {
    return 32_768
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

export function studioEnv(store: StoreTarget, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: store.dataDir,
    // Empty means unset, and overrides a DATABASE_URL inherited from the test runner.
    DATABASE_URL: store.databaseUrl ?? '',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_SIGNIN: '1000,10000',
    RATE_LIMIT_SIGNUP: '1000',
    ...extra,
  }
}

export interface RunningStudio {
  studio: Studio
  url: string
  origin: string
  close(): Promise<void>
}

/** A studio in this process, listening on a free loopback port. */
export async function startStudio(store: StoreTarget, extraEnv: Record<string, string> = {}, options: StudioOptions = {}): Promise<RunningStudio> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const config = loadConfig(studioEnv(store, port, extraEnv))
    const studio = await buildStudio(config, options)
    try {
      await studio.app.listen({ port, host: '127.0.0.1' })
    } catch (error) {
      await studio.close()
      // Another test took the port between the check and the listen: draw another.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 3) continue
      throw error
    }
    return { studio, url: config.publicUrl, origin: config.publicOrigin, close: () => studio.close() }
  }
}

export interface StudioProcess {
  child: ChildProcess
  url: string
  output: () => string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

export interface StartingStudio extends StudioProcess {
  /** Ends the process if it is still running and waits until it has. */
  stop(): Promise<void>
}

/**
 * The real entry point (`node apps/server/src/main.ts`) as a child process, not waited for:
 * a test can watch what a start that fails or waits prints, and whether it ends.
 */
export function startEntryPoint(store: StoreTarget, port: number, extraEnv: Record<string, string> = {}): StartingStudio {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'apps/server/src/main.ts')], {
    env: { ...process.env, ...studioEnv(store, port, extraEnv) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/**
 * How long a spawned studio may take to answer. It starts in a second or two on a quiet
 * machine, but a fresh Node loading every module while the rest of the suite (and, in
 * end-to-end runs, browsers) share two cores has taken over 20 s.
 */
const spawnDeadlineMs = 60_000

/** The real entry point as a child process, once it answers /healthz. */
export async function spawnStudio(store: StoreTarget, port: number, extraEnv: Record<string, string> = {}): Promise<StudioProcess> {
  const studio = startEntryPoint(store, port, extraEnv)
  await waitFor(async () => (await fetch(`${studio.url}/healthz`).then((r) => r.ok).catch(() => false)) || studio.child.exitCode !== null, spawnDeadlineMs, 'the studio to answer /healthz')
  if (studio.child.exitCode !== null) throw new Error(`The studio exited at start:\n${studio.output()}`)
  return studio
}

/**
 * One of several instances a test runs side by side: the real entry point on a free port,
 * ended with SIGKILL (if it still runs) when the test's `cleanups` run, last first.
 */
export async function spawnInstance(store: StoreTarget, extraEnv: Record<string, string>, cleanups: Array<() => unknown>): Promise<StudioProcess> {
  const studio = await spawnStudio(store, await freePort(), extraEnv)
  cleanups.push(() => {
    if (studio.child.exitCode === null) studio.child.kill('SIGKILL')
    return studio.exited
  })
  return studio
}

/** Polls until `condition` holds or the deadline passes (then throws). Never a fixed sleep. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
