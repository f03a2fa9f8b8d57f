/**
 * A store that cannot be opened stops the start with one clear line naming the variable
 * and the fix, never a stack trace or a silent hang: a DATA_DIR nobody can write to (tests
 * run as root, who writes anywhere, so the directory is made immutable, or lies under a
 * regular file), and a DATABASE_URL pointing at a port where nothing listens. The real
 * entry point runs as a child process.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort, repositoryRoot, studioEnv, waitFor } from '../support/studio.ts'

const run = promisify(execFile)
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Ended {
  code: number | null
  lines: string[]
  output: string
  ms: number
}

/** Runs apps/server/src/main.ts with `env` and waits (at most 30 s) for it to end. */
async function startExpectingFailure(env: { dataDir: string; databaseUrl: string | null }): Promise<Ended> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'apps/server/src/main.ts')], {
    env: { ...process.env, ...studioEnv({ kind: 'sqlite', ...env, dispose: async () => {} }, port, { LOG_LEVEL: 'info' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'))
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  let code: number | null = null
  let ended = false
  child.once('exit', (exitCode) => {
    code = exitCode
    ended = true
  })
  await waitFor(() => ended, 30_000, 'the studio to give up and exit')
  // Output still in the pipes arrives with their close.
  await new Promise((resolve) => (child.stdout.closed ? resolve(null) : child.stdout.once('close', resolve)))
  return { code, output, lines: output.split('\n').filter((line) => line.trim() !== ''), ms: performance.now() - started }
}

function expectOneClearLine(ended: Ended, variable: string): void {
  expect(ended.code, ended.output).not.toBe(0)
  expect(ended.code, ended.output).not.toBeNull()
  expect(ended.lines, ended.output).toHaveLength(1)
  expect(ended.lines[0]).toContain(variable)
  expect(ended.output).not.toMatch(/^\s+at /m)
  // Generous: starting Node and loading the server takes several seconds on a busy machine.
  expect(ended.ms).toBeLessThan(20_000)
}

describe('start-up with a store that cannot be opened', () => {
  it('names DATA_DIR and the fix in one line when DATA_DIR cannot be written (an immutable directory)', async (context) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'studio-readonly-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    // Root ignores permission bits; the immutable attribute stops even root from creating files.
    const immutable = await run('chattr', ['+i', dataDir]).then(() => true, () => false)
    if (!immutable) context.skip('chattr +i is not available here (needs ext2/3/4 or similar and CAP_LINUX_IMMUTABLE)')
    cleanups.push(() => run('chattr', ['-i', dataDir]))

    const ended = await startExpectingFailure({ dataDir, databaseUrl: null })
    expectOneClearLine(ended, 'DATA_DIR')
    expect(ended.lines[0]).toMatch(/Set DATA_DIR to a directory/)
    console.info(`store-start-up: immutable DATA_DIR exits ${ended.code} in ${Math.round(ended.ms)} ms: ${ended.lines[0]}`)
  }, 45_000)

  it('names DATA_DIR and the fix in one line when DATA_DIR lies under a regular file', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'studio-notadir-'))
    cleanups.push(() => rm(base, { recursive: true, force: true }))
    await writeFile(path.join(base, 'a-file'), 'not a directory')
    await mkdir(path.join(base, 'elsewhere'))

    const ended = await startExpectingFailure({ dataDir: path.join(base, 'a-file', 'data'), databaseUrl: null })
    expectOneClearLine(ended, 'DATA_DIR')
  }, 45_000)

  it('names DATABASE_URL and the fix in one line, without the password, when PostgreSQL cannot be reached', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'studio-test-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const closedPort = await freePort()

    const ended = await startExpectingFailure({ dataDir, databaseUrl: `postgres://studio:secret-password@127.0.0.1:${closedPort}/studio` })
    expectOneClearLine(ended, 'DATABASE_URL')
    expect(ended.lines[0]).toContain(`127.0.0.1:${closedPort}`)
    expect(ended.output).not.toContain('secret-password')
    console.info(`store-start-up: unreachable DATABASE_URL exits ${ended.code} in ${Math.round(ended.ms)} ms: ${ended.lines[0]}`)
  }, 45_000)
})
