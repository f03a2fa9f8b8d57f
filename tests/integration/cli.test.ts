/**
 * `pnpm studio user:create`, run as the real CLI in a child process against a fresh
 * store: it creates an approved member who can then sign in, or exits 1 with a message.
 */
import { ErrorCode, type ErrorBody, type Member } from '@studio/contract'
import { openStore } from '@studio/server/store/database'
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { repositoryRoot, startStudio } from '../support/studio.ts'

const password = 'a password from the shell'
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

interface CliOptions {
  /** STUDIO_PASSWORD; undefined leaves it unset so the CLI reads standard input. */
  passwordEnv?: string
  stdin?: string
}

function runCli(store: StoreTarget, args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: store.dataDir,
    // Empty means unset, and overrides a DATABASE_URL inherited from the test runner.
    DATABASE_URL: store.databaseUrl ?? '',
    REDIS_URL: '',
  }
  delete env.STUDIO_PASSWORD
  if (options.passwordEnv !== undefined) env.STUDIO_PASSWORD = options.passwordEnv
  const child = spawn(process.execPath, ['apps/server/src/cli.ts', 'user:create', ...args], {
    cwd: repositoryRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  child.stdin.end(options.stdin ?? '')
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function memberEmails(store: StoreTarget): Promise<string[]> {
  const opened = await openStore(store)
  try {
    const rows = await opened.db.selectFrom('members').select('email').execute()
    return rows.map((row) => row.email)
  } finally {
    await opened.close()
  }
}

describe.each(storeKinds)('the user:create command on %s', (kind) => {
  async function fresh(): Promise<StoreTarget> {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    return store
  }

  /** Starts a studio on the store and returns a sign-in against it. */
  async function studioSignIn(store: StoreTarget): Promise<(email: string, secret: string) => Promise<Response>> {
    const studio = await startStudio(store)
    cleanups.push(() => studio.close())
    return (email, secret) =>
      fetch(`${studio.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: studio.origin },
        body: JSON.stringify({ email, password: secret }),
      })
  }

  it('creates an approved member from STUDIO_PASSWORD, who can then sign in', async () => {
    const store = await fresh()
    const result = await runCli(store, ['--email', 'Ada@Example.org', '--name', 'Ada Organiser', '--role', 'organiser'], { passwordEnv: password })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('ada@example.org')

    const signIn = await studioSignIn(store)
    const response = await signIn('ada@example.org', password)
    expect(response.status).toBe(200)
    const { user } = (await response.json()) as { user: Member }
    expect(user).toMatchObject({ name: 'Ada Organiser', email: 'ada@example.org', role: 'organiser', status: 'approved', timezone: 'Europe/London' })
  })

  it('reads the password from standard input when STUDIO_PASSWORD is unset', async () => {
    const store = await fresh()
    const result = await runCli(store, ['--email', 'ben@example.org', '--name', 'Ben Observer', '--role', 'observer', '--timezone', 'America/Chicago'], { stdin: `${password}\n` })
    expect(result.code, result.stderr).toBe(0)

    const signIn = await studioSignIn(store)
    const response = await signIn('ben@example.org', password)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { user: Member }).user).toMatchObject({ role: 'observer', status: 'approved', timezone: 'America/Chicago' })
    const wrong = await signIn('ben@example.org', `${password}\n`)
    expect(((await wrong.json()) as ErrorBody).error.code).toBe(ErrorCode.invalidCredentials)
  })

  it('exits 1 saying the account exists when the email is already registered', async () => {
    const store = await fresh()
    const args = ['--email', 'cat@example.org', '--name', 'Cat Contributor', '--role', 'contributor']
    expect((await runCli(store, args, { passwordEnv: password })).code).toBe(0)
    const again = await runCli(store, [...args.slice(0, 3), 'Another Cat', ...args.slice(4)], { passwordEnv: 'another long password' })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/cat@example\.org already exists/)
    expect(await memberEmails(store)).toEqual(['cat@example.org'])
    // The first account keeps its own password.
    const signIn = await studioSignIn(store)
    expect((await signIn('cat@example.org', password)).status).toBe(200)
  })

  it('exits 1 naming --role for a role that does not exist', async () => {
    const store = await fresh()
    const result = await runCli(store, ['--email', 'dan@example.org', '--name', 'Dan', '--role', 'admin'], { passwordEnv: password })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--role')
    expect(result.stderr).toContain('organiser, contributor, observer')
    expect(await memberEmails(store)).toEqual([])
  })

  it('exits 1 naming --name when the name is missing', async () => {
    const store = await fresh()
    const result = await runCli(store, ['--email', 'eve@example.org', '--role', 'contributor'], { passwordEnv: password })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--name')
    expect(result.stderr).not.toContain('--email:')
    expect(await memberEmails(store)).toEqual([])
  })

  it('exits 1 naming --email when the address is not an email', async () => {
    const store = await fresh()
    const result = await runCli(store, ['--email', 'not-an-email', '--name', 'Fay', '--role', 'contributor'], { passwordEnv: password })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--email')
    expect(await memberEmails(store)).toEqual([])
  })

  it('exits 1 for a password shorter than 12 characters, from either source', async () => {
    const store = await fresh()
    const args = ['--email', 'gus@example.org', '--name', 'Gus', '--role', 'contributor']
    for (const options of [{ passwordEnv: 'elevenchars' }, { stdin: 'elevenchars\n' }]) {
      const result = await runCli(store, args, options)
      expect(result.code, JSON.stringify(options)).toBe(1)
      expect(result.stderr).toMatch(/Password: .*12/)
    }
    expect(await memberEmails(store)).toEqual([])
  })
})
